export type {
  CredentialField,
  DirectorySyncSetup,
  Provider,
  ProviderId,
  ScimSetupGuide,
  SetupField,
  SetupStep,
} from '../schema';
export { findProvider, providerCatalog } from './catalog';
