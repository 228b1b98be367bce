// The SDK against @identity-kit/mocks, with every response checked against openapi.yaml. Tests only.
import { createIdentityHandlers, createMockWorkspace, type MockWorkspaceOptions } from '@identity-kit/mocks';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { trackContract } from '../../../mocks/src/testing/contract';
import { createIdentityClient, type IdentityClientOptions } from '../client';

/**
 * One MSW server per test file and a fresh workspace per `start()`. After each test, every response the SDK
 * received must have matched the contract; after the file, every operation in `operations` must have been
 * answered with a success through the SDK.
 */
export function useMockApi(operations: string[]) {
  const server = setupServer();
  const contract = trackContract(server);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    server.resetHandlers();
    expect(await contract.flush()).toEqual([]);
  });
  afterAll(() => {
    server.close();
    expect([...operations].filter((op) => !contract.succeeded.has(op))).toEqual([]);
  });

  return function start(options: MockWorkspaceOptions = {}, client: Partial<IdentityClientOptions> = {}) {
    const workspace = createMockWorkspace(options);
    server.use(...createIdentityHandlers(workspace));
    const identity = createIdentityClient({
      baseUrl: 'https://app.test/api/identity',
      workspaceId: workspace.id,
      accessToken: 'test-token',
      ...client,
    });
    return { workspace, identity };
  };
}

/** A clock that moves only when the test says so, for the mocks' lazy state machines. */
export function manualClock(start = Date.parse('2026-11-28T12:00:00.000Z')) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}
