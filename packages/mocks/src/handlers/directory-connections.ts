import type {
  AuditAction,
  DirectoryConnection,
  DirectoryState,
  PageBody,
  Provider,
  SyncRun,
} from '@identity-kit/sdk';
import {
  BodyCheck,
  conflict,
  duration,
  notFound,
  QueryCheck,
  validationFailed,
} from '@identity-kit/sdk/contract';
import { findProvider } from '@identity-kit/sdk/providers';
import { diff, recordAudit, recordChanges } from '../domain/audit';
import { secretKeys, shownCredentials, validateCredentials } from '../domain/credentials';
import {
  providerOf,
  runningRun,
  startRun,
  startValidation,
  toDirectoryConnection,
  toSyncRun,
} from '../domain/directory';
import type { OperationContext } from '../http/operation';
import { accepted, created, defineOperation, noContent, ok } from '../http/operation';
import { type Ordering, paginate } from '../http/query';
import type { StoredDirectoryConnection, StoredSyncRun } from '../state';
import { iso, MINUTE } from '../time';
import { PROVIDER_IDS } from './enums';
import { directoryConnectionOr404, newestFirst } from './lookup';

const SYNC_INTERVAL = { min: 15, max: 1440, format: (minutes: number) => duration(minutes * 60) };

const RUNS_NEWEST_FIRST: Ordering<StoredSyncRun> = {
  list: 'syncs',
  sortKey: (r) => r.startedAt,
  id: (r) => r.id,
  descending: true,
};

function target(c: StoredDirectoryConnection) {
  return { type: 'directory_connection' as const, id: c.id, name: c.name };
}

function audit(ctx: OperationContext, c: StoredDirectoryConnection, action: AuditAction, changes = {}) {
  recordAudit(ctx.workspace, { action, target: target(c), changes, requestId: ctx.requestId, at: ctx.now });
}

/** Credentials must be an object of strings; the provider's fields decide the rest. */
function credentialsOf(check: BodyCheck, required: boolean): Record<string, unknown> | undefined {
  const value = check.raw('credentials');
  if (value === undefined) {
    if (required) {
      check.add({
        path: 'credentials',
        code: 'required',
        message: 'Enter the credentials for this directory.',
      });
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    check.add({
      path: 'credentials',
      code: 'invalid_format',
      message: 'credentials must be an object of text values, keyed by the provider’s field keys.',
    });
    return undefined;
  }
  return value as Record<string, unknown>;
}

/**
 * A left-out key keeps its stored value; an empty string clears an optional one. Then only the fields shown
 * for the merged values stay (see `shownCredentials`).
 */
function merge(
  provider: Provider,
  stored: Record<string, string>,
  sent: Record<string, unknown>,
): Record<string, string> {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(sent)) {
    if (value === '') delete merged[key];
    else merged[key] = value as string;
  }
  return shownCredentials(provider, merged);
}

function checkCredentials(provider: Provider, sent: Record<string, unknown>, merged: Record<string, string>) {
  const errors = validateCredentials(provider, sent, merged);
  if (errors.length > 0) throw validationFailed(errors);
}

/** Why a connection that is not `active` (nor failed, which a sync retries) cannot sync now. */
function notReadyReason(c: StoredDirectoryConnection): string {
  const reasons: Record<Exclude<DirectoryState, 'active' | 'error'>, string> = {
    validating:
      'This directory cannot sync yet: its credentials are still being checked. Try again in a few seconds.',
    invalid_credentials: `This directory cannot sync: ${providerOf(c).name} rejected its credentials. Update them, then sync.`,
    syncing: 'A sync is already running for this directory. Wait for it to finish.',
  };
  return reasons[c.state as keyof typeof reasons];
}

const list = defineOperation<{ data: DirectoryConnection[] }>({
  id: 'listDirectoryConnections',
  method: 'get',
  path: '/workspaces/:workspaceId/directory-connections',
  run: ({ workspace }) =>
    ok({
      data: newestFirst(workspace.state.directoryConnections).map((c) => toDirectoryConnection(workspace, c)),
    }),
});

const create = defineOperation<DirectoryConnection>({
  id: 'createDirectoryConnection',
  method: 'post',
  path: '/workspaces/:workspaceId/directory-connections',
  jsonBody: true,
  run: (ctx) => {
    const check = BodyCheck.of(ctx.body).allowOnly([
      'provider',
      'name',
      'credentials',
      'syncIntervalMinutes',
    ]);
    const providerId = check.oneOf('provider', 'the directory to connect', PROVIDER_IDS, { required: true });
    const name = check.string('name', 'Name', { min: 1, max: 100 });
    const sent = credentialsOf(check, true);
    const interval = check.integer('syncIntervalMinutes', 'Sync interval', SYNC_INTERVAL);
    check.done();
    const provider = findProvider(providerId as string) as Provider;
    if (!provider.capabilities.directorySync) {
      throw validationFailed([
        {
          path: 'provider',
          code: 'not_allowed',
          message: `${provider.name} has no directory API to sync from. Connect it over SCIM instead.`,
        },
      ]);
    }
    const credentials = merge(provider, {}, sent ?? {});
    checkCredentials(provider, sent ?? {}, credentials);
    const c: StoredDirectoryConnection = {
      id: ctx.workspace.ids.next('dir'),
      provider: provider.id,
      name: name ?? provider.name,
      state: 'validating',
      stateReason: null,
      credentials,
      syncIntervalMinutes: interval ?? 60,
      validatingUntil: null,
      runs: [],
      nextSyncAt: null,
      createdAt: iso(ctx.now),
      updatedAt: iso(ctx.now),
    };
    startValidation(ctx.workspace, c, ctx.now);
    ctx.workspace.state.directoryConnections.push(c);
    const changes = diff({}, { name: c.name, ...credentials }, secretKeys(provider));
    audit(ctx, c, 'directory_connection.created', changes);
    return created(toDirectoryConnection(ctx.workspace, c));
  },
});

