import type { CredentialField } from '@identity-kit/sdk';

export type CredentialValues = Record<string, string>;

/**
 * What is wrong with one value, as a message key: `required` and `invalidFormat` are the kit's shared form
 * messages, the others the picker's own.
 */
export type CredentialProblem =
  | { code: 'required' | 'invalidFormat' | 'url' | 'email' | 'json' }
  | { code: 'tooShort' | 'tooLong'; count: number };

/** True when `run` returns something truthy without throwing. */
const ok = (run: () => unknown) => {
  try {
    return Boolean(run());
  } catch {
    return false;
  }
};

// The server's checks (packages/mocks/src/domain/credentials.ts), so the admin hears of a mistake when leaving the
// field rather than after a round trip. The catalog uses these formats; `uuid` and `hostname` are left to the
// server, whose field error lands on the field all the same.
const formats: Record<string, (value: string) => boolean> = {
  url: (v) => /^https?:\/\/[^\s/]/i.test(v) && ok(() => new URL(v)),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  json: (v) => ok(() => typeof JSON.parse(v) === 'object'),
};

/**
 * A field (or a setup step) with `showWhen` exists only while the field it depends on has the given value: a
 * hidden field is neither shown, checked nor sent.
 */
export function isShown(item: Pick<CredentialField, 'showWhen'>, values: CredentialValues): boolean {
  return !item.showWhen || values[item.showWhen.field] === item.showWhen.equals;
}

/**
 * Checks one value (trimmed, as it is sent) against the field's type and `validation`. `kept`: a saved secret
 * that an empty value leaves in place, so it is not required again.
 */
export function checkCredential(
  field: CredentialField,
  raw: string,
  kept = false,
): CredentialProblem | undefined {
  const value = raw.trim();
  if (!value) return field.required && !kept ? { code: 'required' } : undefined;
  const { format = field.kind, pattern, minLength = 0, maxLength = 20_000 } = field.validation ?? {};
  // 20,000: the contract's limit on any credential value (`CredentialInput`).
  const max = Math.min(maxLength, 20_000);
  if (value.length < minLength) return { code: 'tooShort', count: minLength };
  if (value.length > max) return { code: 'tooLong', count: max };
  const valid = formats[format];
  if (valid && !valid(value)) return { code: format as 'url' };
  // A host's catalog with a pattern this browser cannot read: left to the server.
  if (pattern && ok(() => !new RegExp(`^(?:${pattern})$`).test(value))) return { code: 'invalidFormat' };
}
