// SCIM bearer tokens: 256 random bits, shown once; only their SHA-256 hash and a short hint are kept.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'scim_';

export function generateToken(): { secret: string; hash: Buffer; hint: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashToken(secret), hint: `…${secret.slice(-4)}` };
}

export function hashToken(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time comparison of two hashes (both are 32 bytes, so the length check leaks nothing). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
