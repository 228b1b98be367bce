import type { AuditAction, DirectoryConnection, PageBody, SyncRun } from '@identity-kit/sdk';
import {
  checkDirectoryCreate,
  checkDirectoryUpdate,
  notFound,
  QueryCheck,
  secretKeys,
  syncRefusal,
} from '@identity-kit/sdk/contract';
import { diff, recordAudit, recordChanges } from '../domain/audit';
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
import { directoryConnectionOr404, newestFirst } from './lookup';

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
    const { provider, name, credentials, syncIntervalMinutes } = checkDirectoryCreate(ctx.body);
    const c: StoredDirectoryConnection = {
      id: ctx.workspace.ids.next('dir'),
      provider: provider.id,
      name,
      state: 'validating',
      stateReason: null,
      credentials,
      syncIntervalMinutes,
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
    const {
      name,
      credentials,
      credentialsChanged,
      syncIntervalMinutes: interval,
    } = checkDirectoryUpdate(ctx.body, provider, c.credentials);
    const before = { name: c.name, syncIntervalMinutes: c.syncIntervalMinutes, ...c.credentials };
    if (name !== undefined) c.name = name;
    if (interval !== undefined && interval !== c.syncIntervalMinutes) {
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
    // A connection in `error` is one whose last sync failed: syncing again is how the admin retries.
    const refusal = syncRefusal(c.state, runningRun(c) !== undefined, providerOf(c).name);
    if (refusal) throw refusal;
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
