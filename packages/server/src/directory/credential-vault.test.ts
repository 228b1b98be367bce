import { describe, expect, it } from 'vitest';
import { createCredentialVault, generateCredentialKey } from './credential-vault';

describe('the credential vault', () => {
  it('seals so that nothing of the secret shows, and opens only for the same connection', () => {
    const vault = createCredentialVault(generateCredentialKey('k1'));
    const sealed = vault.seal('dir_1', { apiToken: '00aBcDeFgHiJkLmNoPqRsTuVwXyZ' });
    expect(sealed).not.toContain('00aBcDeF');
    expect(vault.open('dir_1', sealed)).toEqual({ apiToken: '00aBcDeFgHiJkLmNoPqRsTuVwXyZ' });
    expect(() => vault.open('dir_2', sealed)).toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}`;
    expect(() => vault.open('dir_1', tampered)).toThrow();
  });

  it('rotates keys: a new first key seals, the old one still opens, and says which values to re-seal', () => {
    const old = generateCredentialKey('k1');
    const sealed = createCredentialVault(old).seal('dir_1', { apiKey: 'x' });
    const rotated = createCredentialVault(`${generateCredentialKey('k2')},${old}`);
    expect(rotated.open('dir_1', sealed)).toEqual({ apiKey: 'x' });
    expect(rotated.stale(sealed)).toBe(true);
    expect(rotated.stale(rotated.seal('dir_1', { apiKey: 'x' }))).toBe(false);
    expect(() => createCredentialVault(generateCredentialKey('k3')).open('dir_1', sealed)).toThrow(
      /key "k1"/,
    );
  });

  it('refuses to store anything without a key, and says how to configure one', () => {
    const vault = createCredentialVault('');
    expect(vault.ready).toBe(false);
    expect(() => vault.seal('dir_1', {})).toThrow(/IDENTITY_KIT_CREDENTIAL_KEYS/);
    expect(() => createCredentialVault('k1:short')).toThrow(/32 bytes/);
  });
});
