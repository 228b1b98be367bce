/** A path with every interpolated value URL-encoded, so an id can never escape its segment. */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i] as string) : ''),
    '',
  );
}
