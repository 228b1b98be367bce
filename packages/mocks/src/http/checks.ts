import type { FieldError } from '@identity-kit/sdk';
import { badRequest, validationFailed } from './errors';

interface Limits {
  required?: boolean;
  min?: number;
  max?: number;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Hand-written request-body checks, collecting every problem as a field error.
 * Each method returns the value when it is valid, otherwise undefined.
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

  allowOnly(keys: readonly string[]): this {
    for (const key of Object.keys(this.body)) {
      if (!keys.includes(key)) {
        this.add({
          path: this.path(key),
          code: 'unknown',
          message: `${this.path(key)} is not a field of this request.`,
        });
      }
    }
    return this;
  }

  private present(key: string, required?: boolean): boolean {
    if (this.body[key] !== undefined) return true;
    if (required)
      this.add({ path: this.path(key), code: 'required', message: `${this.path(key)} is required.` });
    return false;
  }

  private wrongType(key: string, expected: string): undefined {
    const path = this.path(key);
    this.add({
      path,
      code: 'invalid_format',
      message: `${path} must be ${expected}, not ${describe(this.body[key])}.`,
    });
    return undefined;
  }

  string(key: string, { required, min, max }: Limits = {}): string | undefined {
    if (!this.present(key, required)) return undefined;
    const value = this.body[key];
    if (typeof value !== 'string') return this.wrongType(key, 'a string');
    const path = this.path(key);
    if (min !== undefined && value.length < min) {
      const message = min === 1 ? `${path} cannot be empty.` : `${path} must be at least ${min} characters.`;
      this.add({ path, code: 'too_short', message, params: { min } });
      return undefined;
    }
    if (max !== undefined && value.length > max) {
      this.add({
        path,
        code: 'too_long',
        message: `${path} must be at most ${max} characters.`,
        params: { max },
      });
      return undefined;
    }
    return value;
  }

  integer(
    key: string,
    { required, min, max, nullable }: Limits & { nullable?: boolean } = {},
  ): number | null | undefined {
    if (!this.present(key, required)) return undefined;
    const value = this.body[key];
    if (value === null && nullable) return null;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.wrongType(key, 'a whole number');
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      const path = this.path(key);
      const params = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
      this.add({ path, code: 'out_of_range', message: `${path} must be between ${min} and ${max}.`, params });
      return undefined;
    }
    return value;
  }

  boolean(key: string, { required }: Limits = {}): boolean | undefined {
    if (!this.present(key, required)) return undefined;
    const value = this.body[key];
    return typeof value === 'boolean' ? value : this.wrongType(key, 'true or false');
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], { required }: Limits = {}): T | undefined {
    if (!this.present(key, required)) return undefined;
    const value = this.body[key];
    if (typeof value !== 'string') return this.wrongType(key, 'a string');
    if (!allowed.includes(value as T)) {
      const path = this.path(key);
      const list = allowed.join(', ');
      this.add({
        path,
        code: 'not_allowed',
        message: `${path} must be one of: ${list}.`,
        params: { allowed: list },
      });
      return undefined;
    }
    return value as T;
  }

  /** A nested object, checked with the same error list and a dotted prefix. */
  object(key: string, { required }: Limits = {}): BodyCheck | undefined {
    if (!this.present(key, required)) return undefined;
    const value = this.body[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.wrongType(key, 'an object');
    return new BodyCheck(value as Record<string, unknown>, this.path(key), this.errors);
  }

  /** Throws one 422 with every field error collected so far. */
  done(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }
}
