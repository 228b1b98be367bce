import { ContractError } from '@identity-kit/sdk/contract';
import type { Route } from './context';

// Directory sync connectors (Okta, Entra ID, Google Workspace, JumpCloud) are not in this server yet: every
// directory operation says so plainly rather than pretending to have none.
const notYet = async (): Promise<never> => {
  throw new ContractError(
    501,
    'not_implemented',
    'Directory sync is not available on this server yet. SCIM provisioning, session length and signing everyone out work.',
  );
};

export const directoryConnectionRoutes: Route[] = [
  { method: 'GET', path: '/directory-connections', run: notYet },
  { method: 'POST', path: '/directory-connections', run: notYet },
  { method: 'GET', path: '/directory-connections/:connectionId', run: notYet },
  { method: 'PATCH', path: '/directory-connections/:connectionId', run: notYet },
  { method: 'DELETE', path: '/directory-connections/:connectionId', run: notYet },
  { method: 'GET', path: '/directory-connections/:connectionId/syncs', run: notYet },
  { method: 'POST', path: '/directory-connections/:connectionId/syncs', run: notYet },
  { method: 'GET', path: '/directory-connections/:connectionId/syncs/:runId', run: notYet },
];
