// One MSW server per test file; each test gets a fresh workspace through `start`.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createIdentityHandlers } from '../handlers';
import { createMockWorkspace, MockWorkspace, type MockWorkspaceOptions } from '../workspace';

export const T0 = Date.parse('2026-11-28T12:00:00.000Z');

/** A hand-driven clock: time moves only when the test says so. */
export function manualClock(start = T0) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

export function useIdentityServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    start(...workspaces: Array<MockWorkspaceOptions | MockWorkspace>): MockWorkspace[] {
      const list = workspaces.map((w) => (w instanceof MockWorkspace ? w : createMockWorkspace(w)));
      server.use(...createIdentityHandlers(list));
      return list;
    },
  };
}
