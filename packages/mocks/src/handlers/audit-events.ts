import type { AuditEvent, PageBody } from '@identity-kit/sdk';
import { AUDIT_ACTIONS, QueryCheck } from '@identity-kit/sdk/contract';
import { defineOperation, ok } from '../http/operation';
import { type Ordering, paginate } from '../http/query';

const NEWEST_FIRST: Ordering<AuditEvent> = {
  list: 'audit-events',
  sortKey: (e) => e.occurredAt,
  id: (e) => e.id,
  descending: true,
};

const list = defineOperation<PageBody<AuditEvent>>({
  id: 'listAuditEvents',
  method: 'get',
  path: '/workspaces/:workspaceId/audit-events',
  run: ({ workspace, url }) => {
    const query = new QueryCheck(url.searchParams);
    const page = query.page(NEWEST_FIRST.list);
    const action = query.oneOf('action', AUDIT_ACTIONS);
    const targetId = query.string('targetId', 1000);
    query.done();
    const matches = workspace.state.auditEvents.filter(
      (e) =>
        (action === undefined || e.action === action) && (targetId === undefined || e.target.id === targetId),
    );
    return ok(paginate(matches, NEWEST_FIRST, page, (e) => e));
  },
});

export const auditEventOperations = [list];