const get = defineOperation<DirectoryConnection>({
  id: 'getDirectoryConnection',
  method: 'get',
  path: '/workspaces/:workspaceId/directory-connections/:connectionId',
  run: ({ workspace, params }) =>
    ok(toDirectoryConnection(workspace, directoryConnectionOr404(workspace, params.connectionId))),
});

const update = defineOperation<DirectoryConnection>({
  id: 'updateDirectoryConnection',
  method: 'patch',
  path: '/workspaces/:workspaceId/directory-connections/:connectionId',
  jsonBody: true,
  run: (ctx) => {
    const c = directoryConnectionOr404(ctx.workspace, ctx.params.connectionId);
    const provider = providerOf(c);
    const check = BodyCheck.of(ctx.body).allowOnly(['name', 'credentials', 'syncIntervalMinutes']);
    const name = check.string('name', 'Name', { min: 1, max: 100 });
    const sent = credentialsOf(check, false);
    const interval = check.integer('syncIntervalMinutes', 'Sync interval', SYNC_INTERVAL);
    check.done();
    const credentials = merge(provider, c.credentials, sent ?? {});
    checkCredentials(provider, sent ?? {}, credentials);
    const before = { name: c.name, syncIntervalMinutes: c.syncIntervalMinutes, ...c.credentials };
    const credentialsChanged = JSON.stringify(credentials) !== JSON.stringify(c.credentials);
    if (name !== undefined) c.name = name;
    if (typeof interval === 'number' && interval !== c.syncIntervalMinutes) {
      const lastFinish = [...c.runs].reverse().find((r) => r.finishedAt !== null)?.finishedAt;
      c.syncIntervalMinutes = interval;
      if (lastFinish) c.nextSyncAt = Date.parse(lastFinish) + interval * MINUTE;
    }
    c.credentials = credentials;
    if (credentialsChanged) startValidation(ctx.workspace, c, ctx.now);
    recordChanges(ctx.workspace, {
      action: 'directory_connection.updated',
      target: target(c),
      before,
      after: { name: c.name, syncIntervalMinutes: c.syncIntervalMinutes, ...credentials },
      secretKeys: secretKeys(provider),
      touch: (at) => {
        c.updatedAt = at;
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return ok(toDirectoryConnection(ctx.workspace, c));
  },
});

const remove = defineOperation<null>({
  id: 'deleteDirectoryConnection',
  method: 'delete',
  path: '/workspaces/:workspaceId/directory-connections/:connectionId',
  run: (ctx) => {
    const c = directoryConnectionOr404(ctx.workspace, ctx.params.connectionId);
    const all = ctx.workspace.state.directoryConnections;
    all.splice(all.indexOf(c), 1);
    audit(ctx, c, 'directory_connection.deleted');
    return noContent();
  },
});

const listRuns = defineOperation<PageBody<SyncRun>>({
  id: 'listSyncRuns',
  method: 'get',
  path: '/workspaces/:workspaceId/directory-connections/:connectionId/syncs',
  run: ({ workspace, params, url }) => {
    const c = directoryConnectionOr404(workspace, params.connectionId);
    const query = new QueryCheck(url.searchParams);
    const page = query.page(RUNS_NEWEST_FIRST.list);
    query.done();
    return ok(paginate(c.runs, RUNS_NEWEST_FIRST, page, toSyncRun));
  },
});

const startSync = defineOperation<SyncRun>({
  id: 'startSyncRun',
  method: 'post',
  path: '/workspaces/:workspaceId/directory-connections/:connectionId/syncs',
  run: (ctx) => {
    const c = directoryConnectionOr404(ctx.workspace, ctx.params.connectionId);
    if (runningRun(c))
      throw conflict(
        'sync_in_progress',
        'A sync is already running for this directory. Wait for it to finish.',
      );
    // A connection in `error` is one whose last sync failed: syncing again is how the admin retries.
    if (c.state !== 'active' && c.state !== 'error') {
      throw conflict('connection_not_ready', notReadyReason(c));
    }
    const run = startRun(ctx.workspace, c, 'manual', ctx.now);
    audit(ctx, c, 'directory_connection.sync_started', { trigger: { from: null, to: 'manual' } });
    return accepted(toSyncRun(run));
  },
});

const getRun = defineOperation<SyncRun>({
  id: 'getSyncRun',
  method: 'get',
  path: '/workspaces/:workspaceId/directory-connections/:connectionId/syncs/:runId',
  run: ({ workspace, params }) => {
    const run = directoryConnectionOr404(workspace, params.connectionId).runs.find(
      (r) => r.id === params.runId,
    );
    if (!run) throw notFound('This sync run does not exist.');
    return ok(toSyncRun(run));
  },
});

export const directoryConnectionOperations = [list, create, get, update, remove, listRuns, startSync, getRun];
