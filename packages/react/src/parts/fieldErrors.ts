import type { FieldError, ValidationError } from '@identity-kit/sdk';
import type { formsMessages } from '../i18n/en/forms';
import type { Params } from '../i18n/format';

type FormsT = (key: keyof typeof formsMessages, params?: Params) => string;

const byCode: Partial<Record<string, keyof typeof formsMessages>> = {
  required: 'required',
  invalid_format: 'invalidFormat',
  too_short: 'tooShort',
  too_long: 'tooLong',
};

/** The server's field errors by path (`credentials.apiToken`), worded in the active locale where the kit can. */
export function fieldErrorsOf(error: unknown, t: FormsT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of (error as Partial<ValidationError> | null)?.fieldErrors ?? [])
    out[e.path] = wordFieldError(e, t);
  return out;
}

export function wordFieldError(error: FieldError, t: FormsT): string {
  const key = byCode[error.code];
  return key ? t(key) : error.message;
}
