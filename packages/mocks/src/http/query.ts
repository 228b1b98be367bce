import type { FieldError, PageBody } from '@identity-kit/sdk';
import { validationFailed } from './errors';

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

  page(): { limit: number; offset: number } {
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
    const offset = cursor === null ? 0 : decodeCursor(cursor);
    if (offset === undefined) {
      this.errors.push({
        path: 'cursor',
        code: 'invalid_format',
        message: 'cursor is not one this server issued; start from the first page.',
      });
    }
    return { limit, offset: offset ?? 0 };
  }

  done(): void {
    if (this.errors.length > 0) throw validationFailed(this.errors);
  }
}

function encodeCursor(offset: number): string {
  return btoa(`o:${offset}`).replace(/=+$/, '');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const match = /^o:(\d+)$/.exec(atob(cursor));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function paginate<T>(
  items: readonly T[],
  { limit, offset }: { limit: number; offset: number },
): PageBody<T> {
  const end = offset + limit;
  return {
    data: items.slice(offset, end),
    nextCursor: end < items.length ? encodeCursor(end) : null,
    totalCount: items.length,
  };
}
