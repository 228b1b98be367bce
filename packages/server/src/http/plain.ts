// A request and its answer as plain objects, for the handlers that run per SCIM call. Building a Fetch `Request`
// (headers validated one by one, the body as a web stream) and a `Response` costs a Node server more than the
// whole SCIM create it carries, so the Node adapter hands these in directly; `fetch` wraps a real `Request`.
import { readBody } from './read-body';

export interface PlainRequest {
  readonly method: string;
  /** Absolute: `https://host/path?query`. */
  readonly url: string;
  /** A header's value by its lower-case name. */
  header(name: string): string | null;
  /** The body as UTF-8 text; past `limit` bytes it rejects with `BodyTooLargeError`. */
  text(limit: number): Promise<string>;
}

/** A whole answer: handlers that use this reply with small JSON bodies, never streams. */
export interface PlainReply {
  status: number;
  headers: Record<string, string>;
  /** `null` for 204. */
  body: string | null;
}

export function fromFetchRequest(request: Request): PlainRequest {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    text: (limit) => readBody(request, limit),
  };
}

export function toFetchResponse(reply: PlainReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
