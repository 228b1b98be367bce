// Node's http module ↔ the Web-standard handler: IncomingMessage → Request (body capped while it streams in),
// Response → ServerResponse. `serve` starts a server; `toNodeListener` mounts the handler in an existing one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface FetchHandler {
  fetch(request: Request): Promise<Response>;
}

export interface NodeListenerOptions {
  /** Bodies larger than this are answered 413 before the handler sees them. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** A 413 in the caller's language: a SCIM error for SCIM clients, the contract's error body for everyone else. */
function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const detail = `The request body is larger than ${limit} bytes.`;
  const scim = /\/scim\//.test(req.url ?? '');
  const body = scim
    ? { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '413', detail }
    : { error: { status: 413, code: 'payload_too_large', message: detail, fieldErrors: [] } };
  res.writeHead(413, {
    'content-type': scim ? 'application/scim+json; charset=utf-8' : 'application/json; charset=utf-8',
    connection: 'close',
  });
  res.end(JSON.stringify(body));
}

/** Reads the whole body, or `undefined` once it passes `limit`. */
async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function toRequest(req: IncomingMessage, body: Buffer | undefined): Request {
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  // GET and HEAD carry no body in the Fetch API (Microsoft's collection sends one with GET /Token).
  const withBody = method !== 'GET' && method !== 'HEAD' && body && body.length > 0;
  return new Request(`${protocol}://${host}${req.url ?? '/'}`, {
    method,
    headers,
    ...(withBody ? { body: new Uint8Array(body) } : {}),
  });
}

export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  // JSON answers are small and complete: written in one piece, without a stream pipeline per request.
  if (/json/.test(response.headers.get('content-type') ?? '')) {
    const body = Buffer.from(await response.arrayBuffer());
    headers['content-length'] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
      .pipe(res)
      .on('finish', resolve)
      .on('error', reject);
  });
}

export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await readLimited(req, limit);
      if (!body) {
        tooLarge(req, res, limit);
        req.resume();
        return;
      }
      await writeResponse(res, await handler.fetch(toRequest(req, body)));
    } catch (error) {
      console.error('[identity-kit/server] request failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    }
  };
}

export interface ServeOptions extends NodeListenerOptions {
  port?: number;
  host?: string;
}

/** Starts an HTTP server for the handler; resolves once it listens (`url` has the real port when `port` is 0). */
export async function serve(
  handler: FetchHandler,
  options: ServeOptions = {},
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(toNodeListener(handler, options));
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export { type SessionRequest, sessionMiddleware } from './session-middleware';
