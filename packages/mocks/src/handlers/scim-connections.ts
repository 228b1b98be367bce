import type {
  AuditAction,
  ProviderId,
  ScimConnection,
  ScimConnectionSettings,
  ScimConnectionWithToken,
} from '@identity-kit/sdk';
import { findProvider } from '@identity-kit/sdk/providers';
import { diff, recordAudit } from '../domain/audit';
import { createScimConnection, issueToken, toScimConnection } from '../domain/scim';
import { BodyCheck } from '../http/checks';
import { conflict, validationFailed } from '../http/errors';
import type { OperationContext } from '../http/operation';
import { created, defineOperation, noContent, ok } from '../http/operation';
import type { StoredScimConnection } from '../state';
import { iso } from '../time';
import { newestFirst, scimConnectionOr404 } from './lookup';

export const PROVIDER_IDS: readonly ProviderId[] = [
  'okta',
  'entra_id',
  'google_workspace',
  'onelogin',
  'jumpcloud',
  'pingfederate',
  'rippling',
  'generic_scim',
];
const DEPROVISION_ACTIONS = ['suspend', 'delete'] as const;

function checkNameAndSettings(check: BodyCheck): { name?: string; settings?: ScimConnectionSettings } {
  const name = check.string('name', { min: 1, max: 100 });
  const settingsCheck = check.object('settings');
  settingsCheck?.allowOnly(['deprovisionAction']);
  const deprovisionAction = settingsCheck?.oneOf('deprovisionAction', DEPROVISION_ACTIONS, {
    required: true,
  });
  return { name, settings: deprovisionAction ? { deprovisionAction } : undefined };
}

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
    const check = BodyCheck.of(ctx.body).allowOnly(['provider', 'name', 'settings']);
    const provider = check.oneOf('provider', PROVIDER_IDS, { required: true });
    const { name, settings } = checkNameAndSettings(check);
    check.done();
    const found = findProvider(provider as ProviderId);
    if (!found?.capabilities.scim) {
      throw validationFailed([
        {
          path: 'provider',
          code: 'not_allowed',
          message: `${found?.name ?? provider} cannot push users over SCIM. Connect it as a directory instead.`,
        },
      ]);
    }
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
    const check = BodyCheck.of(ctx.body).allowOnly(['name', 'settings']);
    const { name, settings } = checkNameAndSettings(check);
    check.done();
    const before = { name: c.name, settings: c.settings };
    if (name !== undefined) c.name = name;
    if (settings) c.settings = settings;
    const changes = diff(before, { name: c.name, settings: c.settings });
    if (Object.keys(changes).length > 0) {
      c.updatedAt = iso(ctx.now);
      audit(ctx, c, 'scim_connection.updated', changes);
    }
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

function endRotation(id: string, path: string, complete: boolean) {
  return defineOperation<ScimConnection>({
    id,
    method: 'post',
    path: `/workspaces/:workspaceId/scim-connections/:connectionId/token-rotation/${path}`,
    run: (ctx) => {
      const c = scimConnectionOr404(ctx.workspace, ctx.params.connectionId);
      if (!c.rotation)
        throw conflict('no_rotation_in_progress', 'There is no token rotation in progress to end.');
      if (complete) c.token = c.rotation.newToken;
      c.rotation = null;
      c.updatedAt = iso(ctx.now);
      audit(
        ctx,
        c,
        complete ? 'scim_connection.token_rotation_completed' : 'scim_connection.token_rotation_cancelled',
        { token: { from: '[redacted]', to: complete ? '[redacted]' : null } },
      );
      return ok(toScimConnection(ctx.workspace, c));
    },
  });
}

export const scimConnectionOperations = [
  list,
  create,
  get,
  update,
  remove,
  startRotation,
  endRotation('completeScimTokenRotation', 'complete', true),
  endRotation('cancelScimTokenRotation', 'cancel', false),
];
