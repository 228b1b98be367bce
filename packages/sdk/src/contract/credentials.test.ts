import { describe, expect, it } from 'vitest';
import { MIN_HINTED_SECRET, secretHint } from './credentials';

describe('secretHint', () => {
  it('shows the last 4 characters of a long single-line secret', () => {
    expect(secretHint('00aBcDeFgHiJkLmNoPqRsTuVwXyZ')).toBe('••••wXyZ');
    expect(secretHint(`${'x'.repeat(MIN_HINTED_SECRET - 4)}abcd`)).toBe('••••abcd');
  });

  it('shows nothing of a short secret, where 4 characters would be a large part of it', () => {
    expect(secretHint('hunter2')).toBe('••••');
    expect(secretHint('x'.repeat(MIN_HINTED_SECRET - 1))).toBe('••••');
  });

  it('shows nothing of a key file, whose end is only its footer', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    expect(secretHint(pem)).toBe('••••');
  });
});

describe('hints for key files', () => {
  it('never hint at a private key pasted into a textarea, however long', () => {
    const key = JSON.stringify({ kty: 'RSA', d: 'x'.repeat(40), n: 'y'.repeat(40) });
    expect(secretHint(key, 'textarea')).toBe('••••');
    expect(secretHint('a'.repeat(40), 'secret')).toBe('••••aaaa');
  });
});
