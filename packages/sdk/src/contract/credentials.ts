// A provider's directory credentials against its catalog fields: which are shown, what is valid, what reads
// return (secrets only as hints).
import type { CredentialField, CredentialValue, FieldError, Provider } from '../schema';
import { orList } from './words';

const MAX_VALUE_LENGTH = 20_000;

const FORMATS: Record<string, (value: string) => boolean> = {
  url: (v) => URL.canParse(v) && /^https?:\/\//i.test(v),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  hostname: (v) =>
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v),
  json: (v) => {
    try {
      return typeof JSON.parse(v) === 'object';
    } catch {
      return false;
    }
  },
};

/** How a format error reads: "Okta org URL must be a web address, such as https://example.com." */
const FORMAT_WORDS: Record<string, string> = {
  url: 'a web address, such as https://example.com',
  email: 'an email address',
  uuid: 'an ID in the form 00000000-0000-0000-0000-000000000000',
  hostname: 'a host name, such as example.com',
  json: 'JSON, pasted whole',
};

/** Below this length, or on several lines (a key file), a secret gets no hint: its end would give too much away. */
export const MIN_HINTED_SECRET = 16;

function fieldsOf(provider: Provider): CredentialField[] {
  return provider.directorySync?.fields ?? [];
}

/** `showWhen` fields count only while the field they depend on has the given value. */
export function isShown(field: CredentialField, values: Record<string, string>): boolean {
  return !field.showWhen || values[field.showWhen.field] === field.showWhen.equals;
}

/**
 * Only the values of fields the form shows for these values: switching Okta from an API token to OAuth
 * forgets the token, so it is neither kept, hinted at nor checked with the provider any more.
 */
export function shownCredentials(provider: Provider, values: Record<string, string>): Record<string, string> {
  const hidden = new Set(
    fieldsOf(provider)
      .filter((f) => !isShown(f, values))
      .map((f) => f.key),
  );
  return Object.fromEntries(Object.entries(values).filter(([key]) => !hidden.has(key)));
}

function checkValue(field: CredentialField, value: string, path: string): FieldError | null {
  const { validation } = field;
  if (value.length > MAX_VALUE_LENGTH) {
    return {
      path,
      code: 'too_long',
      message: `${field.label} is too long.`,
      params: { max: MAX_VALUE_LENGTH },
    };
  }
  if (field.kind === 'select' && field.options && !field.options.some((o) => o.value === value)) {
    const allowed = field.options.map((o) => o.value).join(', ');
    return {
      path,
      code: 'not_allowed',
      message: `Choose the ${field.label}: ${orList(field.options.map((o) => o.label))}.`,
      params: { allowed },
    };
  }
  if (validation?.minLength !== undefined && value.length < validation.minLength) {
    const min = validation.minLength;
    return {
      path,
      code: 'too_short',
      message: `${field.label} must be at least ${min} characters.`,
      params: { min },
    };
  }
  if (validation?.maxLength !== undefined && value.length > validation.maxLength) {
    const max = validation.maxLength;
    return {
      path,
      code: 'too_long',
      message: `${field.label} must be at most ${max} characters.`,
      params: { max },
    };
  }
  const format = validation?.format;
  if (format && !FORMATS[format]?.(value)) {
    return {
      path,
      code: 'invalid_format',
      message: `${field.label} must be ${FORMAT_WORDS[format] ?? format}.`,
      params: { format },
    };
  }
  if (validation?.pattern && !new RegExp(`^(?:${validation.pattern})$`).test(value)) {
    return {
      path,
      code: 'invalid_format',
      message: `${field.label} does not look right. ${field.help ?? ''}`.trim(),
    };
  }
  return null;
}

/**
 * Checks credentials (already merged with the stored ones on update) against the provider's fields.
 * `sent` is what the request carried: wrong types and unknown keys are reported only for those.
 */
export function validateCredentials(
  provider: Provider,
  sent: Record<string, unknown>,
  merged: Record<string, string>,
): FieldError[] {
  const fields = fieldsOf(provider);
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(sent)) {
    const path = `credentials.${key}`;
    if (!fields.some((f) => f.key === key)) {
      errors.push({ path, code: 'unknown', message: `${provider.name} has no credential named ${key}.` });
    } else if (typeof value !== 'string') {
      const label = fields.find((f) => f.key === key)?.label ?? key;
      errors.push({ path, code: 'invalid_format', message: `${label} must be text.` });
    }
  }
  for (const field of fields) {
    if (!isShown(field, merged) || errors.some((e) => e.path === `credentials.${field.key}`)) continue;
    const value = merged[field.key];
    const path = `credentials.${field.key}`;
    if (value === undefined || value === '') {
      if (field.required) errors.push({ path, code: 'required', message: `Enter the ${field.label}.` });
      continue;
    }
    const error = checkValue(field, value, path);
    if (error) errors.push(error);
  }
  return errors;
}

export function secretKeys(provider: Provider): Set<string> {
  return new Set(
    fieldsOf(provider)
      .filter((f) => f.secret)
      .map((f) => f.key),
  );
}

/**
 * `••••` and the last 4 characters of a long single-line secret token; only `••••` for anything else. Keys and
 * key files (textarea fields) get no hint at all: their last characters are structure (`"}`, `-----`), or the key.
 */
export function secretHint(value: string, kind: string = 'secret'): string {
  return kind === 'secret' && value.length >= MIN_HINTED_SECRET && !/[\r\n]/.test(value)
    ? `••••${value.slice(-4)}`
    : '••••';
}

/** What reads return: plain values, and for secrets only a hint. */
export function maskCredentials(
  provider: Provider,
  values: Record<string, string>,
): Record<string, CredentialValue> {
  const secrets = secretKeys(provider);
  const kinds = new Map(fieldsOf(provider).map((f) => [f.key, f.kind]));
  const masked: Record<string, CredentialValue> = {};
  for (const [key, value] of Object.entries(values)) {
    masked[key] = secrets.has(key)
      ? { secret: true, hint: secretHint(value, kinds.get(key)) }
      : { secret: false, value };
  }
  return masked;
}
