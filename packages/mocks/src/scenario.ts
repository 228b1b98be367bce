/** How the mock server behaves: who is signed in, how slow it is, and which failures it injects. */
export interface Scenario {
  latencyMs: number;
  /** Every request fails as a network error does (no answer at all), as when the admin's machine is offline. */
  offline: boolean;
  role: 'owner' | 'admin' | 'member' | 'anonymous';
  failure: null | {
    status: 500 | 502 | 503;
    /** How many requests fail before the server recovers; `Infinity` for always. */
    times: number;
    retryAfterSeconds?: number;
    /** operationIds from the contract; every operation when absent. */
    operations?: string[];
  };
  rateLimit: null | { retryAfterSeconds: number; times: number };
  /** Every directory credential check fails. */
  invalidCredentials: boolean;
  validationMs: number;
  syncMs: number;
  /** Every directory sync that finishes fails with this error and puts its connection in state `error`. */
  syncFailure: null | { code: string; message: string };
  /** The identity provider's first SCIM request arrives this long after a connection is created. */
  autoVerify: null | { afterMs: number; users: number; groups: number };
}

export const defaultScenario: Readonly<Scenario> = Object.freeze({
  latencyMs: 0,
  offline: false,
  role: 'owner',
  failure: null,
  rateLimit: null,
  invalidCredentials: false,
  validationMs: 800,
  syncMs: 1500,
  syncFailure: null,
  autoVerify: null,
});

/** Named presets for stories and tests: `workspace.setScenario(scenarios.slow)`. */
export const scenarios = {
  slow: { latencyMs: 1500 },
  offline: { offline: true },
  forbidden: { role: 'member' },
  signedOut: { role: 'anonymous' },
  serverError: { failure: { status: 500, times: Number.POSITIVE_INFINITY } },
  unavailable: { failure: { status: 503, times: Number.POSITIVE_INFINITY, retryAfterSeconds: 30 } },
  rateLimited: { rateLimit: { retryAfterSeconds: 2, times: 3 } },
  invalidCredentials: { invalidCredentials: true },
  slowSync: { syncMs: 20_000 },
  syncError: {
    syncFailure: {
      code: 'directory_unavailable',
      message:
        'The directory stopped answering while its users were being read (HTTP 503 Service Unavailable). Nothing was changed; start a sync to try again.',
    },
  },
  autoVerify: { autoVerify: { afterMs: 3000, users: 12, groups: 3 } },
} satisfies Record<string, Partial<Scenario>>;

export type ScenarioName = keyof typeof scenarios;

/** Copies nested objects so that counting down `times` never mutates a preset. */
export function mergeScenario(base: Scenario, patch: Partial<Scenario> = {}): Scenario {
  const merged = { ...base, ...patch };
  return {
    ...merged,
    failure: merged.failure && { ...merged.failure },
    rateLimit: merged.rateLimit && { ...merged.rateLimit },
    syncFailure: merged.syncFailure && { ...merged.syncFailure },
    autoVerify: merged.autoVerify && { ...merged.autoVerify },
  };
}
