// Node's http module ↔ the Web-standard handler: IncomingMessage → Request (body capped while it streams in),
// Response → ServerResponse, or plain objects for the requests the handler answers without Fetch ones (SCIM).
// `serve` starts a server; `toNodeListener` mounts the handler in an existing one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { PlainReply, PlainRequest } from './plain';
import { BodyTooLargeError } from './read-body';

export interface FetchHandler {
  fetch(request: Request): Promise<Response>;
  /** Answers a request as plain objects (see plain.ts), or `undefined` to leave it to `fetch`. */
  respond?(request: PlainRequest): Promise<PlainReply> | undefined;
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

/** Reads the whole body, or `undefined` once it passes `limit` (the rest is left to drain). */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= limit) return;
      stop();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () =>
      onError(new Error('The client closed the connection before sending the whole body.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD';

function requestUrl(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return `${protocol}://${host}${req.url ?? '/'}`;
}

function plainRequest(req: IncomingMessage, url: string, body: Buffer): PlainRequest {
  const method = req.method ?? 'GET';
  return {
    method,
    url,
    header(name) {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    text: (limit) =>
      body.length > limit
        ? Promise.reject(new BodyTooLargeError(limit))
        : Promise.resolve(hasBody(method) ? body.toString('utf8') : ''),
  };
}

function writeReply(res: ServerResponse, reply: PlainReply): void {
  if (reply.body === null) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

export function toRequest(req: IncomingMessage, body: Buffer | undefined, url = requestUrl(req)): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  // GET and HEAD carry no body in the Fetch API (Microsoft's collection sends one with GET /Token).
  const withBody = hasBody(method) && body && body.length > 0;
  return new Request(url, {
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
      const url = requestUrl(req);
      const reply = handler.respond?.(plainRequest(req, url, body));
      if (reply) writeReply(res, await reply);
      else await writeResponse(res, await handler.fetch(toRequest(req, body, url)));
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
