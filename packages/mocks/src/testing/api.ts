// A tiny fetch wrapper for the tests: plain fetch, as a host's code would do.
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely; the contract test checks their shape.
type Loose = any;

export const ORIGIN = 'https://app.test';

export interface ApiResponse<T = Loose> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function apiFor(workspaceId = 'ws_acme') {
  return async function api<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${ORIGIN}/api/identity/workspaces/${workspaceId}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text };
  };
}
