import type { AuditAction, ScimConnection, ScimConnectionWithToken } from '@identity-kit/sdk';
import {
  BodyCheck,
  checkScimConnectionCreate,
  checkScimConnectionUpdate,
  conflict,
  NEW_TOKEN_UNUSED,
} from '@identity-kit/sdk/contract';
import { recordAudit, recordChanges } from '../domain/audit';
import { createScimConnection, issueToken, toScimConnection } from '../domain/scim';
import type { OperationContext } from '../http/operation';
import { created, defineOperation, noContent, ok } from '../http/operation';
import type { StoredScimConnection } from '../state';
import { iso } from '../time';
import { newestFirst, scimConnectionOr404 } from './lookup';

function target(c: StoredScimConnection) {
  return { type: 'scim_connection' as const, id: c.id, name: c.name };
}

function audit(ctx: OperationContext, c: StoredScimConnection, action: AuditAction, changes = {}) {
  recordAudit(ctx.workspace, { action, target: target(c), changes, requestId: ctx.requestId, at: ctx.now });
}

const list = defineOperation<{ data: ScimConnection[] }>({
  id: 'listScimConnections',
  method: 'get',
  path: '/workspaces/:workspaceId/scim-connections',
  run: ({ workspace }) =>
    ok({ data: newestFirst(workspace.state.scimConnections).map((c) => toScimConnection(workspace, c)) }),
});

const create = defineOperation<ScimConnectionWithToken>({
  id: 'createScimConnection',
  method: 'post',
  path: '/workspaces/:workspaceId/scim-connections',
  jsonBody: true,
  run: (ctx) => {
    const { provider: found, name, settings } = checkScimConnectionCreate(ctx.body);
    const { connection, token } = createScimConnection(
      ctx.workspace,
      { provider: found.id, name, settings },
      ctx.now,
    );
    audit(ctx, connection, 'scim_connection.created', {
      name: { from: null, to: connection.name },
      token: { from: null, to: '[redacted]' },
    });
    return created({ connection: toScimConnection(ctx.workspace, connection), token });
  },
});

const get = defineOperation<ScimConnection>({
  id: 'getScimConnection',
  method: 'get',
  path: '/workspaces/:workspaceId/scim-connections/:connectionId',
  run: ({ workspace, params }) =>
    ok(toScimConnection(workspace, scimConnectionOr404(workspace, params.connectionId))),
});

const update = defineOperation<ScimConnection>({
  id: 'updateScimConnection',
  method: 'patch',
  path: '/workspaces/:workspaceId/scim-connections/:connectionId',
  jsonBody: true,
  run: (ctx) => {
    const c = scimConnectionOr404(ctx.workspace, ctx.params.connectionId);
    const { name, settings } = checkScimConnectionUpdate(ctx.body);
    const before = { name: c.name, settings: c.settings };
    if (name !== undefined) c.name = name;
    if (settings) c.settings = settings;
    recordChanges(ctx.workspace, {
      action: 'scim_connection.updated',
      target: target(c),
      before,
      after: { name: c.name, settings: c.settings },
      touch: (at) => {
        c.updatedAt = at;
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return ok(toScimConnection(ctx.workspace, c));
  },
});

const remove = defineOperation<null>({
  id: 'deleteScimConnection',
  method: 'delete',
  path: '/workspaces/:workspaceId/scim-connections/:connectionId',
  run: (ctx) => {
    const c = scimConnectionOr404(ctx.workspace, ctx.params.connectionId);
    const all = ctx.workspace.state.scimConnections;
    all.splice(all.indexOf(c), 1);
    audit(ctx, c, 'scim_connection.deleted');
    return noContent();
  },
});

const startRotation = defineOperation<ScimConnectionWithToken>({
  id: 'startScimTokenRotation',
  method: 'post',
  path: '/workspaces/:workspaceId/scim-connections/:connectionId/token-rotation',
  run: (ctx) => {
    const c = scimConnectionOr404(ctx.workspace, ctx.params.connectionId);
    if (c.rotation) {
      throw conflict(
        'rotation_in_progress',
        'A token rotation is already in progress. Complete or cancel it first.',
      );
    }
    const { stored, secret } = issueToken(ctx.workspace, ctx.now);
    c.rotation = { startedAt: iso(ctx.now), newToken: stored };
    c.updatedAt = iso(ctx.now);
    audit(ctx, c, 'scim_connection.token_rotation_started', { token: { from: null, to: '[redacted]' } });
    return created({ connection: toScimConnection(ctx.workspace, c), token: secret });
  },
});

function rotationOr409(c: StoredScimConnection): NonNullable<StoredScimConnection['rotation']> {
  if (!c.rotation)
    throw conflict('no_rotation_in_progress', 'There is no token rotation in progress to end.');
  return c.rotation;
}

const completeRotation = defineOperation<ScimConnection>({
  id: 'completeScimTokenRotation',
  method: 'post',
  path: '/workspaces/:workspaceId/scim-connections/:connectionId/token-rotation/complete',
  jsonBody: 'optional',
  run: (ctx) => {
    const check = BodyCheck.of(ctx.body ?? {}).allowOnly(['force']);
    const force = check.boolean('force', 'whether to retire the old token even if it is still in use');
    check.done();
    const c = scimConnectionOr404(ctx.workspace, ctx.params.connectionId);
    const rotation = rotationOr409(c);
    const switched = c.lastUsedTokenId === rotation.newToken.id;
    if (!switched && !force) throw conflict('new_token_unused', NEW_TOKEN_UNUSED);
    c.token = rotation.newToken;
    c.rotation = null;
    c.updatedAt = iso(ctx.now);
    audit(ctx, c, 'scim_connection.token_rotation_completed', {
      token: { from: '[redacted]', to: '[redacted]' },
      // Worth seeing in the log: the provider may have been cut off by this.
      ...(switched ? {} : { force: { from: null, to: true } }),
    });
    return ok(toScimConnection(ctx.workspace, c));
  },
});

const cancelRotation = defineOperation<ScimConnection>({
  id: 'cancelScimTokenRotation',
  method: 'post',
  path: '/workspaces/:workspaceId/scim-connections/:connectionId/token-rotation/cancel',
  run: (ctx) => {
    const c = scimConnectionOr404(ctx.workspace, ctx.params.connectionId);
    rotationOr409(c);
    c.rotation = null;
    c.updatedAt = iso(ctx.now);
    audit(ctx, c, 'scim_connection.token_rotation_cancelled', { token: { from: '[redacted]', to: null } });
    return ok(toScimConnection(ctx.workspace, c));
  },
});

export const scimConnectionOperations = [
  list,
  create,
  get,
  update,
  remove,
  startRotation,
  completeRotation,
  cancelRotation,
];
