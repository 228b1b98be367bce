import type { CredentialField, CredentialValue, FieldError, Provider } from '@identity-kit/sdk';

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

function fieldsOf(provider: Provider): CredentialField[] {
  return provider.directorySync?.fields ?? [];
}

/** `showWhen` fields count only while the field they depend on has the given value. */
export function isShown(field: CredentialField, values: Record<string, string>): boolean {
  return !field.showWhen || values[field.showWhen.field] === field.showWhen.equals;
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
      message: `${field.label} must be one of: ${allowed}.`,
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
      message: `${field.label} is not a valid ${format}.`,
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
      errors.push({ path, code: 'invalid_format', message: 'Credentials must be strings.' });
    }
  }
  for (const field of fields) {
    if (!isShown(field, merged) || errors.some((e) => e.path === `credentials.${field.key}`)) continue;
    const value = merged[field.key];
    const path = `credentials.${field.key}`;
    if (value === undefined || value === '') {
      if (field.required) errors.push({ path, code: 'required', message: `${field.label} is required.` });
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

/** What reads return: plain values, and for secrets only a hint. */
export function maskCredentials(
  provider: Provider,
  values: Record<string, string>,
): Record<string, CredentialValue> {
  const secrets = secretKeys(provider);
  const masked: Record<string, CredentialValue> = {};
  for (const [key, value] of Object.entries(values)) {
    masked[key] = secrets.has(key)
      ? { secret: true, hint: `••••${value.slice(-4)}` }
      : { secret: false, value };
  }
  return masked;
}
