import { AUDIT_ACTIONS, QueryCheck } from '@identity-kit/sdk/contract';
import type { Route } from './context';
import { ok, page } from './respond';

export const auditEventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/audit-events',
    run: async ({ storage, workspaceId, url }) => {
      const check = new QueryCheck(url.searchParams);
      const { limit, after } = check.page('audit-events');
      const action = check.oneOf('action', AUDIT_ACTIONS);
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
