import { delay, type HttpHandler, http } from 'msw';
import type { MockWorkspace } from '../workspace';
import { ApiError, badRequest, forbidden, unauthenticated } from './errors';
import { fingerprint, idempotencyKey, remember, replay } from './idempotency';
import type { Operation } from './operation';
import { errorReply, replyWith } from './respond';

const MESSAGES = {
  signedOut: 'You are signed out. Sign in again to manage identity settings.',
  sessionEnded:
    'Your session ended when everyone was signed out of this workspace. Sign in again to continue.',
  member:
    'Only workspace admins and owners can manage identity settings. Ask an admin or owner of this workspace for access.',
  otherWorkspace: 'You are not an admin or owner of this workspace.',
  internal:
    'Something went wrong on our side. Try again; if it keeps happening, contact support with the request ID.',
  badGateway: 'A service behind identity settings did not answer. Try again in a moment.',
};

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
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests. Try again in ${seconds} seconds.`,
      [],
      seconds,
    );
  }
  if (failure && failure.times > 0 && (!failure.operations || failure.operations.includes(op.id))) {
    failure.times--;
    if (failure.status === 500) throw new ApiError(500, 'internal_error', MESSAGES.internal);
    if (failure.status === 502) throw new ApiError(502, 'bad_gateway', MESSAGES.badGateway);
    const seconds = failure.retryAfterSeconds ?? 30;
    const message = `Identity settings are briefly unavailable. Try again in ${seconds} seconds.`;
    throw new ApiError(503, 'service_unavailable', message, [], seconds);
  }
  return ws;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw badRequest('This request needs a JSON body.');
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
  const ws = await gate(op, known, known ?? (workspaces[0] as MockWorkspace));
  const text = op.method === 'get' || op.method === 'delete' ? '' : await request.text();
  const body = op.jsonBody ? parseJson(text) : undefined;
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
      if (error instanceof ApiError) return errorReply(error, requestId);
      console.error(`[@identity-kit/mocks] ${op.id} threw:`, error);
      return errorReply(new ApiError(500, 'internal_error', MESSAGES.internal), requestId);
    }
  });
}
