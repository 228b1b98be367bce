// The directory connectors this server ships, by provider.
import type { ProviderId } from '../../storage/storage';
import type { ConnectorFactory } from '../connector';
import { entraIdConnector } from './entra-id';
import { googleWorkspaceConnector } from './google-workspace';
import { createJumpCloudConnector } from './jumpcloud';
import { createOktaConnector } from './okta';

export const builtInConnectors: Partial<Record<ProviderId, ConnectorFactory>> = {
  okta: createOktaConnector,
  entra_id: entraIdConnector,
  google_workspace: googleWorkspaceConnector,
  jumpcloud: createJumpCloudConnector,
};
