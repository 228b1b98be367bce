// Replays Okta's SCIM 2.0 spec test (../shared/conformance/Okta-SCIM-20-SPEC-Test.json, a Runscope export) against
// a running server, as that folder's README describes: request steps in order, `{{variables}}` substituted,
// assertions checked, variables captured. Prints "N passed, N failed"; exits 1 on any failure.
//   node scripts/conformance/okta.mjs                       a fresh server on a temporary SQLite file
//   SCIM_BASE_URL=… SCIM_TOKEN=… node scripts/conformance/okta.mjs   an already running server
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { conformanceFile, startServer } from './server.mjs';

/** @typedef {{ source: string, property?: string, comparison: string, value: string | null }} Assertion */
/** @typedef {{ step_type: string, skipped?: boolean, note?: string, method: string, url: string, headers: Record<string, string[]>, body?: string | null, assertions: Assertion[], variables?: Array<{ name: string, source: string, property: string }> }} Step */

/** @param {unknown} value @param {string} path */
function at(value, path) {
  /** @type {any} */
  let current = value;
  for (const part of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (current === null || current === undefined) return undefined;
    current = current[part];
  }
  return current;
}

/** @param {unknown} actual */
const isEmpty = (actual) =>
  actual === undefined ||
  actual === null ||
  actual === '' ||
  (Array.isArray(actual) && actual.length === 0) ||
  (typeof actual === 'object' && Object.keys(/** @type {object} */ (actual)).length === 0);

/** @param {string} comparison @param {unknown} actual @param {string | null} expected */
function compare(comparison, actual, expected) {
  switch (comparison) {
    case 'equal':
      return String(actual) === expected;
    case 'equal_number':
      return Number(actual) === Number(expected);
    case 'not_empty':
      return !isEmpty(actual);
    case 'has_value':
      return Array.isArray(actual) ? actual.some((v) => String(v) === expected) : String(actual) === expected;
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((v) => String(v) === expected)
        : typeof actual === 'string' && expected !== null && actual.includes(expected);
    case 'is_a_number':
      return (
        typeof actual === 'number' ||
        (typeof actual === 'string' && actual.trim() !== '' && !Number.isNaN(Number(actual)))
      );
    case 'is_a_string':
      return typeof actual === 'string';
    case 'is_less_than':
      return Number(actual) < Number(expected);
    default:
      throw new Error(`okta: unknown comparison "${comparison}"`);
  }
}

/** @param {{ baseUrl: string, token: string }} target */
export async function runOkta(target) {
  const file = conformanceFile('Okta-SCIM-20-SPEC-Test.json');
  if (!file) return { passed: 0, failed: 0, skipped: true };
  const spec = JSON.parse(readFileSync(file, 'utf8'));
  const suffix = randomUUID().slice(0, 8);
  const email = `okta.${suffix}@example.com`;
  const auth = `Bearer ${target.token}`;
  /** @type {Record<string, string>} */
  const vars = {
    SCIMBaseURL: target.baseUrl,
    auth,
    randomGivenName: `Given${suffix}`,
    randomFamilyName: `Family${suffix}`,
    randomEmail: email,
    randomUsername: email,
    randomUsernameCaps: email.toUpperCase(),
    InvalidUserEmail: `nobody.${suffix}@example.com`,
    UserIdThatDoesNotExist: `missing-${randomUUID()}`,
  };
  /** @param {string} text */
  const fill = (text) => text.replace(/\{\{(\w+)\}\}/g, (whole, name) => vars[name] ?? whole);

  // The first step reads an existing user: provision one, as Okta's harness expects of the app.
  const seed = await fetch(`${target.baseUrl}/Users`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `seed.${suffix}@example.com`,
      name: { givenName: 'Seed', familyName: 'User' },
      emails: [{ value: `seed.${suffix}@example.com`, type: 'work', primary: true }],
      active: true,
    }),
  });
  if (seed.status !== 201) throw new Error(`okta: could not provision the seed user (${seed.status}).`);

  let passed = 0;
  let failed = 0;
  for (const step of /** @type {Step[]} */ (spec.steps)) {
    if (step.step_type !== 'request' || step.skipped) continue;
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [name, values] of Object.entries(step.headers ?? {})) headers[name] = fill(values.join(', '));
    const started = performance.now();
    const response = await fetch(fill(step.url), {
      method: step.method,
      headers,
      ...(step.body ? { body: fill(step.body) } : {}),
    });
    const text = await response.text();
    const elapsed = performance.now() - started;
    /** @type {unknown} */
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    for (const assertion of step.assertions) {
      const expected = assertion.value === null ? null : fill(assertion.value);
      const actual =
        assertion.source === 'response_status'
          ? response.status
          : assertion.source === 'response_time'
            ? elapsed
            : assertion.source === 'response_headers'
              ? response.headers.get(assertion.property ?? '')
              : at(json, assertion.property ?? '');
      const ok = compare(assertion.comparison, actual, expected);
      if (ok) passed++;
      else {
        failed++;
        const what = [assertion.source, assertion.property].filter(Boolean).join(' ');
        console.log(
          `  FAIL ${step.method} ${fill(step.url)}: ${what} ${assertion.comparison} ${expected ?? ''} (got ${JSON.stringify(actual)})`,
        );
      }
    }
    for (const variable of step.variables ?? []) {
      const value = at(json, variable.property);
      if (value !== undefined) vars[variable.name] = String(value);
    }
  }
  return { passed, failed, skipped: false };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const given = process.env.SCIM_BASE_URL && process.env.SCIM_TOKEN;
  const server = given ? undefined : await startServer({ okta: 'okta' });
  const target = server?.connections.okta ?? {
    baseUrl: /** @type {string} */ (process.env.SCIM_BASE_URL),
    token: /** @type {string} */ (process.env.SCIM_TOKEN),
  };
  try {
    const result = await runOkta(target);
    if (!result.skipped)
      console.log(`Okta SCIM 2.0 spec test: ${result.passed} passed, ${result.failed} failed`);
    process.exitCode = result.failed ? 1 : 0;
  } finally {
    await server?.close();
  }
}
