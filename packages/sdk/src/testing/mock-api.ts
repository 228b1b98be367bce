// The SDK against @identity-kit/mocks, with every response checked against openapi.yaml. Tests only.
import { createIdentityHandlers, createMockWorkspace, type MockWorkspaceOptions } from '@identity-kit/mocks';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { validateResponse } from '../../../mocks/src/testing/contract';
import { createIdentityClient, type IdentityClientOptions } from '../client';

/**
 * One MSW server per test file and a fresh workspace per `start()`. After each test, every response the SDK
 * received must have matched the contract; after the file, every operation in `operations` must have been
 * answered with a success through the SDK.
 */
export function useMockApi(operations: string[]) {
  const server = setupServer();
  const pending: Promise<void>[] = [];
  const violations: string[] = [];
  const succeeded = new Set<string>();
  server.events.on('response:mocked', ({ request, response }) => {
    const copy = response.clone();
    pending.push(
      copy.text().then((text) => {
        const result = validateResponse(request.method, request.url, copy.status, text, copy.headers);
        if (result.operationId && copy.status < 300) succeeded.add(result.operationId);
        for (const error of result.errors)
          violations.push(`${request.method} ${request.url} ${copy.status}: ${error}`);
      }),
    );
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    server.resetHandlers();
    await Promise.all(pending.splice(0));
    expect(violations.splice(0)).toEqual([]);
  });
  afterAll(() => {
    server.close();
    expect([...operations].filter((op) => !succeeded.has(op))).toEqual([]);
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
