import { generateToken } from '../../tokens';
import { NotFoundError } from '../errors';
import {
  type Actor,
  type AuditAction,
  type DeprovisionAction,
  MAX_RECENT_ERRORS,
  type ProviderId,
  type ScimConnectionRecord,
  type ScimConnectionStore,
  type ScimCredential,
  type ScimRequestContext,
  type ScimRequestError,
  type ScimTokenInfo,
} from '../storage';
import { newId } from './ids';
import type { SqliteDatabase } from './sqlite-database';

interface ConnectionRow {
  id: string;
  workspace_id: string;
  provider: ProviderId;
  name: string;
  deprovision_action: DeprovisionAction;
  status: 'pending' | 'active';
  rotation_started_at: string | null;
  last_used_token_id: string | null;
  verified_at: string | null;
  last_request_at: string | null;
  user_count: number;
  group_count: number;
  created_at: string;
  updated_at: string;
}

interface TokenRow {
  id: string;
  slot: 'current' | 'next';
  hash: Buffer;
  hint: string;
  created_at: string;
  last_used_at: string | null;
}

const PROVIDER_NAMES: Record<ProviderId, string> = {
  okta: 'Okta',
  entra_id: 'Microsoft Entra ID',
  google_workspace: 'Google Workspace',
  onelogin: 'OneLogin',
  jumpcloud: 'JumpCloud',
  pingfederate: 'PingFederate',
  rippling: 'Rippling',
  generic_scim: 'SCIM 2.0',
};

