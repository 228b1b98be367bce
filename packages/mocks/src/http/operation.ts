import type { MockWorkspace } from '../workspace';

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface OperationContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  workspace: MockWorkspace;
  requestId: string;
  /** The parsed JSON body, for operations that take one; undefined when an optional body was left out. */
  body: unknown;
  now: number;
}

export interface Reply<T> {
  status: 200 | 201 | 202 | 204;
  body: T;
}

/** One operation of the contract: its operationId, route, and what it does once the request is allowed. */
export interface Operation<T = unknown> {
  id: string;
  method: Method;
  /** Relative to the base URL, in MSW's syntax: `/workspaces/:workspaceId/users`. */
  path: string;
  /** `true`: a JSON body is required; `'optional'`: a JSON body may be sent. */
  jsonBody?: true | 'optional';
  run(ctx: OperationContext): Reply<T>;
}

/** Types the reply's body with the contract's shape, so a handler cannot drift from it. */
export function defineOperation<T>(operation: Operation<T>): Operation<T> {
  return operation;
}

export const ok = <T>(body: T): Reply<T> => ({ status: 200, body });
export const created = <T>(body: T): Reply<T> => ({ status: 201, body });
export const accepted = <T>(body: T): Reply<T> => ({ status: 202, body });
export const noContent = (): Reply<null> => ({ status: 204, body: null });
