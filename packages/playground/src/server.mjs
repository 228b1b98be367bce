// The playground: the reference server on a SQLite file, and Acme's settings page (built by Vite into dist/)
// that embeds IdentitySettings, under one origin, with demo sign-in for an owner and a member.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCredentialVault, createIdentityServer, generateCredentialKey } from '@identity-kit/server';
import { OKTA_FAKE_API_TOKEN, startOktaFake } from '@identity-kit/server/fakes';
import { serve } from '@identity-kit/server/node';
import { openSqliteStorage } from '@identity-kit/server/sqlite';

const here = dirname(fileURLToPath(import.meta.url));
const pageDir = join(here, '..', 'dist');

/** The page's policy: nothing inline, nothing from elsewhere. The kit works under it. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
});

export const DEMO = {
  workspace: { id: 'ws_acme', name: 'Acme' },
  admin: { email: 'ada@acme.test', displayName: 'Ada Admin', role: /** @type {const} */ ('owner') },
  member: { email: 'max@acme.test', displayName: 'Max Member', role: /** @type {const} */ ('member') },
};

/**
 * @param {import('@identity-kit/server').Storage} storage
 * @param {{ email: string, displayName: string, role: 'owner' | 'admin' | 'member' }} person
 */
async function demoMember(storage, person) {
  const { records } = await storage.members.list(DEMO.workspace.id, { limit: 1, query: person.email });
  return records[0] ?? (await storage.members.create({ workspaceId: DEMO.workspace.id, ...person }));
}

/**
 * The key that seals directory credentials: from the environment when set, else one made for this playground and
 * kept beside its database (so a restart can still open what it sealed).
 * @param {string} database
 */
function credentialKeys(database) {
  if (process.env.IDENTITY_KIT_CREDENTIAL_KEYS) return process.env.IDENTITY_KIT_CREDENTIAL_KEYS;
  const file = join(dirname(database), 'credential-key');
  if (!existsSync(file)) writeFileSync(file, generateCredentialKey(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** What the newcomer types into "Connect a directory" to sync from the playground's fake Okta. */
export const FAKE_OKTA = { orgUrl: 'https://acme.okta.com', apiToken: OKTA_FAKE_API_TOKEN };

/**
 * Starts the playground. Everything it creates lives in `database` (a file: restart and it is all still there).
 * @param {{ database: string, port?: number, host?: string, directoryUsers?: number }} options
 */
export async function startPlayground(options) {
  if (!existsSync(join(pageDir, 'index.html'))) {
    throw new Error('The settings page is not built: run `npm run build -w @identity-kit/playground` first.');
  }
  mkdirSync(dirname(options.database), { recursive: true });
  const storage = openSqliteStorage({ filename: options.database });
  if (!(await storage.workspaces.get(DEMO.workspace.id))) await storage.workspaces.create(DEMO.workspace);
  const people = {
    admin: await demoMember(storage, DEMO.admin),
    member: await demoMember(storage, DEMO.member),
  };
  // A fake Okta org on 127.0.0.1 (real paging, auth and errors) stands in for https://acme.okta.com.
  const okta = await startOktaFake({ users: options.directoryUsers ?? 240, groups: 6 });
  const server = createIdentityServer({
    storage,
    directory: {
      vault: createCredentialVault(credentialKeys(options.database)),
      connectorOptions: (provider) => (provider === 'okta' ? { baseUrls: { okta: okta.url } } : {}),
    },
  });

  /** @param {Request} request */
  async function demo(request) {
    const url = new URL(request.url);
    if (url.pathname === '/demo/sign-in') {
      const who = url.searchParams.get('as') === 'member' ? people.member : people.admin;
      const { setCookie } = await server.sessions.signIn(request, DEMO.workspace.id, who.id);
      return new Response(null, { status: 303, headers: { location: '/', 'set-cookie': setCookie } });
    }
    if (url.pathname === '/demo/sign-out' && request.method === 'POST') {
      const setCookie = await server.sessions.signOut(request);
      return new Response(null, { status: 303, headers: { location: '/', 'set-cookie': setCookie } });
    }
    if (url.pathname === '/demo/me') {
      // Every request of the host app validates its session: a forced reauthentication shows at the next one.
      const signedIn = await server.sessions.validate(request);
      if (!signedIn) return Response.json({ error: 'signed_out' }, { status: 401 });
      const { member, session } = signedIn;
      return Response.json(
        {
          user: { id: member.id, displayName: member.displayName, email: member.email, role: member.role },
          workspace: DEMO.workspace,
          session: { id: session.id, expiresAt: session.expiresAt },
        },
        { headers: { 'cache-control': 'no-store' } },
      );
    }
    return undefined;
  }

  /** @param {URL} url */
  function page(url) {
    let file = normalize(join(pageDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(pageDir) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(pageDir, 'index.html');
    }
    return new Response(readFileSync(file), {
      headers: {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  }

  const http = await serve(
    {
      async fetch(request) {
        const url = new URL(request.url);
        if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/scim/'))
          return server.fetch(request);
        return (await demo(request)) ?? page(url);
      },
    },
    { port: options.port ?? 4100, host: options.host ?? '127.0.0.1' },
  );
  return {
    url: http.url,
    storage,
    people,
    okta,
    async close() {
      await server.close();
      await okta.close();
      await http.close();
      await storage.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const database = process.env.PLAYGROUND_DB ?? join(here, '..', '.data', 'identity.db');
  const playground = await startPlayground({ database, port: Number(process.env.PORT ?? 4100) });
  console.log(`
Acme settings, with Identity Kit: ${playground.url}/demo/sign-in?as=admin
  (signed in as ${DEMO.admin.displayName}, owner of ${DEMO.workspace.name})

To watch force reauthentication sign someone out, open this in a second browser profile:
  ${playground.url}/demo/sign-in?as=member   (${DEMO.member.displayName}, member)

After "Connect SCIM provider" on the page, push users as Okta would:
  npm run simulate -- --base-url <SCIM base URL> --token <bearer token>
  (add --provider entra_id for Microsoft Entra ID's request shapes)

To try directory sync, "Connect a directory" with Okta and an API token:
  Okta org URL  ${FAKE_OKTA.orgUrl}   (a fake Okta org on this machine answers for it)
  API token     ${FAKE_OKTA.apiToken}

Data: ${database}. Ctrl+C stops.`);
  const stop = () => playground.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
