import { randomBytes, randomUUID } from 'node:crypto';

/** Opaque ids: a readable prefix and 96 random bits; SCIM resources get UUIDs, as identity providers expect. */
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
export const newResourceId = () => randomUUID();
