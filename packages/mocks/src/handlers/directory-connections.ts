import type {
  AuditAction,
  DirectoryConnection,
  PageBody,
  Provider,
  ProviderId,
  SyncRun,
} from '@identity-kit/sdk';
import { findProvider } from '@identity-kit/sdk/providers';
import { diff, recordAudit } from '../domain/audit';
import { secretKeys, validateCredentials } from '../domain/credentials';
import {
  providerOf,
  runningRun,
  startRun,
  startValidation,
  toDirectoryConnection,
  toSyncRun,
} from '../domain/directory';
import { BodyCheck } from '../http/checks';
import { conflict, notFound, validationFailed } from '../http/errors';
import type { OperationContext } from '../http/operation';
import { accepted, created, defineOperation, noContent, ok } from '../http/operation';
import { paginate, QueryCheck } from '../http/query';
import type { StoredDirectoryConnection } from '../state';
import { iso, MINUTE } from '../time';
import { directoryConnectionOr404, newestFirst } from './lookup';
import { PROVIDER_IDS } from './scim-connections';

function audit(ctx: OperationContext, c: StoredDirectoryConnection, action: AuditAction, changes = {}) {
  const target = { type: 'directory_connection' as const, id: c.id, name: c.name };
  recordAudit(ctx.workspace, { action, target, changes, requestId: ctx.requestId, at: ctx.now });
}

/** Credentials must be an object of strings; the provider's fields decide the rest. */
function credentialsOf(check: BodyCheck, required: boolean): Record<string, unknown> | undefined {
  const value = check.raw('credentials');
  if (value === undefined) {
    if (required) check.add({ path: 'credentials', code: 'required', message: 'credentials is required.' });
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    check.add({
      path: 'credentials',
      code: 'invalid_format',
      message: 'credentials must be an object of strings.',
    });
    return undefined;
  }
  return value as Record<string, unknown>;
}

/** A left-out key keeps its stored value; an empty string clears an optional one. */
function merge(stored: Record<string, string>, sent: Record<string, unknown>): Record<string, string> {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(sent)) {
    if (value === '') delete merged[key];
    else merged[key] = value as string;
  }
  return merged;
}

function checkCredentials(provider: Provider, sent: Record<string, unknown>, merged: Record<string, string>) {
  const errors = validateCredentials(provider, sent, merged);
  if (errors.length > 0) throw validationFailed(errors);
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
    const providerId = check.oneOf('provider', PROVIDER_IDS, { required: true });
    const name = check.string('name', { min: 1, max: 100 });
    const sent = credentialsOf(check, true);
    const interval = check.integer('syncIntervalMinutes', { min: 15, max: 1440 });
    check.done();
    const provider = findProvider(providerId as ProviderId) as Provider;
    if (!provider.capabilities.directorySync) {
      throw validationFailed([
        {
          path: 'provider',
          code: 'not_allowed',
          message: `${provider.name} has no directory API to sync from. Connect it over SCIM instead.`,
        },
      ]);
    }
    const credentials = merge({}, sent ?? {});
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
    const name = check.string('name', { min: 1, max: 100 });
    const sent = credentialsOf(check, false);
    const interval = check.integer('syncIntervalMinutes', { min: 15, max: 1440 });
    check.done();
    const credentials = merge(c.credentials, sent ?? {});
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
    const changes = diff(
      before,
      { name: c.name, syncIntervalMinutes: c.syncIntervalMinutes, ...credentials },
      secretKeys(provider),
    );
    if (Object.keys(changes).length > 0) {
      c.updatedAt = iso(ctx.now);
      audit(ctx, c, 'directory_connection.updated', changes);
    }
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
    const page = query.page();
    query.done();
    return ok(paginate([...c.runs].reverse().map(toSyncRun), page));
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
    if (c.state !== 'active') {
      const why =
        c.state === 'validating'
          ? 'its credentials are still being checked'
          : 'its credentials were rejected';
      throw conflict('connection_not_ready', `This directory cannot sync yet: ${why}.`);
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
