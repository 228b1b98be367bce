import type { AuditAction, AuditEvent, PageBody } from '@identity-kit/sdk';
import { defineOperation, ok } from '../http/operation';
import { paginate, QueryCheck } from '../http/query';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
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
];

const list = defineOperation<PageBody<AuditEvent>>({
  id: 'listAuditEvents',
  method: 'get',
  path: '/workspaces/:workspaceId/audit-events',
  run: ({ workspace, url }) => {
    const query = new QueryCheck(url.searchParams);
    const page = query.page();
    const action = query.oneOf('action', AUDIT_ACTIONS);
    const targetId = query.string('targetId', 1000);
    query.done();
    const matches = workspace.state.auditEvents.filter(
      (e) =>
        (action === undefined || e.action === action) && (targetId === undefined || e.target.id === targetId),
    );
    return ok(paginate([...matches].reverse(), page));
  },
});

export const auditEventOperations = [list];
