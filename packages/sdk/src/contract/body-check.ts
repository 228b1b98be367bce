import type { FieldError } from '../schema';
import { badRequest, validationFailed } from './contract-error';
import { orList } from './words';

interface Limits {
  required?: boolean;
  min?: number;
  max?: number;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/**
 * Hand-written request-body checks, collecting every problem as a field error.
 * Each method returns the value when it is valid, otherwise undefined.
 *
 * Every check takes the label the admin sees next to the field ("Session duration"), so messages read as
 * the form does; `path` names the request field and `params` carry the numbers, for hosts that translate.
 */
export class BodyCheck {
  private constructor(
    private readonly body: Record<string, unknown>,
    private readonly prefix: string,
    readonly errors: FieldError[],
  ) {}

  static of(body: unknown): BodyCheck {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest(`The request body must be a JSON object, not ${describe(body)}.`);
    }
    return new BodyCheck(body as Record<string, unknown>, '', []);
  }

  private path(key: string): string {
    return this.prefix ? `${this.prefix}.${key}` : key;
  }

  add(error: FieldError): void {
    this.errors.push(error);
  }

  has(key: string): boolean {
    return this.body[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.body[key];
  }

  /** Unknown keys are a mistake in the calling code, not the admin's: the message names the key. */
  allowOnly(keys: readonly string[]): this {
    for (const key of Object.keys(this.body)) {
      if (!keys.includes(key)) {
        const path = this.path(key);
        this.add({ path, code: 'unknown', message: `${path} is not a field this request accepts.` });
      }
    }
    return this;
  }

  private present(key: string, required: boolean | undefined, message: string): boolean {
    if (this.body[key] !== undefined) return true;
    if (required) this.add({ path: this.path(key), code: 'required', message });
    return false;
  }

  private wrongType(key: string, label: string, expected: string): undefined {
    this.add({
      path: this.path(key),
      code: 'invalid_format',
      message: `${label} must be ${expected}, not ${describe(this.body[key])}.`,
    });
    return undefined;
  }

  string(key: string, label: string, { required, min, max }: Limits = {}): string | undefined {
    if (!this.present(key, required, `Enter the ${label}.`)) return undefined;
    const value = this.body[key];
    if (typeof value !== 'string') return this.wrongType(key, label, 'text');
    const path = this.path(key);
    if (min !== undefined && value.length < min) {
      const message =
        min === 1 ? `${label} cannot be empty.` : `${label} must be at least ${min} characters.`;
      this.add({ path, code: 'too_short', message, params: { min } });
      return undefined;
    }
    if (max !== undefined && value.length > max) {
      this.add({
        path,
        code: 'too_long',
        message: `${label} must be at most ${max} characters.`,
        params: { max },
      });
      return undefined;
    }
    return value;
  }

  /** `format` words a bound as the admin thinks of it: `duration` turns 900 into "15 minutes". */
  integer(
    key: string,
    label: string,
    {
      required,
      min,
      max,
      nullable,
      format = String,
    }: Limits & { nullable?: boolean; format?: (n: number) => string } = {},
  ): number | null | undefined {
    if (!this.present(key, required, `Enter the ${label}.`)) return undefined;
    const value = this.body[key];
    if (value === null && nullable) return null;
    if (typeof value !== 'number' || !Number.isInteger(value))
      return this.wrongType(key, label, 'a whole number');
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      const params = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
      const message =
        min !== undefined && max !== undefined
          ? `${label} must be between ${format(min)} and ${format(max)}.`
          : min !== undefined
            ? `${label} must be at least ${format(min)}.`
            : `${label} must be at most ${format(max as number)}.`;
      this.add({ path: this.path(key), code: 'out_of_range', message, params });
      return undefined;
    }
    return value;
  }

  /** `choice` completes "Choose …": "whether to keep your current session". */
  boolean(key: string, choice: string, { required }: Limits = {}): boolean | undefined {
    const message = `Choose ${choice}.`;
    if (!this.present(key, required, message)) return undefined;
    const value = this.body[key];
    if (typeof value === 'boolean') return value;
    this.add({ path: this.path(key), code: 'invalid_format', message });
    return undefined;
  }

  /** `choice` completes "Choose …": "what happens to deprovisioned users". */
  oneOf<T extends string>(
    key: string,
    choice: string,
    allowed: readonly T[],
    { required }: Limits = {},
  ): T | undefined {
    const message = `Choose ${choice}: ${orList(allowed)}.`;
    if (!this.present(key, required, message)) return undefined;
    const value = this.body[key];
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      const code = typeof value === 'string' ? 'not_allowed' : 'invalid_format';
      this.add({ path: this.path(key), code, message, params: { allowed: allowed.join(', ') } });
      return undefined;
    }
    return value as T;
  }

  /** A nested object, checked with the same error list and a dotted prefix. */
  object(key: string, label: string, { required }: Limits = {}): BodyCheck | undefined {
    if (!this.present(key, required, `Enter the ${label}.`)) return undefined;
    const value = this.body[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.wrongType(key, label, 'an object');
    return new BodyCheck(value as Record<string, unknown>, this.path(key), this.errors);
  }

  /** Throws one 422 with every field error collected so far. */
  done(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }
}
