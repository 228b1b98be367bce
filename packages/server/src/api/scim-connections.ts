import type { ScimConnection } from '@identity-kit/sdk';
import {
  BodyCheck,
  checkScimConnectionCreate,
  checkScimConnectionUpdate,
  conflict,
  NEW_TOKEN_UNUSED,
  notFound,
} from '@identity-kit/sdk/contract';
import type { ProviderId, ScimConnectionRecord } from '../storage/storage';
import type { ApiContext, Route } from './context';
import { created, noContent, ok } from './respond';

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
      const { provider: found, name, settings } = checkScimConnectionCreate(ctx.body);
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
      const change = checkScimConnectionUpdate(ctx.body);
      await connectionOr404(ctx);
      const updated = await ctx.storage.scimConnections.update(
        ctx.workspaceId,
        ctx.params.connectionId as string,
        change,
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
