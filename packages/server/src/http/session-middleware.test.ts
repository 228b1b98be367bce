import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../testing/test-workspace';
import { type SessionRequest, sessionMiddleware } from './session-middleware';

let t: TestWorkspace;
let close = () => {};
afterEach(async () => {
  close();
  await t.server.close();
});

/** A host route behind the middleware, as Express would run it. */
async function hostApp() {
  t = await createTestWorkspace();
  const check = sessionMiddleware(t.server.sessions);
  const http = createServer((req, res) =>
    check(req as SessionRequest, res, () => {
      res.end(`hello ${(req as SessionRequest).identity?.member.displayName}`);
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  close = () => http.close();
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/dashboard`;
}

describe('sessionMiddleware', () => {
  it('lets a signed-in member through with their session, and answers 401 once everyone is signed out', async () => {
    const url = await hostApp();
    const cookie = await t.signIn(t.member);
    const ok = await fetch(url, { headers: { cookie } });
    expect(await ok.text()).toBe('hello Max Member');
    expect((await fetch(url)).status).toBe(401);

    await t.server.storage.sessions.forceReauthentication(
      t.workspace.id,
      { keepSessionId: null, reason: null },
      {
        actor: { type: 'system', id: 'test', displayName: null, email: null },
        requestId: 'req_1',
        at: new Date().toISOString(),
      },
    );
    const after = await fetch(url, { headers: { cookie } });
    expect(after.status).toBe(401);
  });
});
