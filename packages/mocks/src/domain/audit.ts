import type { AuditEvent } from '@identity-kit/sdk';
import { iso } from '../time';
import type { MockWorkspace } from '../workspace';

export const REDACTED = '[redacted]';

export interface AuditInput {
  action: AuditEvent['action'];
  target: AuditEvent['target'];
  changes?: AuditEvent['changes'];
  requestId?: string | null;
  actor?: AuditEvent['actor'];
  at?: number;
}

export function recordAudit(ws: MockWorkspace, input: AuditInput): AuditEvent {
  const event: AuditEvent = {
    id: ws.ids.next('evt'),
    action: input.action,
    actor: input.actor ?? ws.viewerActor,
    target: input.target,
    occurredAt: iso(input.at ?? ws.now()),
    requestId: input.requestId ?? null,
    changes: input.changes ?? {},
  };
  ws.state.auditEvents.push(event);
  return event;
}

/** `{field: {from, to}}` for every key whose value differs. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  secretKeys: ReadonlySet<string> = new Set(),
): AuditEvent['changes'] {
  const changes: AuditEvent['changes'] = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const secret = secretKeys.has(key);
    changes[key] = {
      from: secret && before[key] !== undefined ? REDACTED : (before[key] ?? null),
      to: secret && after[key] !== undefined ? REDACTED : (after[key] ?? null),
    };
  }
  return changes;
}
