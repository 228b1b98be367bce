import { randomBytes } from 'node:crypto';
import type { Provider } from '@identity-kit/sdk';
import {
  ContractError,
  checkDirectoryCreate,
  checkDirectoryUpdate,
  maskCredentials,
  notFound,
  QueryCheck,
  secretKeys,
  syncRefusal,
  validationFailed,
} from '@identity-kit/sdk/contract';
import { findProvider } from '@identity-kit/sdk/providers';
import { CredentialKeyError } from '../directory/credential-vault';
import type { DirectoryConnectionRecord, ProviderId, SyncRunRecord } from '../storage/storage';
import type { ApiContext, Route } from './context';
import { created, noContent, ok, page } from './respond';

/** What the API shows of a run: not where the engine would resume it. */
const toRun = ({ resumeFrom: _, readCursor: __, ...run }: SyncRunRecord) => run;

/** What the API shows: never the sealed credentials, nor the engine's cursor. */
function toConnection({
  workspaceId: _,
  cursor: __,
  lastFullSyncAt: ___,
  lastSyncRun,
  ...record
}: DirectoryConnectionRecord) {
  return { ...record, lastSyncRun: lastSyncRun && toRun(lastSyncRun) };
}

/** Before and after, for the audit trail: secrets only as "[redacted]". */
function changesOf(provider: Provider, before: Record<string, string>, after: Record<string, string>) {
  const secrets = secretKeys(provider);
  const shown = (key: string, value: string | undefined) =>
    value === undefined ? null : secrets.has(key) ? '[redacted]' : value;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key])
      changes[key] = { from: shown(key, before[key]), to: shown(key, after[key]) };
  }
  return changes;
}

function engineOf(ctx: ApiContext) {
  if (!ctx.directories) {
    throw new ContractError(501, 'not_implemented', 'Directory sync is not enabled on this server.');
  }
  return ctx.directories;
}

function seal(ctx: ApiContext, id: string, values: Record<string, string>) {
  try {
    return engineOf(ctx).vault.seal(id, values);
  } catch (error) {
    if (error instanceof CredentialKeyError) {
      throw new ContractError(
        503,
        'encryption_not_configured',
        'Directory credentials cannot be stored on this server yet: its administrator has to configure an encryption key.',
      );
    }
    throw error;
  }
}

async function connectionOr404(ctx: ApiContext) {
  const record = await ctx.storage.directories.get(ctx.workspaceId, ctx.params.connectionId as string);
  if (!record)
    throw notFound('There is no such directory connection in this workspace. It may have been disconnected.');
  return record;
}

