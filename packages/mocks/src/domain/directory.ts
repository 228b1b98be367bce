import type { DirectoryConnection, Provider, SyncRun } from '@identity-kit/sdk';
import { maskCredentials, secretKeys, shownCredentials } from '@identity-kit/sdk/contract';
import { findProvider } from '@identity-kit/sdk/providers';
import type { StoredDirectoryConnection, StoredSyncRun } from '../state';
import { iso, MINUTE } from '../time';
import type { MockWorkspace } from '../workspace';
import { rejectionFor } from './rejections';
import { addGroup, addUser, countBySource, suspendUser } from './users';

/** What the simulated directory holds the first time it is read. */
export const INITIAL_SYNC = { users: 24, groups: 4 };

export function providerOf(c: { provider: string }): Provider {
  const provider = findProvider(c.provider);
  if (!provider) throw new Error(`Unknown provider "${c.provider}".`);
  return provider;
}

export function toSyncRun({ finishesAt: _finishesAt, ...run }: StoredSyncRun): SyncRun {
  return { ...run, counts: { ...run.counts }, errors: run.errors.map((e) => ({ ...e })) };
}

export function toDirectoryConnection(ws: MockWorkspace, c: StoredDirectoryConnection): DirectoryConnection {
  const last = c.runs.at(-1);
  return {
    id: c.id,
    provider: c.provider,
    name: c.name,
    state: c.state,
    stateReason: c.stateReason && { ...c.stateReason },
    credentials: maskCredentials(providerOf(c), c.credentials),
    syncIntervalMinutes: c.syncIntervalMinutes,
    lastSyncRun: last ? toSyncRun(last) : null,
    nextSyncAt: c.state === 'active' && c.nextSyncAt !== null ? iso(c.nextSyncAt) : null,
    counts: countBySource(ws, c.id),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function runningRun(c: StoredDirectoryConnection): StoredSyncRun | undefined {
  const last = c.runs.at(-1);
  return last?.status === 'running' ? last : undefined;
}

/** Starts checking the credentials with the directory; the answer arrives `validationMs` later. */
export function startValidation(ws: MockWorkspace, c: StoredDirectoryConnection, at: number): void {
  const running = runningRun(c);
  if (running) {
    running.status = 'failed';
    running.finishedAt = iso(at);
    running.errors.push({
      code: 'credentials_changed',
      message: 'The credentials changed while this sync ran.',
    });
  }
  c.state = 'validating';
  c.stateReason = null;
  c.validatingUntil = at + ws.scenario.validationMs;
}

export function startRun(
  ws: MockWorkspace,
  c: StoredDirectoryConnection,
  trigger: SyncRun['trigger'],
  at: number,
) {
  const run: StoredSyncRun = {
    id: ws.ids.next('run'),
    connectionId: c.id,
    status: 'running',
    trigger,
    startedAt: iso(at),
    finishedAt: null,
    counts: { created: 0, updated: 0, deactivated: 0, groups: 0, memberships: 0 },
    errors: [],
    finishesAt: at + ws.scenario.syncMs,
  };
  c.runs.push(run);
  c.state = 'syncing';
  c.stateReason = null;
  return run;
}

function finishValidation(ws: MockWorkspace, c: StoredDirectoryConnection, at: number): void {
  c.validatingUntil = null;
  const provider = providerOf(c);
  // Only what the form shows is judged: a token left over from another sign-in method is not sent.
  const credentials = shownCredentials(provider, c.credentials);
  const secrets = [...secretKeys(provider)].filter((key) => credentials[key] !== undefined);
  const bad = secrets.find((key) => credentials[key]?.startsWith('invalid'));
  if (ws.scenario.invalidCredentials || bad) {
    c.state = 'invalid_credentials';
    c.stateReason = rejectionFor(c.provider, provider.name, bad ?? secrets[0] ?? 'credentials');
    return;
  }
  c.state = 'active';
  if (!c.runs.some((r) => r.status === 'succeeded')) startRun(ws, c, 'initial', at);
}

/** The run fails with the scenario's `syncFailure`; the connection shows why until a sync succeeds. */
function failRun(
  c: StoredDirectoryConnection,
  run: StoredSyncRun,
  failure: { code: string; message: string },
) {
  run.status = 'failed';
  run.finishedAt = iso(run.finishesAt);
  run.errors.push({ ...failure });
  c.state = 'error';
  c.stateReason = { ...failure };
  c.nextSyncAt = null;
}

/** What the directory reports on each run: everyone at first, then some changes. */
function finishRun(ws: MockWorkspace, c: StoredDirectoryConnection, run: StoredSyncRun): void {
  if (ws.scenario.syncFailure) {
    failRun(c, run, ws.scenario.syncFailure);
    return;
  }
  const at = iso(run.finishesAt);
  const source = () => ({
    type: 'directory' as const,
    connectionId: c.id,
    externalId: `${c.id}-ext-${ws.state.seq}`,
  });
  const mine = ws.state.users.filter((u) => u.source.connectionId === c.id && u.status === 'active');
  if (!c.runs.some((r) => r.status === 'succeeded')) {
    for (let i = 0; i < INITIAL_SYNC.users; i++) addUser(ws, { source: source(), createdAt: at });
    for (let i = 0; i < INITIAL_SYNC.groups; i++) {
      addGroup(ws, {
        memberCount: INITIAL_SYNC.users / INITIAL_SYNC.groups,
        source: source(),
        createdAt: at,
      });
    }
    run.counts = {
      created: INITIAL_SYNC.users,
      updated: 0,
      deactivated: 0,
      groups: INITIAL_SYNC.groups,
      memberships: INITIAL_SYNC.users,
    };
  } else {
    const updated = mine.slice(0, 3 + (c.runs.length % 4));
    for (const user of updated) user.updatedAt = at;
    const leaver = mine.length > 1 ? mine.at(-1) : undefined;
    if (leaver) suspendUser(leaver, at);
    run.counts = {
      created: 0,
      updated: updated.length,
      deactivated: leaver ? 1 : 0,
      groups: ws.state.groups.filter((g) => g.source.connectionId === c.id).length,
      memberships: mine.length - (leaver ? 1 : 0),
    };
  }
  run.status = 'succeeded';
  run.finishedAt = at;
  c.state = 'active';
  c.stateReason = null;
  c.nextSyncAt = run.finishesAt + c.syncIntervalMinutes * MINUTE;
}

/**
 * Brings a connection up to `now`: nothing runs on timers, so every transition that should have
 * happened since the last read happens here, at the instant it was due.
 */
export function advanceDirectory(ws: MockWorkspace, c: StoredDirectoryConnection, now: number): void {
  for (;;) {
    const running = runningRun(c);
    if (c.state === 'validating' && c.validatingUntil !== null && c.validatingUntil <= now) {
      finishValidation(ws, c, c.validatingUntil);
    } else if (running && running.finishesAt <= now) {
      finishRun(ws, c, running);
    } else if (c.state === 'active' && !running && c.nextSyncAt !== null && c.nextSyncAt <= now) {
      const interval = c.syncIntervalMinutes * MINUTE;
      // Skip the slots nobody was looking at, as a scheduler that was asleep would.
      const due = c.nextSyncAt + Math.floor((now - c.nextSyncAt) / interval) * interval;
      startRun(ws, c, 'schedule', due);
    } else {
      return;
    }
  }
}
