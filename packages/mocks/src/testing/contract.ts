// Validates mocked responses against openapi.yaml, for the contract test. Not exported from any entry.
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { SetupServer } from 'msw/node';
import { parse } from 'yaml';

const DOC_ID = 'https://identity-kit.test/openapi.yaml';
const API_PREFIX = '/api/identity';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Ref {
  $ref?: string;
}
interface ResponseObject extends Ref {
  content?: Record<string, { schema?: Ref }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
type PathItem = Partial<Record<(typeof METHODS)[number], OperationObject>>;
interface Document {
  paths: Record<string, PathItem>;
}

const doc = parse(readFileSync(new URL('../../../sdk/openapi.yaml', import.meta.url), 'utf8')) as Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: DOC_ID });

const routes = Object.entries(doc.paths).map(([template, item]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  item,
}));

function resolve<T extends Ref>(node: T): T {
  if (!node.$ref) return node;
  const path = node.$ref.replace(/^#\//, '').split('/');
  return path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc) as T;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Ref): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    // Refs inside the contract are document-relative; anchor them to the document's $id.
    const anchored = JSON.parse(JSON.stringify(schema).replaceAll('"#/', `"${DOC_ID}#/`));
    validate = ajv.compile(anchored);
    validators.set(key, validate);
  }
  return validate;
}

export function contractOperations(): string[] {
  return routes.flatMap(({ item }) => METHODS.flatMap((m) => (item[m] ? [item[m].operationId] : [])));
}

export interface ValidationResult {
  operationId: string | null;
  errors: string[];
}

/** Checks one response against the operation its method and URL map to. `body` is the raw text. */
export function validateResponse(
  method: string,
  url: string,
  status: number,
  body: string,
  headers: Headers,
): ValidationResult {
  const pathname = new URL(url).pathname;
  const relative = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
  const route = routes.find((r) => r.pattern.test(relative));
  const operation = route?.item[method.toLowerCase() as (typeof METHODS)[number]];
  if (!route || !operation) return { operationId: null, errors: [`no operation for ${method} ${relative}`] };
  const errors: string[] = [];
  const declared = operation.responses[String(status)] ?? operation.responses.default;
  if (!declared) return { operationId: operation.operationId, errors: [`status ${status} is not declared`] };
  const response = resolve(declared);
  const schema = response.content?.['application/json']?.schema;
  if (!headers.get('x-request-id')?.startsWith('req_')) errors.push('missing X-Request-Id');
  if (
    status >= 400 &&
    (status === 429 || status === 503) &&
    !/^\d+$/.test(headers.get('retry-after') ?? '')
  ) {
    errors.push(`${status} without an integer Retry-After`);
  }
  if (!schema) {
    if (body !== '') errors.push(`status ${status} must have an empty body`);
    return { operationId: operation.operationId, errors };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { operationId: operation.operationId, errors: [...errors, 'body is not JSON'] };
  }
  const validate = validatorFor(`${route.template} ${method} ${status}`, schema);
  if (!validate(json)) {
    errors.push(
      ...(validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
      ),
    );
  }
  return { operationId: operation.operationId, errors };
}

export interface ContractTracker {
  /** operationIds answered with a 2xx so far. */
  readonly succeeded: Set<string>;
  /** Waits for the responses still being read, then returns and forgets the violations found so far. */
  flush(): Promise<string[]>;
}

/** Checks every response `server` mocks against openapi.yaml, and notes which operations succeeded. */
export function trackContract(server: Pick<SetupServer, 'events'>): ContractTracker {
  const pending: Promise<void>[] = [];
  const violations: string[] = [];
  const succeeded = new Set<string>();
  server.events.on('response:mocked', ({ request, response }) => {
    const copy = response.clone();
    pending.push(
      copy.text().then((text) => {
        const result = validateResponse(request.method, request.url, copy.status, text, copy.headers);
        if (result.operationId && copy.status < 300) succeeded.add(result.operationId);
        for (const error of result.errors)
          violations.push(`${request.method} ${request.url} → ${copy.status}: ${error}`);
      }),
    );
  });
  return {
    succeeded,
    async flush() {
      while (pending.length > 0) await Promise.all(pending.splice(0));
      return violations.splice(0);
    },
  };
}
