import {
  badRequest,
  ContractError,
  fingerprint,
  forbidden,
  idempotencyKey,
  MESSAGES,
  payloadTooLarge,
  plural,
  unauthenticated,
} from '@identity-kit/sdk/contract';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import type { MockWorkspace } from '../workspace';
import { remember, replay } from './idempotency';
import type { Operation } from './operation';
import { errorReply, replyWith } from './respond';

/** The largest request body the API reads (64 KB): far above any credential, well below abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Rejections that come before the operation: who is asking, in which workspace, and injected failures. */
async function gate(
  op: Operation,
  ws: MockWorkspace | undefined,
  primary: MockWorkspace,
): Promise<MockWorkspace> {
  const scenario = primary.scenario;
  if (scenario.latencyMs > 0) await delay(scenario.latencyMs);
  if (scenario.role === 'anonymous') throw unauthenticated(MESSAGES.signedOut);
  if (primary.viewerSignedOut) throw unauthenticated(MESSAGES.sessionEnded);
  if (scenario.role === 'member') throw forbidden(MESSAGES.member);
  // Same answer whether the workspace exists or not, so ids of other workspaces leak nothing.
  if (!ws) throw forbidden(MESSAGES.otherWorkspace);
  const { rateLimit, failure } = ws.scenario;
  if (rateLimit && rateLimit.times > 0) {
    rateLimit.times--;
    const seconds = rateLimit.retryAfterSeconds;
    throw new ContractError(
      429,
      'rate_limited',
      `Too many requests. Try again in ${plural(seconds, 'second')}.`,
      [],
      seconds,
    );
  }
  if (failure && failure.times > 0 && (!failure.operations || failure.operations.includes(op.id))) {
    failure.times--;
    if (failure.status === 500) throw new ContractError(500, 'internal_error', MESSAGES.internal);
    if (failure.status === 502) throw new ContractError(502, 'bad_gateway', MESSAGES.badGateway);
    const seconds = failure.retryAfterSeconds ?? 30;
    const message = `Identity settings are briefly unavailable. Try again in ${plural(seconds, 'second')}.`;
    throw new ContractError(503, 'service_unavailable', message, [], seconds);
  }
  return ws;
}

/** Refuses an oversized body before reading it when the client declared its length, else once read. */
async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw payloadTooLarge(MESSAGES.tooLarge);
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) throw payloadTooLarge(MESSAGES.tooLarge);
  return text;
}

function parseJson(text: string, optional: boolean): unknown {
  if (text.trim() === '') {
    if (optional) return undefined;
    throw badRequest('This request needs a JSON body.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

async function handle(
  op: Operation,
  request: Request,
  params: Record<string, string>,
  workspaces: MockWorkspace[],
  requestId: string,
) {
  const known = workspaces.find((w) => w.id === params.workspaceId);
  const primary = known ?? (workspaces[0] as MockWorkspace);
  if (primary.scenario.offline) {
    if (primary.scenario.latencyMs > 0) await delay(primary.scenario.latencyMs);
    return HttpResponse.error();
  }
  const ws = await gate(op, known, primary);
  const text = op.method === 'get' || op.method === 'delete' ? '' : await readBody(request);
  const body = op.jsonBody ? parseJson(text, op.jsonBody === 'optional') : undefined;
  ws.advance();
  const key = op.method === 'post' ? idempotencyKey(request) : undefined;
  const print = fingerprint(request, text);
  const previous = key === undefined ? undefined : replay(ws, key, print);
  if (previous)
    return replyWith(previous.status, previous.body, requestId, { 'Idempotent-Replayed': 'true' });
  const reply = op.run({
    request,
    url: new URL(request.url),
    params,
    workspace: ws,
    requestId,
    body,
    now: ws.now(),
  });
  if (key !== undefined) remember(ws, key, print, reply);
  return replyWith(reply.status, reply.body, requestId);
}

/** An MSW handler for one operation, serving the given workspaces under `baseUrl`. */
export function toHandler(
  op: Operation,
  workspaces: MockWorkspace[],
  baseUrl: string,
  nextRequestId: () => string,
): HttpHandler {
  return http[op.method](`${baseUrl}${op.path}`, async ({ request, params }) => {
    const requestId = nextRequestId();
    const strings = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
    try {
      return await handle(op, request, strings, workspaces, requestId);
    } catch (error) {
      if (error instanceof ContractError) return errorReply(error, requestId);
      console.error(`[@identity-kit/mocks] ${op.id} threw:`, error);
      return errorReply(new ContractError(500, 'internal_error', MESSAGES.internal), requestId);
    }
  });
}
