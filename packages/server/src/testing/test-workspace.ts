// Tests only: a server on an in-memory database with one workspace, its owner and a member, each able to sign in,
// and SDK clients that talk to the server's handler directly (no sockets), every answer checked against the
// contract.
import { createIdentityClient, type IdentityClient } from '@identity-kit/sdk';
import { validateResponse } from '../../../mocks/src/testing/contract';
import { createIdentityServer, type IdentityServer, type IdentityServerOptions } from '../server';
import { openSqliteStorage } from '../storage/sqlite/sqlite-storage';
import type { MemberRecord, Workspace } from '../storage/storage';

export const ORIGIN = 'https://acme.test';

export interface TestWorkspace {
  server: IdentityServer;
  workspace: Workspace;
  owner: MemberRecord;
  member: MemberRecord;
  /** A session cookie (`name=value`) for a member. */
  signIn(who: MemberRecord): Promise<string>;
  /** The SDK as the kit uses it, with this cookie, from this site's own pages. */
  client(cookie: string | null, options?: { workspaceId?: string }): IdentityClient;
  /** Every contract violation seen in an answer so far. */
  violations: string[];
}

export async function createTestWorkspace(
  options: Omit<IdentityServerOptions, 'storage'> & { filename?: string } = {},
): Promise<TestWorkspace> {
  const { filename = ':memory:', ...serverOptions } = options;
  const storage = openSqliteStorage({ filename });
  const server = createIdentityServer({ sweepEveryMs: 0, ...serverOptions, storage });
  const workspace = await storage.workspaces.create({ id: 'ws_acme', name: 'Acme' });
  const owner = await storage.members.create({
    workspaceId: workspace.id,
    email: 'ada@acme.test',
    displayName: 'Ada Admin',
    role: 'owner',
  });
  const member = await storage.members.create({
    workspaceId: workspace.id,
    email: 'max@acme.test',
    displayName: 'Max Member',
    role: 'member',
  });
  const violations: string[] = [];
  return {
    server,
    workspace,
    owner,
    member,
    violations,
    async signIn(who) {
      const { setCookie } = await server.sessions.signIn(new Request(ORIGIN), who.workspaceId, who.id);
      return setCookie.split(';')[0] as string;
    },
    client(cookie, options = {}) {
      return createIdentityClient({
        baseUrl: `${ORIGIN}/api/identity`,
        workspaceId: options.workspaceId ?? workspace.id,
        retry: { maxRetries: 0 },
        headers: { ...(cookie ? { cookie } : {}), origin: ORIGIN },
        fetch: async (input, init) => {
          const response = await server.fetch(new Request(input, init));
          const text = await response.clone().text();
          const { errors } = validateResponse(
            init?.method ?? 'GET',
            String(input),
            response.status,
            text,
            response.headers,
          );
          violations.push(...errors.map((e) => `${init?.method ?? 'GET'} ${input} ${response.status}: ${e}`));
          return response;
        },
      });
    },
  };
}
