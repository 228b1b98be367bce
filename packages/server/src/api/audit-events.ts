import { QueryCheck } from '@identity-kit/sdk/contract';
import type { Route } from './context';
import { ok, page } from './respond';

const ACTIONS = [
  'scim_connection.created',
  'scim_connection.updated',
  'scim_connection.deleted',
  'scim_connection.token_rotation_started',
  'scim_connection.token_rotation_completed',
  'scim_connection.token_rotation_cancelled',
  'directory_connection.created',
  'directory_connection.updated',
  'directory_connection.deleted',
  'directory_connection.sync_started',
  'session_policy.updated',
  'reauthentication.forced',
] as const;

export const auditEventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/audit-events',
    run: async ({ storage, workspaceId, url }) => {
      const check = new QueryCheck(url.searchParams);
      const { limit, after } = check.page('audit-events');
      const action = check.oneOf('action', ACTIONS);
      const targetId = check.string('targetId');
      check.done();
      const { records, totalCount } = await storage.auditEvents.page(workspaceId, {
        limit: limit + 1,
        ...(after ? { after: { occurredAt: after.sort, id: after.id } } : {}),
        ...(action ? { action } : {}),
        ...(targetId ? { targetId } : {}),
      });
      return ok(page('audit-events', records, limit, totalCount, (e) => ({ sort: e.occurredAt, id: e.id })));
    },
  },
];
