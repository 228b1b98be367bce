import type { Actor } from '@identity-kit/sdk';
import { advanceDirectory } from './domain/directory';
import {
  deprovision,
  receiveScimRequest,
  type SimulatedScimDeprovision,
  type SimulatedScimRequest,
  type SimulatedScimResult,
} from './domain/scim';
import { IdFactory } from './ids';
import { defaultScenario, mergeScenario, type Scenario } from './scenario';
import { applySeed, type SeedName } from './seeds';
import { emptyState, type StoredScimConnection, type WorkspaceState } from './state';

export interface MockWorkspaceOptions {
  /** Default `ws_acme`. */
  id?: string;
  /** Default `default`: the signed-in admin and six members. */
  seed?: SeedName;
  scenario?: Partial<Scenario>;
  /** Read at every call, so `vi.useFakeTimers()` and hand-made clocks both work. Default `Date.now`. */
  now?: () => number;
}

/** The signed-in admin who makes every request. */
export interface Viewer {
  id: string;
  displayName: string;
  email: string;
  role: 'owner';
}

/** One workspace of the mock server, all of its state in memory. */
export class MockWorkspace {
  readonly id: string;
  readonly viewer: Viewer = {
    id: 'usr_admin',
    displayName: 'Ada Admin',
    email: 'ada@acme.test',
    role: 'owner',
  };
  /** @internal The server's tables. Read them through the API; tests that poke here couple to internals. */
  readonly state: WorkspaceState = emptyState();
  /** @internal */
  readonly ids = new IdFactory();
  /** True after a forced reauthentication that did not keep the admin's session: requests answer 401. */
  viewerSignedOut = false;
  private current: Scenario;
  private readonly clock: () => number;

  constructor(options: MockWorkspaceOptions = {}) {
    this.id = options.id ?? 'ws_acme';
    this.clock = options.now ?? (() => Date.now());
    this.current = mergeScenario(defaultScenario, options.scenario);
    applySeed(this, options.seed ?? 'default');
  }

  get scenario(): Readonly<Scenario> {
    return this.current;
  }

  now(): number {
    return this.clock();
  }

  /** Merges into the current scenario: `setScenario(scenarios.slow)`. */
  setScenario(patch: Partial<Scenario>): void {
    this.current = mergeScenario(this.current, patch);
  }

  resetScenario(): void {
    this.current = mergeScenario(defaultScenario);
  }

  /** The admin signs in again after a forced reauthentication. */
  signIn(): void {
    this.viewerSignedOut = false;
    const viewer = this.state.users.find((u) => u.id === this.viewer.id);
    if (viewer) viewer.sessions = Math.max(viewer.sessions, 1);
  }

  /** @internal The viewer as the actor of audit events and changes. */
  get viewerActor(): Actor {
    const { id, displayName, email } = this.viewer;
    return { type: 'user', id, displayName, email };
  }

  /** The identity provider sends a SCIM request to one of this workspace's connections. */
  simulateScimRequest(connectionId: string, request: SimulatedScimRequest = {}): SimulatedScimResult {
    this.advance();
    return receiveScimRequest(
      this,
      this.scimConnection(connectionId, 'simulateScimRequest'),
      request,
      this.now(),
    );
  }

  /**
   * The identity provider deactivates a user: suspended or deleted per `settings.deprovisionAction`.
   * `token: 'new'` authenticates with the rotation's new token, as `simulateScimRequest` does.
   */
  simulateScimDeprovision(
    connectionId: string,
    userId: string,
    request: SimulatedScimDeprovision = {},
  ): void {
    this.advance();
    const connection = this.scimConnection(connectionId, 'simulateScimDeprovision');
    deprovision(this, connection, userId, request, this.now());
  }

  /** @internal Applies every transition that came due since the last read (nothing runs on timers). */
  advance(): void {
    const now = this.now();
    for (const c of this.state.scimConnections) {
      if (c.autoVerify && c.autoVerify.at <= now) {
        const { at, users, groups } = c.autoVerify;
        receiveScimRequest(this, c, { users, groups }, at);
      }
    }
    for (const c of this.state.directoryConnections) advanceDirectory(this, c, now);
  }

  private scimConnection(connectionId: string, caller: string): StoredScimConnection {
    const connection = this.state.scimConnections.find((c) => c.id === connectionId);
    if (!connection) {
      throw new Error(`${caller}: workspace "${this.id}" has no SCIM connection "${connectionId}".`);
    }
    return connection;
  }
}

export function createMockWorkspace(options?: MockWorkspaceOptions): MockWorkspace {
  return new MockWorkspace(options);
}
