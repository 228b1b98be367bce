import type { ScimRequestError } from '@identity-kit/sdk';
import type { AuditInput } from '../domain/audit';
import { recordAudit } from '../domain/audit';
import { scimBaseUrl } from '../domain/scim';
import { addGroup, addUser, suspendUser } from '../domain/users';
import type { StoredDirectoryConnection, StoredScimConnection, StoredSyncRun } from '../state';
import { DAY, HOUR, iso, MINUTE } from '../time';
import type { MockWorkspace } from '../workspace';

export const BUSY = { scimUsers: 300, directoryUsers: 100, scimGroups: 18, directoryGroups: 7 };

function seedScim(ws: MockWorkspace, now: number): StoredScimConnection {
  const id = ws.ids.next('scim');
  const token = {
    id: ws.ids.next('tok'),
    secret: 'scim_seeded-token-that-no-one-can-read-7f3a',
    createdAt: iso(now - 10 * DAY),
    lastUsedAt: iso(now - 4 * MINUTE),
  };
  const errors: ScimRequestError[] = [
    {
      at: iso(now - 2 * HOUR),
      method: 'POST',
      path: '/Users',
      status: 409,
      scimType: 'uniqueness',
      message: 'A user with the user name grace.hopper@acme.test already exists.',
    },
    {
      at: iso(now - 26 * HOUR),
      method: 'PATCH',
      path: '/Groups/grp_0003',
      status: 400,
      scimType: 'invalidValue',
      message: 'The member usr_9999 does not exist.',
    },
    {
      at: iso(now - 3 * DAY),
      method: 'GET',
      path: '/Users',
      status: 429,
      message: 'Too many requests; retried after 2 seconds.',
    },
  ];
  const connection: StoredScimConnection = {
    id,
    provider: 'okta',
    name: 'Okta',
    status: 'active',
    baseUrl: scimBaseUrl(ws, id),
    settings: { deprovisionAction: 'suspend' },
    token,
    rotation: null,
    lastUsedTokenId: token.id,
    verifiedAt: iso(now - 45 * DAY + 12 * MINUTE),
    lastRequestAt: iso(now - 4 * MINUTE),
    recentErrors: errors,
    createdAt: iso(now - 45 * DAY),
    updatedAt: iso(now - 10 * DAY),
    autoVerify: null,
  };
  ws.state.scimConnections.push(connection);
  const source = (n: number) => ({
    type: 'scim' as const,
    connectionId: id,
    externalId: `00u${String(n).padStart(17, '0')}`,
  });
  for (let i = 0; i < BUSY.scimGroups; i++) {
    addGroup(ws, {
      memberCount: 5 + ((i * 7) % 40),
      source: source(10_000 + i),
      createdAt: iso(now - 45 * DAY + i * MINUTE),
    });
  }
  for (let i = 0; i < BUSY.scimUsers; i++) {
    const signedIn = i % 5 !== 0;
    const user = addUser(ws, {
      source: source(i),
      createdAt: iso(now - 45 * DAY + i * 3 * HOUR),
      lastSignInAt: signedIn ? iso(now - (i % 72) * HOUR) : null,
      sessions: signedIn ? (i % 3) + 1 : 0,
    });
    if (i % 12 === 5 && i < 288) suspendUser(user, iso(now - (i % 9) * DAY));
  }
  return connection;
}

function seedDirectory(ws: MockWorkspace, now: number): StoredDirectoryConnection {
  const id = ws.ids.next('dir');
  const createdAt = now - 4 * DAY;
  const connection: StoredDirectoryConnection = {
    id,
    provider: 'entra_id',
    name: 'Microsoft Entra ID',
    state: 'active',
    stateReason: null,
    credentials: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '4a1aa1d5-c567-49d0-ad0b-cd957a47f842',
      clientSecret: 'Qx8Q~seeded.client.secret.value~k2Vb',
      cloud: 'global',
    },
    syncIntervalMinutes: 1440,
    validatingUntil: null,
    runs: [],
    nextSyncAt: null,
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
  };
  ws.state.directoryConnections.push(connection);
  const source = (n: number) => ({
    type: 'directory' as const,
    connectionId: id,
    externalId: `e${String(n).padStart(7, '0')}-9c1d-4a8e-b1f0-5d2c7e3a9b10`,
  });
  const plan = [
    { startedAt: createdAt + MINUTE, created: 96, updated: 0, deactivated: 0, trigger: 'initial' as const },
    { startedAt: now - 3 * DAY, created: 1, updated: 3, deactivated: 1, trigger: 'schedule' as const },
    { startedAt: now - 2 * DAY, created: 1, updated: 5, deactivated: 2, trigger: 'schedule' as const },
    { startedAt: now - DAY, created: 1, updated: 2, deactivated: 1, trigger: 'schedule' as const },
    { startedAt: now - 2 * HOUR, created: 1, updated: 4, deactivated: 2, trigger: 'manual' as const },
  ];
  let n = 0;
  for (const step of plan) {
    const finishedAt = step.startedAt + 42_000;
    for (let i = 0; i < step.created; i++, n++) {
      addUser(ws, {
        source: source(n),
        createdAt: iso(finishedAt),
        lastSignInAt: n % 4 === 0 ? null : iso(now - (n % 48) * HOUR),
        sessions: n % 4 === 0 ? 0 : (n % 2) + 1,
      });
    }
    const active = ws.state.users.filter((u) => u.source.connectionId === id && u.status === 'active');
    for (const user of active.slice(0, step.deactivated)) suspendUser(user, iso(finishedAt));
    if (step.trigger === 'initial') {
      for (let i = 0; i < BUSY.directoryGroups; i++)
        addGroup(ws, { memberCount: 8 + i * 3, source: source(90_000 + i), createdAt: iso(finishedAt) });
    }
    const run: StoredSyncRun = {
      id: ws.ids.next('run'),
      connectionId: id,
      status: 'succeeded',
      trigger: step.trigger,
      startedAt: iso(step.startedAt),
      finishedAt: iso(finishedAt),
      counts: {
        created: step.created,
        updated: step.updated,
        deactivated: step.deactivated,
        groups: BUSY.directoryGroups,
        memberships: n * 2,
      },
      errors:
        step.updated > 4
          ? [
              {
                code: 'user_skipped',
                message: 'The user has no email address; skipped.',
                subject: 'svc-printer',
              },
            ]
          : [],
      finishesAt: finishedAt,
    };
    connection.runs.push(run);
    connection.nextSyncAt = finishedAt + connection.syncIntervalMinutes * MINUTE;
  }
  return connection;
}

