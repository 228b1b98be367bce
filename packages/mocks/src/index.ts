export type {
  SimulatedScimDeprovision,
  SimulatedScimRequest,
  SimulatedScimResult,
} from './domain/scim';
export type { IdentityHandlersOptions } from './handlers';
export { createIdentityHandlers, DEFAULT_BASE_URL } from './handlers';
export type { Scenario, ScenarioName } from './scenario';
export { defaultScenario, scenarios } from './scenario';
export type { SeedName } from './seeds';
export type { MockWorkspaceOptions, Viewer } from './workspace';
export { createMockWorkspace, MockWorkspace } from './workspace';
