// Every story runs against its own stateful mock workspace (@identity-kit/mocks) behind MSW, so what a reviewer
// clicks really happens: connections are created, tokens issued, users provisioned.
import {
  createIdentityHandlers,
  createMockWorkspace,
  type MockWorkspace,
  type Scenario,
  type ScenarioName,
  type SeedName,
  scenarios,
} from '@identity-kit/mocks';
import { createIdentityClient, type IdentityClient } from '@identity-kit/sdk';
import { QueryClient } from '@tanstack/react-query';
import type { SetupWorker } from 'msw/browser';

/** `parameters.identity` of a story: the workspace it starts from. */
export interface IdentityParameters {
  /** Default `default`: the admin and six members. */
  seed?: SeedName;
  /** How the server behaves once the story is prepared. */
  scenario?: Partial<Scenario>;
  /** Brings the workspace into the story's state through the API, as an admin (or the IdP) would. */
  prepare?: (kit: StoryKit) => Promise<unknown> | unknown;
}

/** What a story's play function can reach: the client the components use and the mock behind it. */
export interface StoryKit {
  client: IdentityClient;
  workspace: MockWorkspace;
  queryClient: QueryClient;
}

/** The toolbar's overrides, for reviewing any story under another workspace or failure. */
export interface IdentityGlobals {
  seed?: SeedName | '';
  scenario?: ScenarioName | '';
  latency?: string;
}

// Keyed by story id: a docs page renders many stories at once, each with its own workspace.
const kits = new Map<string, StoryKit>();
let serial = 0;

/** Makes the story's workspace and serves it (with every other live story's) through the worker. */
export async function startStoryKit(
  storyId: string,
  parameters: IdentityParameters = {},
  globals: IdentityGlobals,
  msw: Pick<SetupWorker, 'use'>,
): Promise<StoryKit> {
  const workspace = createMockWorkspace({
    id: `ws_story${++serial}`,
    seed: globals.seed || parameters.seed,
  });
  const client = createIdentityClient({
    baseUrl: '/api/identity',
    workspaceId: workspace.id,
    // Each answer shows as it comes: a 503 story shows the failure rather than a retry's wait.
    retry: { maxRetries: 0 },
  });
  const queryClient = new QueryClient();
  const kit = { client, workspace, queryClient };
  kits.set(storyId, kit);
  msw.use(...createIdentityHandlers([...kits.values()].map((k) => k.workspace)));
  await parameters.prepare?.(kit);
  workspace.setScenario({
    ...parameters.scenario,
    ...(globals.scenario ? scenarios[globals.scenario] : {}),
    ...(globals.latency ? { latencyMs: Number(globals.latency) } : {}),
  });
  return kit;
}

/** The kit of a story that has started. */
export function storyKit(storyId: string): StoryKit {
  const kit = kits.get(storyId);
  if (!kit)
    throw new Error(`No mock workspace for story "${storyId}": it starts in the preview's beforeEach.`);
  return kit;
}