export const directoryConnectionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/directory-connections',
    run: async (ctx) => ok({ data: (await ctx.storage.directories.list(ctx.workspaceId)).map(toConnection) }),
  },
  {
    method: 'POST',
    path: '/directory-connections',
    body: 'required',
    run: async (ctx) => {
      const engine = engineOf(ctx);
      const { provider, name, credentials, syncIntervalMinutes } = checkDirectoryCreate(ctx.body);
      if (!engine.connectors[provider.id as ProviderId]) {
        throw validationFailed([
          {
            path: 'provider',
            code: 'not_allowed',
            message: `${provider.name} directory sync is not available on this server.`,
          },
        ]);
      }
      const id = `dir_${randomBytes(12).toString('hex')}`;
      const record = await ctx.storage.directories.create(
        {
          id,
          workspaceId: ctx.workspaceId,
          provider: provider.id as ProviderId,
          name,
          sealedCredentials: seal(ctx, id, credentials),
          credentials: maskCredentials(provider, credentials),
          syncIntervalMinutes,
        },
        {
          actor: ctx.actor,
          requestId: ctx.requestId,
          changes: { name: { from: null, to: name }, ...changesOf(provider, {}, credentials) },
        },
      );
      engine.sync.validate(ctx.workspaceId, record.id);
      return created(toConnection(record));
    },
  },
  {
    method: 'GET',
    path: '/directory-connections/:connectionId',
    run: async (ctx) => ok(toConnection(await connectionOr404(ctx))),
  },
  {
    method: 'PATCH',
    path: '/directory-connections/:connectionId',
    body: 'required',
    run: async (ctx) => {
      const engine = engineOf(ctx);
      const current = await connectionOr404(ctx);
      const provider = findProvider(current.provider) as Provider;
      const sealed = (await ctx.storage.directories.sealedCredentials(ctx.workspaceId, current.id)) as string;
      // Credentials the server can no longer open (its key changed) are replaced by what the admin enters now.
      let stored: Record<string, string> = {};
      try {
        stored = engine.vault.open(current.id, sealed);
      } catch (error) {
        if (!(error instanceof CredentialKeyError)) throw error;
      }
      const change = checkDirectoryUpdate(ctx.body, provider, stored);
      const changes = changesOf(provider, stored, change.credentials);
      if (change.name !== undefined && change.name !== current.name)
        changes.name = { from: current.name, to: change.name };
      const interval = change.syncIntervalMinutes;
      if (interval !== undefined && interval !== current.syncIntervalMinutes) {
        changes.syncIntervalMinutes = { from: current.syncIntervalMinutes, to: interval };
      }
      if (change.credentialsChanged) {
        await engine.sync.stop(ctx.workspaceId, current.id, {
          code: 'credentials_changed',
          message:
            'The credentials changed while this sync ran; it stopped, and a new one starts once they are checked.',
        });
      }
      const lastFinish = current.lastSyncRun?.finishedAt;
      const updated = await ctx.storage.directories.update(
        ctx.workspaceId,
        current.id,
        {
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(interval !== undefined ? { syncIntervalMinutes: interval } : {}),
          ...(interval !== undefined && lastFinish
            ? { nextSyncAt: new Date(Date.parse(lastFinish) + interval * 60_000).toISOString() }
            : {}),
          ...(change.credentialsChanged
            ? {
                sealedCredentials: seal(ctx, current.id, change.credentials),
                credentials: maskCredentials(provider, change.credentials),
                state: 'validating' as const,
                stateReason: null,
              }
            : {}),
        },
        { actor: ctx.actor, requestId: ctx.requestId, changes },
      );
      if (change.credentialsChanged) engine.sync.validate(ctx.workspaceId, current.id);
      return ok(toConnection(updated));
    },
  },
  {
    method: 'DELETE',
    path: '/directory-connections/:connectionId',
    run: async (ctx) => {
      const current = await connectionOr404(ctx);
      await engineOf(ctx).sync.stop(ctx.workspaceId, current.id, {
        code: 'disconnected',
        message: 'The directory was disconnected.',
      });
      await ctx.storage.directories.delete(ctx.workspaceId, current.id, {
        actor: ctx.actor,
        requestId: ctx.requestId,
      });
      return noContent();
    },
  },
  {
    method: 'GET',
    path: '/directory-connections/:connectionId/syncs',
    run: async (ctx) => {
      await connectionOr404(ctx);
      const check = new QueryCheck(ctx.url.searchParams);
      const { limit, after } = check.page('syncs');
      check.done();
      const { records, totalCount } = await ctx.storage.directories.runs(
        ctx.workspaceId,
        ctx.params.connectionId as string,
        {
          limit: limit + 1,
          ...(after ? { after: { startedAt: after.sort, id: after.id } } : {}),
        },
      );
      return ok(
        page('syncs', records.map(toRun), limit, totalCount, (r) => ({ sort: r.startedAt, id: r.id })),
      );
    },
  },
  {
    method: 'POST',
    path: '/directory-connections/:connectionId/syncs',
    run: async (ctx) => {
      const engine = engineOf(ctx);
      const current = await connectionOr404(ctx);
      const running = current.lastSyncRun?.status === 'running';
      const refusal = syncRefusal(
        current.state,
        running,
        findProvider(current.provider)?.name ?? current.provider,
      );
      if (refusal) throw refusal;
      const run = await engine.sync.sync(ctx.workspaceId, current.id, 'manual', {
        actor: ctx.actor,
        requestId: ctx.requestId,
      });
      return { status: 202, body: toRun(run) };
    },
  },
  {
    method: 'GET',
    path: '/directory-connections/:connectionId/syncs/:runId',
    run: async (ctx) => {
      const run = await ctx.storage.directories.getRun(
        ctx.workspaceId,
        ctx.params.connectionId as string,
        ctx.params.runId as string,
      );
      if (!run) throw notFound('This sync run does not exist.');
      return ok(toRun(run));
    },
  },
];
