// Test mode: a workspace, a SCIM connection and its token from code, for tests, conformance runs and demos
// (operators get a CLI for this in a later slice).
import type {
  DeprovisionAction,
  ProviderId,
  ScimConnectionRecord,
  Storage,
  Workspace,
} from '../storage/storage';

export interface TestConnection {
  workspace: Workspace;
  connection: ScimConnectionRecord;
  /** The bearer token (the only time it exists in clear). */
  token: string;
  /** The SCIM base URL to give the identity provider, for a server at `origin`. */
  baseUrl: (origin: string) => string;
}

export async function createTestConnection(
  storage: Storage,
  options: {
    workspaceName?: string;
    workspaceId?: string;
    provider?: ProviderId;
    deprovisionAction?: DeprovisionAction;
    basePath?: string;
  } = {},
): Promise<TestConnection> {
  const existing = options.workspaceId ? await storage.workspaces.get(options.workspaceId) : undefined;
  const workspace =
    existing ??
    (await storage.workspaces.create({
      name: options.workspaceName ?? 'Test workspace',
      ...(options.workspaceId ? { id: options.workspaceId } : {}),
    }));
  const { connection, token } = await storage.scimConnections.create(
    {
      workspaceId: workspace.id,
      provider: options.provider ?? 'generic_scim',
      settings: { deprovisionAction: options.deprovisionAction ?? 'suspend' },
    },
    { type: 'system', id: 'test-mode', displayName: 'Test mode', email: null },
  );
  const basePath = (options.basePath ?? '/scim/v2').replace(/\/$/, '');
  return {
    workspace,
    connection,
    token,
    baseUrl: (origin) => `${origin.replace(/\/$/, '')}${basePath}/${workspace.id}/${connection.id}`,
  };
}