const tokenInfo = (row: TokenRow): ScimTokenInfo => ({
  id: row.id,
  hint: row.hint,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export class SqliteScimConnectionStore implements ScimConnectionStore {
  constructor(private readonly sql: SqliteDatabase) {}

  private row(workspaceId: string, id: string): ConnectionRow | undefined {
    return this.sql
      .prepare('SELECT * FROM scim_connections WHERE id = ? AND workspace_id = ?')
      .get(id, workspaceId) as ConnectionRow | undefined;
  }

  private toRecord(row: ConnectionRow): ScimConnectionRecord {
    const tokens = this.sql
      .prepare('SELECT * FROM scim_tokens WHERE connection_id = ?')
      .all(row.id) as TokenRow[];
    const current = tokens.find((t) => t.slot === 'current');
    const next = tokens.find((t) => t.slot === 'next');
    if (!current)
      throw new Error(`SCIM connection ${row.id} has no current token; the database is inconsistent.`);
    const errors = this.sql
      .prepare(
        'SELECT at, method, path, status, scim_type, message FROM scim_request_errors WHERE connection_id = ? ORDER BY seq DESC LIMIT ?',
      )
      .all(row.id, MAX_RECENT_ERRORS) as Array<
      Omit<ScimRequestError, 'scimType'> & { scim_type: string | null }
    >;
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      provider: row.provider,
      name: row.name,
      status: row.status,
      settings: { deprovisionAction: row.deprovision_action },
      token: tokenInfo(current),
      rotation:
        next && row.rotation_started_at
          ? { startedAt: row.rotation_started_at, newToken: tokenInfo(next) }
          : null,
      lastUsedTokenId: row.last_used_token_id,
      verifiedAt: row.verified_at,
      lastRequestAt: row.last_request_at,
      counts: { users: row.user_count, groups: row.group_count },
      recentErrors: errors.map(({ scim_type, ...e }) => ({
        ...e,
        ...(scim_type ? { scimType: scim_type } : {}),
      })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * Every SCIM request reads its connection's token hashes, so they are kept per connection: dropped when this
   * process changes a token or a connection, and whenever another process has committed to the file since
   * (`PRAGMA data_version`, read once per turn of the event loop), so a token revoked anywhere stops working
   * from the next turn on.
   */
  private readonly credentialCache = new Map<string, ScimCredential[]>();
  private credentialCacheVersion: number | undefined;

  private tokensChanged(): void {
    this.credentialCache.clear();
  }

  private insertToken(connectionId: string, slot: 'current' | 'next', at: string): string {
    this.tokensChanged();
    const { secret, hash, hint } = generateToken();
    this.sql
      .prepare(
        'INSERT INTO scim_tokens (id, connection_id, slot, hash, hint, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(newId('tok'), connectionId, slot, hash, hint, at);
    return secret;
  }

  private audit(row: ConnectionRow, action: AuditAction, actor: Actor, at: string, changes = {}) {
    this.sql.audit({
      id: newId('evt'),
      workspaceId: row.workspace_id,
      action,
      actor,
      target: { type: 'scim_connection', id: row.id, name: row.name },
      at,
      changes,
    });
  }

  async create(
    input: {
      workspaceId: string;
      provider: ProviderId;
      name?: string;
      settings?: { deprovisionAction: DeprovisionAction };
    },
    actor: Actor,
  ) {
    return this.sql.transaction(() => {
      const at = new Date().toISOString();
      const id = newId('conn');
      this.sql
        .prepare(
          `INSERT INTO scim_connections (id, workspace_id, provider, name, deprovision_action, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.workspaceId,
          input.provider,
          input.name ?? PROVIDER_NAMES[input.provider] ?? input.provider,
          input.settings?.deprovisionAction ?? 'suspend',
          at,
          at,
        );
      const token = this.insertToken(id, 'current', at);
      const row = this.row(input.workspaceId, id) as ConnectionRow;
      this.audit(row, 'scim_connection.created', actor, at, { token: { from: null, to: '[redacted]' } });
      return { connection: this.toRecord(row), token };
    });
  }

  async get(workspaceId: string, id: string) {
    this.sql.flushTouches();
    const row = this.row(workspaceId, id);
    return row && this.toRecord(row);
  }

  async list(workspaceId: string) {
    this.sql.flushTouches();
    const rows = this.sql
      .prepare('SELECT * FROM scim_connections WHERE workspace_id = ? ORDER BY created_at, id')
      .all(workspaceId) as ConnectionRow[];
    return rows.map((row) => this.toRecord(row));
  }

  async credentials(workspaceId: string, id: string): Promise<ScimCredential[]> {
    const version = this.sql.dataVersion();
    if (version !== this.credentialCacheVersion) {
      this.credentialCache.clear();
      this.credentialCacheVersion = version;
    }
    const key = `${workspaceId} ${id}`;
    const cached = this.credentialCache.get(key);
    if (cached) return cached;
    const rows = this.sql
      .prepare(
        `SELECT t.id, t.hash FROM scim_tokens t JOIN scim_connections c ON c.id = t.connection_id
         WHERE c.id = ? AND c.workspace_id = ?`,
      )
      .all(id, workspaceId) as Array<{ id: string; hash: Buffer }>;
    const credentials = rows.map((row) => ({ tokenId: row.id, hash: row.hash }));
    this.credentialCache.set(key, credentials);
    return credentials;
  }

  async touch(ctx: ScimRequestContext) {
    this.sql.touchIfStale(ctx);
  }

  async recordError(
    target: { workspaceId: string; connectionId: string; tokenId?: string },
    error: ScimRequestError,
  ) {
    // In the group commit of the requests around it: an identity provider whose requests keep failing must not
    // stall the others behind a blocking fsync per failure.
    await this.sql.write(() => {
      if (!this.row(target.workspaceId, target.connectionId)) return;
      if (target.tokenId) this.sql.touch({ ...target, tokenId: target.tokenId, at: error.at });
      this.sql
        .prepare(
          'INSERT INTO scim_request_errors (connection_id, at, method, path, status, scim_type, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          target.connectionId,
          error.at,
          error.method,
          error.path,
          error.status,
          error.scimType ?? null,
          error.message,
        );
      this.sql
        .prepare(
          `DELETE FROM scim_request_errors WHERE connection_id = ? AND seq <= (
             SELECT seq FROM scim_request_errors WHERE connection_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
        )
        .run(target.connectionId, target.connectionId, MAX_RECENT_ERRORS);
    });
  }

  private requireRow(workspaceId: string, id: string): ConnectionRow {
    const row = this.row(workspaceId, id);
    if (!row) throw new NotFoundError(`No SCIM connection ${id} in workspace ${workspaceId}.`);
    return row;
  }

  async update(
    workspaceId: string,
    id: string,
    change: { name?: string; settings?: { deprovisionAction: DeprovisionAction } },
    actor: Actor,
  ): Promise<ScimConnectionRecord> {
    return this.sql.transaction(() => {
      const row = this.row(workspaceId, id);
      if (!row) throw new NotFoundError(`No SCIM connection ${id} in this workspace.`);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (change.name !== undefined && change.name !== row.name)
        changes.name = { from: row.name, to: change.name };
      const action = change.settings?.deprovisionAction;
      if (action !== undefined && action !== row.deprovision_action) {
        changes['settings.deprovisionAction'] = { from: row.deprovision_action, to: action };
      }
      if (Object.keys(changes).length === 0) return this.toRecord(row);
      const at = new Date().toISOString();
      this.sql
        .prepare('UPDATE scim_connections SET name = ?, deprovision_action = ?, updated_at = ? WHERE id = ?')
        .run(change.name ?? row.name, action ?? row.deprovision_action, at, id);
      const updated = this.row(workspaceId, id) as ConnectionRow;
      this.audit(updated, 'scim_connection.updated', actor, at, changes);
      return this.toRecord(updated);
    });
  }

  async delete(workspaceId: string, id: string, actor: Actor): Promise<void> {
    this.sql.transaction(() => {
      const row = this.row(workspaceId, id);
      if (!row) throw new NotFoundError(`No SCIM connection ${id} in this workspace.`);
      // Its members stay (connection_id is set null by the foreign key); its groups and tokens go with it.
      this.tokensChanged();
      this.sql.prepare('DELETE FROM scim_connections WHERE id = ?').run(id);
      this.audit(row, 'scim_connection.deleted', actor, new Date().toISOString());
    });
  }

  async startRotation(workspaceId: string, id: string, actor: Actor) {
    return this.sql.transaction(() => {
      const row = this.requireRow(workspaceId, id);
      const at = new Date().toISOString();
      // Starting again replaces a next token that was never used.
      this.sql.prepare("DELETE FROM scim_tokens WHERE connection_id = ? AND slot = 'next'").run(id);
      const token = this.insertToken(id, 'next', at);
      this.sql
        .prepare('UPDATE scim_connections SET rotation_started_at = ?, updated_at = ? WHERE id = ?')
        .run(at, at, id);
      this.audit(row, 'scim_connection.token_rotation_started', actor, at, {
        token: { from: null, to: '[redacted]' },
      });
      return { connection: this.toRecord(this.requireRow(workspaceId, id)), token };
    });
  }

  async completeRotation(workspaceId: string, id: string, actor: Actor) {
    return this.sql.transaction(() => {
      const row = this.requireRow(workspaceId, id);
      const next = this.sql
        .prepare("SELECT id FROM scim_tokens WHERE connection_id = ? AND slot = 'next'")
        .get(id);
      if (!next) throw new NotFoundError(`SCIM connection ${id} has no rotation in progress.`);
      const at = new Date().toISOString();
      this.tokensChanged();
      this.sql.prepare("DELETE FROM scim_tokens WHERE connection_id = ? AND slot = 'current'").run(id);
      this.sql
        .prepare("UPDATE scim_tokens SET slot = 'current' WHERE connection_id = ? AND slot = 'next'")
        .run(id);
      this.sql
        .prepare('UPDATE scim_connections SET rotation_started_at = NULL, updated_at = ? WHERE id = ?')
        .run(at, id);
      this.audit(row, 'scim_connection.token_rotation_completed', actor, at);
      return this.toRecord(this.requireRow(workspaceId, id));
    });
  }

  async cancelRotation(workspaceId: string, id: string, actor: Actor) {
    return this.sql.transaction(() => {
      const row = this.requireRow(workspaceId, id);
      this.tokensChanged();
      const removed = this.sql
        .prepare("DELETE FROM scim_tokens WHERE connection_id = ? AND slot = 'next'")
        .run(id);
      if (!removed.changes) throw new NotFoundError(`SCIM connection ${id} has no rotation in progress.`);
      const at = new Date().toISOString();
      this.sql
        .prepare('UPDATE scim_connections SET rotation_started_at = NULL, updated_at = ? WHERE id = ?')
        .run(at, id);
      this.audit(row, 'scim_connection.token_rotation_cancelled', actor, at);
      return this.toRecord(this.requireRow(workspaceId, id));
    });
  }
}