/** ~40 events spread over the last weeks, oldest first, as the audit log would have them. */
function seedAudit(
  ws: MockWorkspace,
  now: number,
  scim: StoredScimConnection,
  dir: StoredDirectoryConnection,
) {
  const scimTarget = { type: 'scim_connection' as const, id: scim.id, name: scim.name };
  const dirTarget = { type: 'directory_connection' as const, id: dir.id, name: dir.name };
  const policy = { type: 'session_policy' as const, id: ws.id, name: null };
  const events: AuditInput[] = [
    {
      at: now - 45 * DAY,
      action: 'scim_connection.created',
      target: scimTarget,
      changes: { name: { from: null, to: 'Okta' } },
    },
    {
      at: now - 40 * DAY,
      action: 'session_policy.updated',
      target: policy,
      changes: { sessionDurationSeconds: { from: 86_400, to: 43_200 } },
    },
    {
      at: now - 30 * DAY,
      action: 'scim_connection.updated',
      target: scimTarget,
      changes: { settings: { from: { deprovisionAction: 'delete' }, to: { deprovisionAction: 'suspend' } } },
    },
    {
      at: now - 10 * DAY - HOUR,
      action: 'scim_connection.token_rotation_started',
      target: scimTarget,
      changes: { token: { from: null, to: '[redacted]' } },
    },
    {
      at: now - 10 * DAY,
      action: 'scim_connection.token_rotation_completed',
      target: scimTarget,
      changes: { token: { from: '[redacted]', to: '[redacted]' } },
    },
    {
      at: now - 12 * DAY,
      action: 'session_policy.updated',
      target: policy,
      changes: {
        sessionDurationSeconds: { from: 43_200, to: 28_800 },
        idleTimeoutSeconds: { from: null, to: 3600 },
      },
    },
    {
      at: now - 12 * DAY + MINUTE,
      action: 'reauthentication.forced',
      target: { type: 'workspace', id: ws.id, name: null },
      changes: { keepCurrentSession: { from: null, to: true } },
    },
    {
      at: now - 4 * DAY,
      action: 'directory_connection.created',
      target: dirTarget,
      changes: { credentials: { from: null, to: '[redacted]' } },
    },
    { at: now - 2 * HOUR, action: 'directory_connection.sync_started', target: dirTarget, changes: {} },
  ];
  const settings = (from: string, to: string) => ({
    settings: { from: { deprovisionAction: from }, to: { deprovisionAction: to } },
  });
  const routine: Array<Pick<AuditInput, 'action' | 'changes'>> = [
    { action: 'scim_connection.updated', changes: settings('suspend', 'delete') },
    {
      action: 'scim_connection.token_rotation_started',
      changes: { token: { from: null, to: '[redacted]' } },
    },
    {
      action: 'scim_connection.token_rotation_cancelled',
      changes: { token: { from: '[redacted]', to: null } },
    },
    { action: 'scim_connection.updated', changes: settings('delete', 'suspend') },
  ];
  for (let i = 0; i < 31; i++) {
    const step = routine[i % routine.length] as (typeof routine)[number];
    events.push({ ...step, at: now - 44 * DAY + i * 20 * HOUR, target: scimTarget });
  }
  events.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  for (const event of events) recordAudit(ws, { ...event, requestId: null });
}

/** 400 users from two connections, groups, a past reauthentication and a tightened policy. */
export function seedBusy(ws: MockWorkspace): void {
  const now = ws.now();
  const scim = seedScim(ws, now);
  const dir = seedDirectory(ws, now);
  ws.state.sessionPolicy = {
    sessionDurationSeconds: 28_800,
    idleTimeoutSeconds: 3600,
    updatedAt: iso(now - 12 * DAY),
    updatedBy: ws.viewerActor,
  };
  ws.state.reauthentications.push({
    id: ws.ids.next('rea'),
    revokedSessions: 512,
    affectedUsers: 288,
    effectiveAt: iso(now - 12 * DAY + MINUTE),
    keptCurrentSession: true,
    performedBy: ws.viewerActor,
    reason: 'A laptop was reported stolen.',
  });
  seedAudit(ws, now, scim, dir);
}
