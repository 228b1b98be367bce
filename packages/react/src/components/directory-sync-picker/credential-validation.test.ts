import type { CredentialField } from '@identity-kit/sdk';
import { findProvider } from '@identity-kit/sdk/providers';
import { describe, expect, it } from 'vitest';
import { checkCredential, isShown } from './credential-validation';

const fields = (id: string) => findProvider(id)?.directorySync?.fields ?? [];
const field = (id: string, key: string) => fields(id).find((f) => f.key === key) as CredentialField;

describe('checkCredential', () => {
  it('requires a required value, unless a saved secret is kept', () => {
    expect(checkCredential(field('okta', 'apiToken'), '  ')).toEqual({ code: 'required' });
    expect(checkCredential(field('okta', 'apiToken'), '', true)).toBeUndefined();
    expect(checkCredential(field('okta', 'keyId'), '')).toBeUndefined();
  });

  it('checks the format, then the pattern, on the trimmed value', () => {
    const orgUrl = field('okta', 'orgUrl');
    expect(checkCredential(orgUrl, 'acme.okta.com')).toEqual({ code: 'url' });
    expect(checkCredential(orgUrl, 'https://acme-admin.okta.com')).toEqual({ code: 'invalidFormat' });
    expect(checkCredential(orgUrl, ' https://acme.okta.com ')).toBeUndefined();
    expect(checkCredential(field('entra_id', 'clientId'), 'not-a-guid')).toEqual({ code: 'invalidFormat' });
    expect(checkCredential(field('google_workspace', 'adminEmail'), 'svc@p.iam.gserviceaccount.com')).toEqual(
      { code: 'invalidFormat' },
    );
    expect(checkCredential(field('google_workspace', 'serviceAccountKey'), '{"type": ')).toEqual({
      code: 'json',
    });
  });

  it('checks lengths, and lets the server judge a pattern this engine cannot read', () => {
    const base: CredentialField = { key: 'k', label: 'K', kind: 'text', secret: false, required: true };
    expect(checkCredential({ ...base, validation: { minLength: 3 } }, 'ab')).toEqual({
      code: 'tooShort',
      count: 3,
    });
    expect(checkCredential({ ...base, validation: { maxLength: 2 } }, 'abc')).toEqual({
      code: 'tooLong',
      count: 2,
    });
    expect(checkCredential({ ...base, validation: { pattern: '(' } }, 'abc')).toBeUndefined();
    // uuid and hostname are the server's to check.
    expect(checkCredential({ ...base, validation: { format: 'uuid' } }, 'abc')).toBeUndefined();
    expect(checkCredential({ ...base, validation: { format: 'hostname' } }, 'a b')).toBeUndefined();
    expect(checkCredential({ ...base, kind: 'email' }, 'ada@')).toEqual({ code: 'email' });
  });
});

describe('isShown', () => {
  it('follows showWhen', () => {
    expect(isShown(field('okta', 'apiToken'), { authMethod: 'api_token' })).toBe(true);
    expect(isShown(field('okta', 'apiToken'), { authMethod: 'oauth' })).toBe(false);
    expect(isShown(field('okta', 'orgUrl'), {})).toBe(true);
  });
});
