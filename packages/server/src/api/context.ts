import type { ConnectorFactory } from '../directory/connector';
import type { CredentialVault } from '../directory/credential-vault';
import type { DirectorySync } from '../directory/directory-sync';
import type { Actor, ProviderId, SessionStore, Storage } from '../storage/storage';
import type { Principal } from './principal';
import type { Reply } from './respond';

/** What an admin API operation gets: the checked request, who made it, and where to read and write. */
export interface ApiContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  workspaceId: string;
  principal: Principal;
  /** The principal as audit events record them. */
  actor: Actor;
  requestId: string;
  /** The parsed JSON body, when the operation takes one. */
  body: unknown;
  at: string;
  storage: Storage;
  sessions: SessionStore;
  /** Directory sync, when the server has it: its engine, the vault and the providers it can connect. */
  directories?: {
    sync: DirectorySync;
    vault: CredentialVault;
    connectors: Partial<Record<ProviderId, ConnectorFactory>>;
  };
  /** The SCIM base URL an identity provider is given for a connection. */
  scimBaseUrl: (connectionId: string) => string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Under `/workspaces/{workspaceId}`, with `:name` parameters. */
  path: string;
  /** A JSON body: required, optional, or none (the default). */
  body?: 'required' | 'optional';
  run(ctx: ApiContext): Promise<Reply>;
}
