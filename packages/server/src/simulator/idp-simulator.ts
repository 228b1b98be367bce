// Plays an identity provider against a SCIM connection, over HTTP, with the provider's real request shapes: the
// playground's "watch users arrive", the end-to-end tests and the benchmark all use it.
import { type Person, type SimulatedProvider, shapes } from './shapes';

export interface SimulatorOptions {
  /** The connection's SCIM base URL, as the workspace shows it. */
  baseUrl: string;
  /** The bearer token, as pasted into the IdP. */
  token: string;
  provider: SimulatedProvider;
  fetch?: typeof fetch;
}

export interface ProvisioningPlan {
  users: number;
  groups?: number;
  /** Start the people at this index, to push a different batch. Default 0. */
  from?: number;
}

export interface ProvisioningReport {
  created: number;
  updated: number;
  groups: number;
  requests: number;
  /** The SCIM ids of the people pushed, in order. */
  userIds: string[];
}

/** The service provider answered with an error: its status and SCIM detail, as the IdP would log it. */
export class ScimRequestFailed extends Error {
  override name = 'ScimRequestFailed';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${method} ${path} answered ${status}: ${detail}`);
  }
}

const given = ['Grace', 'Alan', 'Ada', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const family = [
  'Hopper',
  'Turing',
  'Lovelace',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
];
const departments = ['Engineering', 'Sales', 'Support', 'Finance', 'Design'];

/**
 * The i-th person of the simulated directory: stable, so a second push updates rather than duplicates. `tag` keeps
 * several directories apart in one workspace (benchmarks).
 */
export function person(i: number, tag = ''): Person {
  const g = given[i % given.length] as string;
  const f = family[Math.floor(i / given.length) % family.length] as string;
  return {
    givenName: g,
    familyName: f,
    email: `${g}.${f}.${tag}${i}@acme.test`.toLowerCase(),
    externalId: `00u${tag}${String(i).padStart(17, '0')}`,
    department: departments[i % departments.length] as string,
    title: i % 7 === 0 ? 'Manager' : 'Engineer',
  };
}

export function createIdpSimulator(options: SimulatorOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const shape = shapes[options.provider];
  const doFetch = options.fetch ?? globalThis.fetch;
  let requests = 0;

  async function send<T>(method: string, path: string, body?: object): Promise<T | undefined> {
    requests++;
    const response = await doFetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/scim+json',
        ...(body ? { 'content-type': 'application/scim+json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {}
      throw new ScimRequestFailed(method, path, response.status, detail);
    }
    return text ? (JSON.parse(text) as T) : undefined;
  }

  async function find(p: Person): Promise<string | undefined> {
    const list = await send<{ Resources?: Array<{ id: string }> }>('GET', shape.findUser(p));
    return list?.Resources?.[0]?.id;
  }

  return {
    /** Requests sent so far. */
    get requests() {
      return requests;
    },

    /** Entra's "Test connection": a lookup of a user who cannot exist must answer 200 with an empty list. */
    async testConnection(): Promise<void> {
      const list = await send<{ totalResults?: number }>(
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${crypto.randomUUID()}"`)}`,
      );
      if (list?.totalResults !== 0) throw new Error('Test connection: expected an empty list.');
    },

    /** Pushes people (created, or updated when they exist) and groups of them, as a provisioning cycle does. */
    async provision(plan: ProvisioningPlan): Promise<ProvisioningReport> {
      const from = plan.from ?? 0;
      const report: ProvisioningReport = { created: 0, updated: 0, groups: 0, requests: 0, userIds: [] };
      const start = requests;
      for (let i = from; i < from + plan.users; i++) {
        const p = person(i);
        const existing = await find(p);
        if (existing) {
          const { method, body } = shape.updateUser(p, existing);
          await send(method, `/Users/${existing}`, body);
          report.updated++;
          report.userIds.push(existing);
        } else {
          const created = await send<{ id: string }>('POST', '/Users', shape.createUser(p));
          report.created++;
          report.userIds.push(created?.id ?? '');
        }
      }
      const groups = plan.groups ?? 0;
      for (let g = 0; g < groups; g++) {
        const name = departments[g % departments.length] ?? `Group ${g}`;
        const group = await send<{ id: string }>('POST', '/Groups', shape.createGroup(name, `00g${g}`));
        const members = report.userIds.filter((_, i) => i % groups === g);
        if (group && members.length) await send('PATCH', `/Groups/${group.id}`, shape.addMembers(members));
        report.groups++;
      }
      report.requests = requests - start;
      return report;
    },

    /** Takes a person out, as the IdP does when they are unassigned: Okta and Entra deactivate, never delete. */
    async deprovision(index: number): Promise<string> {
      const p = person(index);
      const id = await find(p);
      if (!id) throw new Error(`${p.email} is not provisioned.`);
      await send('PATCH', `/Users/${id}`, shape.deactivateUser());
      return id;
    },

    /** Removes one member from a group. */
    async removeFromGroup(groupId: string, userId: string): Promise<void> {
      await send('PATCH', `/Groups/${groupId}`, shape.removeMember(userId));
    },
  };
}

export type IdpSimulator = ReturnType<typeof createIdpSimulator>;
