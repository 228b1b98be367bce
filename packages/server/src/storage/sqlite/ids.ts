import { randomBytes, randomUUID } from 'node:crypto';

/** Opaque ids: a readable prefix and 96 random bits. */
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * SCIM resources get UUIDs, as identity providers expect: version 7 (RFC 9562), whose leading 48 bits are the
 * time in milliseconds, so a bulk push appends to the primary-key index instead of dirtying a random page of it
 * for every user (each dirty page is another 4 KB written to the WAL per commit). 74 bits stay random.
 */
export function newResourceId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID's v4 layout, xxxxxxxx-xxxx-4xxx-yxxx-…: keep the random part from the version nibble on.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
