// The request bodies Okta and Microsoft Entra ID really send to a SCIM 2.0 app (Okta's SCIM 2.0 guide and spec
// test; Microsoft's "Tutorial: Develop a SCIM endpoint" and its reference collection). Entra's quirks kept on
// purpose: capitalised ops, booleans as strings, member removal by value, path-less replace with dotted keys.

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type SimulatedProvider = 'okta' | 'entra_id';

export interface Person {
  givenName: string;
  familyName: string;
  email: string;
  /** The IdP's own id for the person: Okta's user id, Entra's object id. */
  externalId: string;
  department: string;
  title: string;
}

export interface Shapes {
  /** What the IdP sends before creating, to find an existing user. */
  findUser(person: Person): string;
  createUser(person: Person): object;
  /** A profile change: Okta replaces the whole user (PUT); Entra patches attributes. */
  updateUser(person: Person, id: string): { method: 'PUT' | 'PATCH'; body: object };
  deactivateUser(): object;
  createGroup(displayName: string, externalId: string): object;
  addMembers(ids: string[]): object;
  removeMember(id: string): object;
}

const okta: Shapes = {
  findUser: (p) => `/Users?filter=${encodeURIComponent(`userName eq "${p.email}"`)}&startIndex=1&count=100`,
  createUser: (p) => ({
    schemas: [CORE_USER],
    userName: p.email,
    name: { givenName: p.givenName, familyName: p.familyName },
    emails: [{ primary: true, value: p.email, type: 'work' }],
    displayName: `${p.givenName} ${p.familyName}`,
    locale: 'en-US',
    externalId: p.externalId,
    groups: [],
    active: true,
  }),
  updateUser: (p, id) => ({
    method: 'PUT',
    body: {
      schemas: [CORE_USER],
      id,
      userName: p.email,
      name: { givenName: p.givenName, familyName: p.familyName },
      emails: [{ primary: true, value: p.email, type: 'work' }],
      displayName: `${p.givenName} ${p.familyName}`,
      title: p.title,
      externalId: p.externalId,
      active: true,
    },
  }),
  // Okta never deletes: it deactivates with a path-less replace.
  deactivateUser: () => ({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }),
  createGroup: (displayName) => ({ schemas: [CORE_GROUP], displayName, members: [] }),
  addMembers: (ids) => ({
    schemas: [PATCH_OP],
    Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }],
  }),
  removeMember: (id) => ({
    schemas: [PATCH_OP],
    Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
  }),
};

const entra: Shapes = {
  findUser: (p) => `/Users?filter=${encodeURIComponent(`userName eq "${p.email}"`)}`,
  createUser: (p) => ({
    schemas: [CORE_USER, ENTERPRISE_USER],
    externalId: p.externalId,
    userName: p.email,
    active: true,
    displayName: `${p.givenName} ${p.familyName}`,
    emails: [{ primary: true, type: 'work', value: p.email }],
    meta: { resourceType: 'User' },
    name: { formatted: `${p.givenName} ${p.familyName}`, familyName: p.familyName, givenName: p.givenName },
    title: p.title,
    [ENTERPRISE_USER]: { department: p.department },
  }),
  updateUser: (p) => ({
    method: 'PATCH',
    body: {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Replace',
          value: { 'name.givenName': p.givenName, 'name.familyName': p.familyName, title: p.title },
        },
        { op: 'Replace', path: `${ENTERPRISE_USER}:department`, value: p.department },
      ],
    },
  }),
  deactivateUser: () => ({
    schemas: [PATCH_OP],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  }),
  createGroup: (displayName, externalId) => ({
    schemas: [CORE_GROUP],
    externalId,
    displayName,
    meta: { resourceType: 'Group' },
  }),
  addMembers: (ids) => ({
    schemas: [PATCH_OP],
    Operations: [{ op: 'Add', path: 'members', value: ids.map((value) => ({ value })) }],
  }),
  removeMember: (id) => ({
    schemas: [PATCH_OP],
    Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }],
  }),
};

export const shapes: Record<SimulatedProvider, Shapes> = { okta, entra_id: entra };
