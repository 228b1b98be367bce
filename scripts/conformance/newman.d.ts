// newman ships no types; the conformance script uses only `run(options, callback)`.
declare module 'newman' {
  const newman: { run(options: object, callback: (error: Error | null, summary: unknown) => void): void };
  export default newman;
}
