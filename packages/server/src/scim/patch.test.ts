import { describe, expect, it } from 'vitest';
import { resourceScope, schemalessScope } from './attribute-resolver';
import { applyPatch, PATCH_SCHEMA, type PatchOperation, parsePatchRequest } from './patch';
import { normalizeResource } from './resource';
import { ENTERPRISE_USER_SCHEMA, groupResourceType, userResourceType } from './schemas';
import { readVectors } from './testing-vectors';

type Json = Record<string, unknown>;
interface PatchVectors {
  inbound: Record<string, Array<{ source: Json; ops: Array<Record<string, unknown>>; target: Json }>>;
}

const vectors = readVectors<PatchVectors>('patchop.json');

/**
 * Where SCIMMY's vector and RFC 7644 disagree, this server follows the RFC: `replace` of a complex attribute
 * replaces the sub-attributes given and leaves the others (§3.5.2.3: "Sub-attributes that are not specified in
 * the value parameter are left unchanged"); SCIMMY replaces the whole object.
 */
const RFC_DIVERGENCE: Record<string, Json> = {
  'replace name': { id: '1234', userName: 'asdf', name: { honorificPrefix: 'Mr', formatted: 'Test' } },
};

describe.skipIf(!vectors)(
  'SCIMMY PatchOp vectors (../shared/conformance/scimmy-vectors/patchop.json)',
  () => {
    const cases = Object.entries(vectors?.inbound ?? {}).flatMap(([op, list]) =>
      list.map((c) => ({ name: `${op} ${c.ops.map((o) => o.path ?? '(no path)').join(', ')}`, ...c })),
    );
    it.each(cases)('$name', ({ name, source, ops, target }) => {
      const operations = parsePatchRequest({ schemas: [PATCH_SCHEMA], Operations: ops });
      const result = applyPatch(source, operations, { scope: schemalessScope, strict: false });
      expect(result).toEqual(RFC_DIVERGENCE[name] ?? target);
    });

    it('still covers the vector it diverges from', () => {
      expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(Object.keys(RFC_DIVERGENCE)));
    });
  },
);

const userScope = { scope: resourceScope(userResourceType), strict: true };
const patchUser = (resource: Json, Operations: unknown[]) =>
  normalizeResource(
    userResourceType,
    applyPatch(resource, parsePatchRequest({ schemas: [PATCH_SCHEMA], Operations }), userScope),
  );

describe('Microsoft Entra ID PATCH shapes', () => {
  const user: Json = {
    userName: 'ada@example.com',
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  };

  it('accepts capitalised ops and string booleans', () => {
    expect(patchUser(user, [{ op: 'Replace', path: 'active', value: 'False' }]).active).toBe(false);
    expect(patchUser(user, [{ op: 'replace', value: { active: 'False' } }]).active).toBe(false);
  });

  it('applies a path-less replace whose keys are paths, the extension URN included', () => {
    const result = patchUser(user, [
      {
        op: 'Replace',
        value: {
          'name.givenName': 'Augusta',
          displayName: 'Augusta Ada King',
          [`${ENTERPRISE_USER_SCHEMA}:department`]: 'Analytical Engines',
          [`${ENTERPRISE_USER_SCHEMA}:manager`]: 'babbage-id',
        },
      },
    ]);
    expect(result.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' });
    expect(result.displayName).toBe('Augusta Ada King');
    expect(result[ENTERPRISE_USER_SCHEMA]).toEqual({
      department: 'Analytical Engines',
      manager: { value: 'babbage-id' },
    });
  });

  it('sets emails[type eq "work"].value, adding the email when there is none of that type', () => {
    const changed = patchUser(user, [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada@new.example' },
    ]);
    expect(changed.emails).toEqual([{ value: 'ada@new.example', type: 'work', primary: true }]);
    const added = patchUser(user, [
      { op: 'Add', path: 'emails[type eq "home"].value', value: 'ada@home.example' },
    ]);
    expect(added.emails).toEqual([
      { value: 'ada@example.com', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ]);
  });

  it('adds and removes group members by value array and by filter', () => {
    const scope = { scope: resourceScope(groupResourceType), strict: true };
    const group = { displayName: 'Engineers', members: [{ value: 'a' }, { value: 'b' }] };
    const apply = (Operations: unknown[]) =>
      applyPatch(group, parsePatchRequest({ schemas: [PATCH_SCHEMA], Operations }), scope).members;
    expect(apply([{ op: 'Add', path: 'members', value: [{ value: 'c' }, { value: 'a' }] }])).toEqual([
      { value: 'a' },
      { value: 'b' },
      { value: 'c' },
    ]);
    expect(apply([{ op: 'Remove', path: 'members', value: [{ value: 'a' }] }])).toEqual([{ value: 'b' }]);
    expect(apply([{ op: 'remove', path: 'members[value eq "b"]' }])).toEqual([{ value: 'a' }]);
    expect(apply([{ op: 'remove', path: 'members' }])).toBeUndefined();
  });
});

describe('PATCH errors', () => {
  const user: Json = { userName: 'ada@example.com' };
  const error = (Operations: unknown[]) => {
    try {
      patchUser(user, Operations);
    } catch (e) {
      return e;
    }
    throw new Error('expected an error');
  };

  it.each([
    ['remove without a path', [{ op: 'remove' }], 'noTarget'],
    ['an unknown attribute', [{ op: 'replace', path: 'shoeSize', value: 42 }], 'invalidPath'],
    ['a read-only attribute', [{ op: 'replace', path: 'groups', value: [] }], 'mutability'],
    [
      'a filter that matches nothing and describes no value',
      [{ op: 'replace', path: 'emails[value co "x"].type', value: 'work' }],
      'noTarget',
    ],
    ['an unknown op', [{ op: 'move', path: 'userName', value: 'x' }], 'invalidSyntax'],
    ['a value of the wrong type', [{ op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue'],
    ['an add without a value', [{ op: 'add', path: 'title' }], 'invalidValue'],
  ])('%s is a 400 %s', (_, operations, scimType) => {
    expect(error(operations as PatchOperation[])).toMatchObject({ status: 400, scimType });
  });

  it('requires the PatchOp schema and a non-empty Operations list', () => {
    expect(() => parsePatchRequest({ Operations: [{ op: 'add', value: {} }] })).toThrow(
      expect.objectContaining({ scimType: 'invalidSyntax' }),
    );
    expect(() => parsePatchRequest({ schemas: [PATCH_SCHEMA], Operations: [] })).toThrow(
      expect.objectContaining({ scimType: 'invalidSyntax' }),
    );
    expect(() => parsePatchRequest([1])).toThrow(expect.objectContaining({ scimType: 'invalidSyntax' }));
  });
});
