import { describe, expect, it } from 'vitest';
import { resourceScope, schemalessScope } from './attribute-resolver';
import { parseFilter, parsePatchPath } from './filter';
import { matchesFilter, unknownAttributes } from './filter-match';
import { ENTERPRISE_USER_SCHEMA, userResourceType } from './schemas';
import { ScimError } from './scim-error';
import { readVectors } from './testing-vectors';

type Expression = unknown;
interface FilterVectors {
  match: {
    source: Array<{ id: number }>;
    targets: Record<string, Array<{ expression: Expression; expected: number[] }>>;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** SCIMMY's expression objects as SCIM filter strings: keys are `and`-ed, a top-level array is `or`-ed. */
function toFilter(expression: Expression): string {
  if (Array.isArray(expression)) return expression.map((e) => `(${toFilter(e)})`).join(' or ');
  return Object.entries(expression as Record<string, unknown>)
    .flatMap(([path, value]) => conditions(path, value))
    .join(' and ');
}

function conditions(path: string, value: unknown): string[] {
  if (isObject(value)) {
    // Several conditions under one attribute hold for the same value: `emails[type eq "work" and value ew …]`.
    if (Object.keys(value).length > 1) return [`${path}[${toFilter(value)}]`];
    return Object.entries(value).flatMap(([k, v]) => conditions(`${path}.${k}`, v));
  }
  const list = value as unknown[];
  if (Array.isArray(list[0])) return list.map((c) => condition(path, c as unknown[]));
  if (isObject(list[0]) && Array.isArray(list[1]))
    return [`${path}[${toFilter(list[0])}] ${(list[1] as string[])[0]}`];
  return [condition(path, list)];
}

function condition(path: string, [op, ...rest]: unknown[]): string {
  const operator = String(op);
  if (operator.toLowerCase() === 'not') return `not (${condition(path, rest)})`;
  // `np` (not present) is SCIMMY's own operator: `not (attr pr)` in SCIM.
  if (operator === 'np') return `not (${path} pr)`;
  if (operator === 'pr') return `${path} pr`;
  return `${path} ${operator} ${JSON.stringify(rest[0])}`;
}

const vectors = readVectors<FilterVectors>('filter.json');

describe.skipIf(!vectors)(
  'SCIMMY filter match vectors (../shared/conformance/scimmy-vectors/filter.json)',
  () => {
    const { source, targets } = vectors?.match ?? { source: [], targets: {} };
    const cases = Object.entries(targets).flatMap(([group, list]) =>
      list
        .filter(() => group !== 'unknown')
        .map((c) => ({ group, filter: toFilter(c.expression), expected: c.expected })),
    );

    it.each(cases)('$group: $filter → $expected', ({ filter, expected }) => {
      const parsed = parseFilter(filter);
      expect(source.filter((r) => matchesFilter(r, parsed, schemalessScope)).map((r) => r.id)).toEqual(
        expected,
      );
    });

    it('rejects an unknown operator with 400 invalidFilter (SCIMMY matches nothing; RFC 7644 §3.4.2.2 says invalid)', () => {
      for (const c of targets.unknown ?? []) {
        expect(() => parseFilter(toFilter(c.expression))).toThrow(
          expect.objectContaining({ status: 400, scimType: 'invalidFilter' }),
        );
      }
      expect(targets.unknown?.length).toBeGreaterThan(0);
    });
  },
);

describe('filters on users, by the schema', () => {
  const scope = resourceScope(userResourceType);
  const ada = {
    id: '2819c223',
    externalId: 'Ext-1',
    userName: 'Ada.Lovelace@example.com',
    displayName: 'Ada Lovelace',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [
      { value: 'ada@work.example', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ],
    [ENTERPRISE_USER_SCHEMA]: { department: 'Engines', manager: { value: 'babbage' } },
    meta: { created: '2026-01-02T03:04:05.000Z' },
  };
  const match = (filter: string) => matchesFilter(ada, parseFilter(filter), scope);

  it('compares userName case-insensitively and externalId and id exactly (caseExact in the schema)', () => {
    expect(match('userName eq "ada.lovelace@EXAMPLE.com"')).toBe(true);
    expect(match('USERNAME Eq "ada.lovelace@example.com"')).toBe(true);
    expect(match('externalId eq "ext-1"')).toBe(false);
    expect(match('externalId eq "Ext-1"')).toBe(true);
    expect(match('id eq "2819C223"')).toBe(false);
  });

  it('supports every operator, and/or/not, parentheses and precedence', () => {
    expect(match('displayName co "love"')).toBe(true);
    expect(match('displayName sw "ada"')).toBe(true);
    expect(match('displayName ew "LACE"')).toBe(true);
    expect(match('displayName ne "Ada Lovelace"')).toBe(false);
    expect(match('title pr')).toBe(false);
    expect(match('name.familyName pr')).toBe(true);
    expect(match('meta.created gt "2026-01-01T00:00:00Z"')).toBe(true);
    expect(match('meta.created lt "2026-01-02T04:04:05+01:00"')).toBe(false);
    expect(match('meta.created le "2026-01-02T04:04:05+01:00"')).toBe(true);
    expect(match('meta.created ge "2027-01-01"')).toBe(false);
    expect(match('active eq true and not (userName eq "x")')).toBe(true);
    expect(match('userName eq "x" or userName eq "y" and active eq true')).toBe(false);
    expect(match('(userName eq "x" or displayName sw "Ada") and active eq true')).toBe(true);
    expect(match('active eq "True"')).toBe(true);
  });

  it('filters values of multi-valued attributes with attr[filter], and reaches sub-attributes across values', () => {
    expect(match('emails[type eq "work" and value ew "work.example"]')).toBe(true);
    expect(match('emails[type eq "home" and primary eq true]')).toBe(false);
    expect(match('emails.value eq "ada@home.example"')).toBe(true);
    expect(match('emails.Value co "example" and name.FamilyName eq Lovelace')).toBe(true);
  });

  it('resolves the enterprise extension by its URN', () => {
    expect(match(`${ENTERPRISE_USER_SCHEMA}:department eq "engines"`)).toBe(true);
    expect(match(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "babbage"`)).toBe(true);
  });

  it('names the attributes the schema does not know', () => {
    expect(unknownAttributes(parseFilter('userName eq "x" or nickname pr and shoeSize gt 3'), scope)).toEqual(
      ['shoeSize'],
    );
    expect(unknownAttributes(parseFilter('emails[kind eq "work"]'), scope)).toEqual(['kind']);
  });

  it.each([
    ['userName eq "unterminated'],
    ['userName eq'],
    ['userName is "x"'],
    ['userName eq "x" and'],
    ['(userName eq "x"'],
    ['userName eq "x")'],
    ['emails[type eq "work"'],
    ['a.b.c eq "x"'],
    [''],
  ])('%j is a 400 invalidFilter', (filter) => {
    const error = (() => {
      try {
        parseFilter(filter);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
  });
});

describe('hostile filters', () => {
  it('refuses nesting deeper than any real filter with 400 invalidFilter, not a stack overflow', () => {
    const deep = [
      `${'('.repeat(5000)}userName eq "x"${')'.repeat(5000)}`,
      `${'not '.repeat(5000)}userName eq "x"`,
    ];
    for (const filter of deep)
      expect(() => parseFilter(filter)).toThrow(
        expect.objectContaining({ status: 400, scimType: 'invalidFilter' }),
      );
    expect(() => parseFilter(`${'('.repeat(20)}userName eq "x"${')'.repeat(20)}`)).not.toThrow();
  });
});

describe('PATCH paths', () => {
  it('parses attribute, sub-attribute, value filter and extension paths', () => {
    expect(parsePatchPath('members')).toEqual({ path: { names: ['members'] } });
    expect(parsePatchPath('name.givenName')).toEqual({ path: { names: ['name', 'givenName'] } });
    expect(parsePatchPath('emails[type eq "work"].value')).toEqual({
      path: { names: ['emails'] },
      filter: { op: 'eq', path: { names: ['type'] }, value: 'work' },
      subAttribute: 'value',
    });
    expect(parsePatchPath(`${ENTERPRISE_USER_SCHEMA}:manager.value`)).toEqual({
      path: { schema: ENTERPRISE_USER_SCHEMA, names: ['manager', 'value'] },
    });
  });

  it('rejects broken paths with 400 invalidPath', () => {
    for (const path of ['members[value eq "x"', 'emails[type eq "work"]value', 'a..b'])
      expect(() => parsePatchPath(path)).toThrow(
        expect.objectContaining({ status: 400, scimType: 'invalidPath' }),
      );
  });
});
