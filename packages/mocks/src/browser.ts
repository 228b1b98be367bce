import { setupWorker } from 'msw/browser';
import { createIdentityHandlers, type IdentityHandlersOptions } from './handlers';
import { createMockWorkspace, type MockWorkspaceOptions } from './workspace';

export * from './index';

/** A mock identity API in the browser. `await worker.start()` once `mockServiceWorker.js` is served. */
export function setupIdentityWorker(options: MockWorkspaceOptions & IdentityHandlersOptions = {}) {
  const workspace = createMockWorkspace(options);
  const worker = setupWorker(...createIdentityHandlers(workspace, { baseUrl: options.baseUrl }));
  return { worker, workspace };
}
