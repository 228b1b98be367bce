// Directory credentials at rest: sealed with AES-256-GCM under a key from the environment, bound to their
// connection (its id is the authenticated data, so a sealed value copied onto another connection does not open).
// Several keys may be configured: the first seals, any opens, so keys rotate without downtime (then re-seal).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** `IDENTITY_KIT_CREDENTIAL_KEYS`: comma-separated `id:base64-of-32-bytes`, the current key first. */
export const CREDENTIAL_KEYS_ENV = 'IDENTITY_KIT_CREDENTIAL_KEYS';

export class CredentialKeyError extends Error {
  override name = 'CredentialKeyError';
}

export interface CredentialVault {
  /** Whether a key is configured at all. */
  readonly ready: boolean;
  seal(connectionId: string, values: Record<string, string>): string;
  /** The values; a `CredentialKeyError` when they cannot be opened (their key is gone, or they were altered). */
  open(connectionId: string, sealed: string): Record<string, string>;
  /** Sealed under a key other than the current one. */
  stale(sealed: string): boolean;
}

/** A new key in the form the environment variable takes. */
export function generateCredentialKey(id = `k${Date.now().toString(36)}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

function parseKeys(spec: string): Array<{ id: string; key: Buffer }> {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      const id = part.slice(0, colon);
      const key = Buffer.from(part.slice(colon + 1), 'base64');
      if (colon < 1 || !/^[\w-]+$/.test(id) || key.length !== 32) {
        throw new CredentialKeyError(
          `${CREDENTIAL_KEYS_ENV} must be comma-separated "id:key" pairs, each key 32 bytes in base64 (identity-kit-server generate-key makes one).`,
        );
      }
      return { id, key };
    });
}

export function createCredentialVault(
  spec: string | undefined = process.env[CREDENTIAL_KEYS_ENV],
): CredentialVault {
  const keys = spec ? parseKeys(spec) : [];
  const current = keys[0];
  const missing = () =>
    new CredentialKeyError(
      `Directory credentials cannot be stored: no encryption key is configured. Set ${CREDENTIAL_KEYS_ENV} (identity-kit-server generate-key makes one).`,
    );
  return {
    ready: current !== undefined,
    seal(connectionId, values) {
      if (!current) throw missing();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(connectionId));
      const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
      return [
        'v1',
        current.id,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        data.toString('base64url'),
      ].join('.');
    },
    open(connectionId, sealed) {
      const [version, id, iv, tag, data] = sealed.split('.');
      const entry = keys.find((k) => k.id === id);
      if (version !== 'v1' || !entry || !iv || !tag || data === undefined) {
        throw entry || version !== 'v1'
          ? new CredentialKeyError('These directory credentials are not in a form this server can open.')
          : new CredentialKeyError(
              `These directory credentials were sealed with key "${id}", which ${CREDENTIAL_KEYS_ENV} no longer lists.`,
            );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(connectionId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as Record<string, string>;
      } catch {
        // Altered, or sealed for another connection: GCM's check fails.
        throw new CredentialKeyError(
          `These directory credentials do not open with key "${id}": they were altered.`,
        );
      }
    },
    stale(sealed) {
      return sealed.split('.')[1] !== current?.id;
    },
  };
}
