/** Deterministic ids (`usr_0001`, `scim_0002`…) so snapshots and stories stay stable. */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}_${String(n).padStart(4, '0')}`;
  }
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A bearer token: the prefix and 43 random base64url characters (256 bits). */
export function randomToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(43));
  let out = prefix;
  for (const byte of bytes) out += BASE64URL[byte & 63];
  return out;
}
