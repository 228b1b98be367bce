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

export interface ChangeInput extends Omit<AuditInput, 'changes'> {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Keys whose values are recorded as `[redacted]`. */
  secretKeys?: ReadonlySet<string>;
  /** Marks the changed entity at the given time, such as setting its `updatedAt`. */
  touch(at: string): void;
}

/**
 * What every update does once it has applied a change: if anything differs between `before` and `after`,
 * touch the entity and record `action` with the differences. When nothing differs, neither happens, so
 * saving an unchanged form leaves no trace. Returns whether anything changed.
 */
export function recordChanges(
  ws: MockWorkspace,
  { before, after, secretKeys, touch, ...input }: ChangeInput,
): boolean {
  const changes = diff(before, after, secretKeys);
  if (Object.keys(changes).length === 0) return false;
  touch(iso(input.at ?? ws.now()));
  recordAudit(ws, { ...input, changes });
  return true;
}
