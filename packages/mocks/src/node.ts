import { setupServer } from 'msw/node';
import { createIdentityHandlers, type IdentityHandlersOptions } from './handlers';
import { createMockWorkspace, type MockWorkspaceOptions } from './workspace';

export * from './index';

/** A mock identity API for tests in Node. Call `server.listen()` before and `server.close()` after. */
export function setupIdentityServer(options: MockWorkspaceOptions & IdentityHandlersOptions = {}) {
  const workspace = createMockWorkspace(options);
  const server = setupServer(...createIdentityHandlers(workspace, { baseUrl: options.baseUrl }));
  return { server, workspace };
}
