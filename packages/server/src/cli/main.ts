#!/usr/bin/env node
// identity-kit-server: start the reference server, and the operator's chores from a shell.
import { parseArgs } from 'node:util';
import { findProvider, providerCatalog } from '@identity-kit/sdk/providers';
import { createCredentialVault, generateCredentialKey } from '../directory/credential-vault';
import { serve } from '../http/node';
import { createIdentityServer } from '../server';
import { createIdpSimulator } from '../simulator/idp-simulator';
import type { SimulatedProvider } from '../simulator/shapes';
import { openSqliteStorage } from '../storage/sqlite/sqlite-storage';
import type { ProviderId, Role } from '../storage/storage';

const HELP = `identity-kit-server <command> [options]

  start                   Serve the identity API and SCIM on a SQLite file
      --db FILE             database file (default identity.db; created and migrated)
      --host HOST           default 127.0.0.1
      --port PORT           default 8080
      --public-url URL      the origin identity providers and browsers use, behind a proxy
  create-workspace        Create a workspace; prints its id
      --db FILE --name NAME [--id ID]
  add-member              Add a member by hand; prints their id
      --db FILE --workspace ID --email EMAIL --name NAME [--role owner|admin|member]
  create-session          Sign a member in; prints the session cookie (for a browser or curl)
      --db FILE --workspace ID --user ID
  create-scim-connection  Connect an identity provider; prints the SCIM base URL and the token (shown once)
      --db FILE --workspace ID [--provider okta] [--name NAME] [--public-url URL]
  generate-key            Print a new directory-credential key, for IDENTITY_KIT_CREDENTIAL_KEYS
  reseal                  Re-seal every directory's credentials under the first key of
                          IDENTITY_KIT_CREDENTIAL_KEYS (after putting a new key first)
      --db FILE
  simulate                Push users and groups to a SCIM connection as Okta or Entra ID would
      --base-url URL --token TOKEN [--provider okta|entra_id] [--users 12] [--groups 3] [--deprovision N]
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string', default: 'identity.db' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    'public-url': { type: 'string' },
    name: { type: 'string' },
    id: { type: 'string' },
    workspace: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string', default: 'member' },
    user: { type: 'string' },
    provider: { type: 'string', default: 'okta' },
    'base-url': { type: 'string' },
    token: { type: 'string' },
    users: { type: 'string', default: '12' },
    groups: { type: 'string', default: '3' },
    deprovision: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function need(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') fail(`--${name} is required.`);
  return value as string;
}

function fail(message: string): never {
  process.stderr.write(`identity-kit-server: ${message}\nRun identity-kit-server --help for the commands.\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [command] = positionals;
  if (!command || values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (command === 'generate-key') {
    process.stdout.write(`${generateCredentialKey()}\n`);
    return;
  }
  if (command === 'simulate') {
    const simulator = createIdpSimulator({
      baseUrl: need('base-url'),
      token: need('token'),
      provider: values.provider as SimulatedProvider,
    });
    if (values.deprovision !== undefined) {
      const id = await simulator.deprovision(Number(values.deprovision));
      process.stdout.write(`Deactivated user ${id}.\n`);
      return;
    }
    if (values.provider === 'entra_id') await simulator.testConnection();
    const report = await simulator.provision({ users: Number(values.users), groups: Number(values.groups) });
    process.stdout.write(
      `${values.provider}: ${report.created} users created, ${report.updated} updated, ${report.groups} groups, in ${report.requests} SCIM requests.\n`,
    );
    return;
  }

  const storage = openSqliteStorage({ filename: need('db') });
  try {
    switch (command) {
      case 'start': {
        const server = createIdentityServer({
          storage,
          ...(values['public-url'] ? { api: { publicUrl: values['public-url'] } } : {}),
        });
        const http = await serve(server, { host: values.host as string, port: Number(values.port) });
        process.stdout.write(`Identity Kit server on ${http.url} (database ${values.db})\n`);
        const stop = async () => {
          await server.close();
          await http.close();
          await storage.close();
          process.exit(0);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        return new Promise(() => {});
      }
      case 'create-workspace': {
        const workspace = await storage.workspaces.create({
          name: need('name'),
          ...(values.id ? { id: values.id } : {}),
        });
        process.stdout.write(`${workspace.id}\n`);
        break;
      }
      case 'add-member': {
        const role = values.role as Role;
        if (!['owner', 'admin', 'member'].includes(role)) fail('--role must be owner, admin or member.');
        const member = await storage.members.create({
          workspaceId: need('workspace'),
          email: need('email'),
          displayName: need('name'),
          role,
        });
        process.stdout.write(`${member.id}\n`);
        break;
      }
      case 'create-session': {
        const server = createIdentityServer({ storage, sweepEveryMs: 0 });
        const { setCookie } = await server.sessions.signIn(
          new Request('http://localhost/'),
          need('workspace'),
          need('user'),
        );
        process.stdout.write(`${setCookie.split(';')[0]}\n`);
        break;
      }
      case 'create-scim-connection': {
        const workspaceId = need('workspace');
        const provider = values.provider as ProviderId;
        if (!findProvider(provider)?.capabilities.scim) {
          fail(
            `--provider must be one that pushes SCIM: ${providerCatalog
              .filter((p) => p.capabilities.scim)
              .map((p) => p.id)
              .join(', ')}.`,
          );
        }
        const { connection, token } = await storage.scimConnections.create(
          { workspaceId, provider, ...(values.name ? { name: values.name } : {}) },
          { type: 'system', id: 'cli', displayName: 'identity-kit-server', email: null },
        );
        const origin = values['public-url'] ?? `http://${values.host}:${values.port}`;
        process.stdout.write(
          `SCIM base URL: ${origin}/scim/v2/${workspaceId}/${connection.id}\nBearer token:  ${token}\n(The token is shown only now; only its hash is stored.)\n`,
        );
        break;
      }
      case 'reseal': {
        const vault = createCredentialVault();
        if (!vault.ready) fail('IDENTITY_KIT_CREDENTIAL_KEYS is not set.');
        let resealed = 0;
        let changed = 0;
        for (const { id, sealedCredentials } of await storage.directories.allSealed()) {
          if (!vault.stale(sealedCredentials)) continue;
          const fresh = vault.seal(id, vault.open(id, sealedCredentials));
          if (await storage.directories.reseal(id, fresh, sealedCredentials)) resealed++;
          else changed++;
        }
        process.stdout.write(
          `Re-sealed ${resealed} directory connection(s) under the current key.${changed ? ` ${changed} changed meanwhile: run reseal again.` : ' Older keys can now be removed.'}\n`,
        );
        break;
      }
      default:
        fail(`unknown command "${command}".`);
    }
  } finally {
    if (command !== 'start') await storage.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
