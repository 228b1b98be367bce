// What the provider fakes share: a node:http server on 127.0.0.1, a log of every request, and the faults a
// real provider shows under load (throttling, a run of 5xx), switched on by tests.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1.0/users?$top=999`. */
  path: string;
  status: number;
  /** The form fields of a token request, for checking what a connector sent. */
  form?: Record<string, string>;
}

export interface ThrottleOptions {
  /** API requests answered normally first. Default 0. */
  after?: number;
  /** How many requests in a row are refused. */
  times: number;
  retryAfterSeconds?: number;
  /** Google also throttles with 403 `userRateLimitExceeded`; 429 everywhere else. */
  status?: 429 | 403;
}

export interface FailureOptions {
  after?: number;
  times: number;
  status?: number;
}

export interface Faults {
  throttle(options: ThrottleOptions): void;
  fail(options: FailureOptions): void;
  clear(): void;
}

export interface FakeServer {
  url: string;
  close(): Promise<void>;
  requests: RecordedRequest[];
  faults: Faults;
}

export async function startFakeServer(options: {
  handle: (request: FakeRequest, origin: string) => FakeResponse | Promise<FakeResponse>;
  /** Faults hit API calls only: a token endpoint under load is a different story. */
  isApi: (request: FakeRequest) => boolean;
  throttled: (options: ThrottleOptions) => FakeResponse;
  failed: (status: number) => FakeResponse;
}): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let throttle: (ThrottleOptions & { seen: number }) | undefined;
  let failure: (FailureOptions & { seen: number }) | undefined;

  const fault = (): FakeResponse | undefined => {
    for (const f of [throttle, failure]) {
      if (!f) continue;
      f.seen++;
      if (f.seen <= (f.after ?? 0)) continue;
      if (f.seen > (f.after ?? 0) + f.times) continue;
      return f === throttle ? options.throttled(throttle) : options.failed(failure?.status ?? 503);
    }
    return undefined;
  };

  let origin = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', origin),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let response: FakeResponse;
    try {
      response = (options.isApi(request) && fault()) || (await options.handle(request, origin));
    } catch (error) {
      response = { status: 500, body: { error: String(error) } };
    }
    const form = request.headers['content-type']?.includes('x-www-form-urlencoded')
      ? Object.fromEntries(new URLSearchParams(request.body))
      : undefined;
    requests.push({
      method: request.method,
      path: decodeURIComponent(request.url.pathname + request.url.search),
      status: response.status,
      ...(form ? { form } : {}),
    });
    const text = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      ...response.headers,
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    faults: {
      throttle: (o) => {
        throttle = { ...o, seen: 0 };
      },
      fail: (o) => {
        failure = { ...o, seen: 0 };
      },
      clear: () => {
        throttle = undefined;
        failure = undefined;
      },
    },
  };
}

/** Deterministic ids, so a failing test names the same object every run. */
export function guid(kind: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

/** Opaque paging tokens, like the providers' own: base64url JSON. */
export const encodeToken = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export function decodeToken<T>(token: string): T | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
