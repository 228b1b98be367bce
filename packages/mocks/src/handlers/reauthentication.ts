import type { Reauthentication, ReauthenticationStatus } from '@identity-kit/sdk';
import { BodyCheck } from '@identity-kit/sdk/contract';
import { recordAudit } from '../domain/audit';
import { created, defineOperation, ok } from '../http/operation';
import { iso } from '../time';
import type { MockWorkspace } from '../workspace';

function status(ws: MockWorkspace): ReauthenticationStatus {
  const signedIn = ws.state.users.filter((u) => u.status === 'active' && u.sessions > 0);
  return {
    activeSessions: signedIn.reduce((sum, u) => sum + u.sessions, 0),
    activeUsers: signedIn.length,
    last: ws.state.reauthentications.at(-1) ?? null,
  };
}

const get = defineOperation<ReauthenticationStatus>({
  id: 'getReauthenticationStatus',
  method: 'get',
  path: '/workspaces/:workspaceId/reauthentication',
  run: ({ workspace }) => ok(status(workspace)),
});

const force = defineOperation<Reauthentication>({
  id: 'forceReauthentication',
  method: 'post',
  path: '/workspaces/:workspaceId/reauthentication',
  jsonBody: true,
  run: (ctx) => {
    const ws = ctx.workspace;
    const check = BodyCheck.of(ctx.body).allowOnly(['keepCurrentSession', 'reason']);
    const keep = check.boolean('keepCurrentSession', 'whether to keep your current session signed in', {
      required: true,
    });
    const reason = check.string('reason', 'Reason', { max: 500 });
    check.done();
    let revokedSessions = 0;
    let affectedUsers = 0;
    for (const user of ws.state.users) {
      // Keeping the admin's own session means keeping exactly the one this request came from.
      const kept = keep && user.id === ws.viewer.id ? Math.min(user.sessions, 1) : 0;
      if (user.sessions > kept) {
        revokedSessions += user.sessions - kept;
        affectedUsers++;
      }
      user.sessions = kept;
    }
    const viewer = ws.state.users.find((u) => u.id === ws.viewer.id);
    if (keep && viewer) viewer.sessions = 1;
    if (!keep) ws.viewerSignedOut = true;
    const result: Reauthentication = {
      id: ws.ids.next('rea'),
      revokedSessions,
      affectedUsers,
      effectiveAt: iso(ctx.now),
      keptCurrentSession: keep === true,
      performedBy: ws.viewerActor,
      reason: reason ?? null,
    };
    ws.state.reauthentications.push(result);
    recordAudit(ws, {
      action: 'reauthentication.forced',
      target: { type: 'workspace', id: ws.id, name: null },
      changes: { keepCurrentSession: { from: null, to: result.keptCurrentSession } },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return created(result);
  },
});

export const reauthenticationOperations = [get, force];
