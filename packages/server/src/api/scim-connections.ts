import type { ScimConnection } from '@identity-kit/sdk';
import {
  BodyCheck,
  conflict,
  DEPROVISION_ACTIONS,
  notFound,
  PROVIDER_IDS,
  validationFailed,
} from '@identity-kit/sdk/contract';
import { findProvider } from '@identity-kit/sdk/providers';
import type { ProviderId, ScimConnectionRecord } from '../storage/storage';
import type { ApiContext, Route } from './context';
import { created, noContent, ok } from './respond';

const NEW_TOKEN_UNUSED =
  'The identity provider still uses the old token: it has not sent a request with the new one yet, so retiring the old token now would cut it off. Paste the new token into the provider’s provisioning settings and save them first, or force completion if you are sure.';

function toConnection(ctx: ApiContext, record: ScimConnectionRecord): ScimConnection {
  const { workspaceId: _, ...rest } = record;
  return { ...rest, baseUrl: ctx.scimBaseUrl(record.id) } as ScimConnection;
}

async function connectionOr404(ctx: ApiContext): Promise<ScimConnectionRecord> {
  const record = await ctx.storage.scimConnections.get(ctx.workspaceId, ctx.params.connectionId as string);
  if (!record)
    throw notFound('There is no such SCIM connection in this workspace. It may have been disconnected.');
  return record;
}

function checkNameAndSettings(check: BodyCheck) {
  const name = check.string('name', 'Name', { min: 1, max: 100 });
  const settingsCheck = check.object('settings', 'Settings');
  settingsCheck?.allowOnly(['deprovisionAction']);
  const deprovisionAction = settingsCheck?.oneOf(
    'deprovisionAction',
    'what happens to deprovisioned users',
    DEPROVISION_ACTIONS,
    { required: true },
  );
  return { name, settings: deprovisionAction ? { deprovisionAction } : undefined };
}

export const scimConnectionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/scim-connections',
    run: async (ctx) => {
      const all = await ctx.storage.scimConnections.list(ctx.workspaceId);
      const newestFirst = [...all].sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
      );
      return ok({ data: newestFirst.map((c) => toConnection(ctx, c)) });
    },
  },
  {
    method: 'POST',
    path: '/scim-connections',
    body: 'required',
    run: async (ctx) => {
      const check = BodyCheck.of(ctx.body).allowOnly(['provider', 'name', 'settings']);
      const provider = check.oneOf('provider', 'the identity provider to connect', PROVIDER_IDS, {
        required: true,
      });
      const { name, settings } = checkNameAndSettings(check);
      check.done();
      const found = findProvider(provider as string);
      if (!found?.capabilities.scim) {
        throw validationFailed([
          {
            path: 'provider',
            code: 'not_allowed',
            message: `${found?.name ?? provider} cannot push users over SCIM. Connect it as a directory instead.`,
          },
        ]);
      }
      const { connection, token } = await ctx.storage.scimConnections.create(
        {
          workspaceId: ctx.workspaceId,
          provider: found.id as ProviderId,
          name: name ?? found.name,
          ...(settings ? { settings } : {}),
        },
        ctx.actor,
      );
      return created({ connection: toConnection(ctx, connection), token });
    },
  },
  {
    method: 'GET',
    path: '/scim-connections/:connectionId',
    run: async (ctx) => ok(toConnection(ctx, await connectionOr404(ctx))),
  },
  {
    method: 'PATCH',
    path: '/scim-connections/:connectionId',
    body: 'required',
    run: async (ctx) => {
      const check = BodyCheck.of(ctx.body).allowOnly(['name', 'settings']);
      const change = checkNameAndSettings(check);
      check.done();
      await connectionOr404(ctx);
      const updated = await ctx.storage.scimConnections.update(
        ctx.workspaceId,
        ctx.params.connectionId as string,
        {
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.settings ? { settings: change.settings } : {}),
        },
        ctx.actor,
      );
      return ok(toConnection(ctx, updated));
    },
  },
  {
    method: 'DELETE',
    path: '/scim-connections/:connectionId',
    run: async (ctx) => {
      await connectionOr404(ctx);
      await ctx.storage.scimConnections.delete(ctx.workspaceId, ctx.params.connectionId as string, ctx.actor);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/scim-connections/:connectionId/token-rotation',
    run: async (ctx) => {
      const current = await connectionOr404(ctx);
      if (current.rotation) {
        throw conflict(
          'rotation_in_progress',
          'A token rotation is already in progress. Complete or cancel it first.',
        );
      }
      const { connection, token } = await ctx.storage.scimConnections.startRotation(
        ctx.workspaceId,
        current.id,
        ctx.actor,
      );
      return created({ connection: toConnection(ctx, connection), token });
    },
  },
  {
    method: 'POST',
    path: '/scim-connections/:connectionId/token-rotation/complete',
    body: 'optional',
    run: async (ctx) => {
      const check = BodyCheck.of(ctx.body ?? {}).allowOnly(['force']);
      const force = check.boolean('force', 'whether to retire the old token even if it is still in use');
      check.done();
      const current = await connectionOr404(ctx);
      if (!current.rotation)
        throw conflict('no_rotation_in_progress', 'There is no token rotation in progress to end.');
      if (current.lastUsedTokenId !== current.rotation.newToken.id && !force) {
        throw conflict('new_token_unused', NEW_TOKEN_UNUSED);
      }
      return ok(
        toConnection(
          ctx,
          await ctx.storage.scimConnections.completeRotation(ctx.workspaceId, current.id, ctx.actor),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/scim-connections/:connectionId/token-rotation/cancel',
    run: async (ctx) => {
      const current = await connectionOr404(ctx);
      if (!current.rotation)
        throw conflict('no_rotation_in_progress', 'There is no token rotation in progress to end.');
      return ok(
        toConnection(
          ctx,
          await ctx.storage.scimConnections.cancelRotation(ctx.workspaceId, current.id, ctx.actor),
        ),
      );
    },
  },
];
