// What the server tells the host (and later slices) about, after the change is committed.

/** The identity provider deactivated or deleted a member: their sessions must end. */
export interface UserDeprovisionedEvent {
  workspaceId: string;
  connectionId: string;
  userId: string;
  /** `suspend`: the member stays, suspended; `delete`: the member is gone. Per the connection's setting. */
  action: 'suspend' | 'delete';
  at: string;
}

export interface IdentityServerEvents {
  /**
   * Called once the deprovisioning is stored. This is where the user's sessions end: the sessions slice
   * plugs in here; until then a host that keeps its own sessions revokes them in this hook.
   */
  userDeprovisioned?(event: UserDeprovisionedEvent): void | Promise<void>;
}
