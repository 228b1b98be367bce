// Query-string checks and cursors for list operations: `limit` and an opaque `cursor` that resumes strictly
// after the last item of the previous page (keyset pagination), scoped to the list that issued it.
import type { FieldError } from '../schema';
import { validationFailed } from './contract-error';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Query-string checks, collected like body checks (paths are the parameter names). */
export class QueryCheck {
  readonly errors: FieldError[] = [];
  constructor(private readonly params: URLSearchParams) {}

  string(name: string, max = 200): string | undefined {
    const value = this.params.get(name) ?? undefined;
    if (value !== undefined && value.length > max) {
      this.errors.push({
        path: name,
        code: 'too_long',
        message: `${name} must be at most ${max} characters.`,
        params: { max },
      });
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.params.get(name);
    if (value === null) return undefined;
    if (!allowed.includes(value as T)) {
      const list = allowed.join(', ');
      this.errors.push({
        path: name,
        code: 'not_allowed',
        message: `${name} must be one of: ${list}.`,
        params: { allowed: list },
      });
      return undefined;
    }
    return value as T;
  }

  /** `limit` and `cursor`; a cursor is good only for the list (`users`, `groups` …) that issued it. */
  page(list: string): PageQuery {
    const raw = this.params.get('limit');
    let limit = DEFAULT_LIMIT;
    if (raw !== null) {
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw) || n < 1 || n > MAX_LIMIT) {
        this.errors.push({
          path: 'limit',
          code: /^-?\d+$/.test(raw) ? 'out_of_range' : 'invalid_format',
          message: `limit must be a whole number from 1 to ${MAX_LIMIT}.`,
          params: { min: 1, max: MAX_LIMIT },
        });
      } else {
        limit = n;
      }
    }
    const cursor = this.params.get('cursor');
    const after = cursor === null ? null : decodeCursor(cursor, list);
    if (after === undefined) {
      this.errors.push({
        path: 'cursor',
        code: 'invalid_format',
        message: 'cursor is not one this list issued; start from the first page.',
      });
    }
    return { limit, after: after ?? null };
  }

  done(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }
}

export interface PageQuery {
  limit: number;
  /** The last item of the previous page; the page starts strictly after it. */
  after: Position | null;
}

/** Where an item sits in its list: its sort key, then its id to break ties. */
export interface Position {
  sort: string;
  id: string;
}

function toBase64Url(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(list: string, { sort, id }: Position): string {
  return toBase64Url(JSON.stringify([list, sort, id]));
}

export function decodeCursor(cursor: string, list: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(fromBase64Url(cursor));
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== list) return undefined;
    const [, sort, id] = value;
    return typeof sort === 'string' && typeof id === 'string' ? { sort, id } : undefined;
  } catch {
    return undefined;
  }
}
