import type { HttpHandler } from 'msw';
import type { Operation } from '../http/operation';
import { toHandler } from '../http/pipeline';
import type { MockWorkspace } from '../workspace';
import { auditEventOperations } from './audit-events';
import { directoryConnectionOperations } from './directory-connections';
import { groupOperations } from './groups';
import { providerOperations } from './providers';
import { reauthenticationOperations } from './reauthentication';
import { scimConnectionOperations } from './scim-connections';
import { sessionPolicyOperations } from './session-policy';
import { userOperations } from './users';

export interface IdentityHandlersOptions {
  /** Where the identity API is mounted. By default `/api/identity` on any origin, so node and browser alike. */
  baseUrl?: string;
}

export const DEFAULT_BASE_URL = '*/api/identity';

/** Every operation of the contract, in the contract's order. */
export const operations: readonly Operation[] = [
  ...providerOperations,
  ...scimConnectionOperations,
  ...directoryConnectionOperations,
  ...userOperations,
  ...groupOperations,
  ...sessionPolicyOperations,
  ...reauthenticationOperations,
  ...auditEventOperations,
] as Operation[];

/** MSW handlers serving the given workspaces; any other workspace id answers 403. */
export function createIdentityHandlers(
  workspaces: MockWorkspace | MockWorkspace[],
  options: IdentityHandlersOptions = {},
): HttpHandler[] {
  const list = Array.isArray(workspaces) ? workspaces : [workspaces];
  if (list.length === 0)
    throw new Error('createIdentityHandlers needs at least one workspace from createMockWorkspace().');
  const ids = list.map((w) => w.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) {
    throw new Error(
      `createIdentityHandlers: two workspaces have the id "${duplicate}", so requests to it would reach only the first. Give each its own id: createMockWorkspace({ id: 'ws_globex' }).`,
    );
  }
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  let requests = 0;
  const nextRequestId = () => `req_${String(++requests).padStart(6, '0')}`;
  return operations.map((op) => toHandler(op, list, baseUrl, nextRequestId));
}
