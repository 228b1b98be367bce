// The directory sync engine: checks credentials with the provider, runs syncs (on demand and on each
// connection's schedule), one at a time per connection, applying each page of the provider's read in one
// transaction, resuming a run its process left unfinished, and signing out anyone the directory took out.
import { LeaseLostError } from '../storage/errors';
import {
  type DirectoryConnectionRecord,
  type ProviderId,
  RUN_LEASE_MS,
  type SessionStore,
  type Storage,
  type SyncRunRecord,
} from '../storage/storage';
import { type ConnectorFactory, type ConnectorOptions, DirectoryError } from './connector';
import { CredentialKeyError, type CredentialVault } from './credential-vault';

export interface DirectorySyncOptions {
  storage: Storage;
  vault: CredentialVault;
  /** The connector per provider; a provider without one cannot be connected. */
  connectors: Partial<Record<ProviderId, ConnectorFactory>>;
  /** Per provider: base URLs (sovereign clouds, fakes), fetch. */
  connectorOptions?: (provider: ProviderId) => ConnectorOptions;
  /** Where members' sessions end when the directory suspends them. */
  sessions: SessionStore;
  /** How often due syncs and abandoned runs are looked for. Default 30 s; 0 turns the schedule off. */
  scheduleEveryMs?: number;
  /** How often a running sync renews its lease (a slow provider can take minutes on a page). Default 30 s. */
  renewLeaseEveryMs?: number;
}

/** Incremental reads miss what a provider hard-deletes (Okta's users and groups): read everything this often. */
export const FULL_READ_EVERY_MS = 24 * 60 * 60 * 1000;

function reasonOf(error: unknown): { code: string; message: string } {
  if (error instanceof DirectoryError) return { code: error.kind, message: error.message };
  if (error instanceof CredentialKeyError) {
    return {
      code: 'encryption_not_configured',
      message:
        'This server cannot open the saved credentials: its encryption key changed. Enter the credentials again, or ask its administrator to configure the key.',
    };
  }
  return {
    code: 'sync_failed',
    message: 'The sync stopped on an unexpected error; it will try again at its next run.',
  };
}

/** For ending a run that may have ended, or moved to another process, meanwhile: nothing left to do then. */
function unlessLeaseLost(error: unknown): undefined {
  if (error instanceof LeaseLostError) return undefined;
  throw error;
}

export function createDirectorySync(options: DirectorySyncOptions) {
  const { storage, vault } = options;
  /** Work in this process, by connection: a validation or a run, and how to stop it. */
  const work = new Map<string, { done: Promise<void>; abort: AbortController }>();

  function connectorFor(connection: DirectoryConnectionRecord, sealed: string) {
    const factory = options.connectors[connection.provider];
    if (!factory)
      throw new DirectoryError('bad_response', `This server has no connector for ${connection.provider}.`);
    return factory(vault.open(connection.id, sealed), options.connectorOptions?.(connection.provider));
  }

  function track(connectionId: string, job: (signal: AbortSignal) => Promise<void>) {
    const abort = new AbortController();
    const done = job(abort.signal)
      .catch((error: unknown) => console.error(`[@identity-kit/server] directory ${connectionId}:`, error))
      .finally(() => {
        if (work.get(connectionId)?.abort === abort) work.delete(connectionId);
      });
    work.set(connectionId, { done, abort });
  }

  async function execute(
    workspaceId: string,
    run: SyncRunRecord,
    lease: string,
    signal: AbortSignal,
  ): Promise<void> {
    const at = () => new Date().toISOString();
    const connection = await storage.directories.get(workspaceId, run.connectionId);
    const sealed = await storage.directories.sealedCredentials(workspaceId, run.connectionId);
    if (!connection || !sealed) return;
    // The run stays this process's while it lives, however long a page takes; if it is resumed elsewhere anyway
    // (this process was paused past the lease) or ended by an admin, the read stops and nothing more is written.
    const lost = new AbortController();
    const stopRead = () => lost.abort();
    signal.addEventListener('abort', stopRead, { once: true });
    if (signal.aborted) stopRead();
    const renewal = setInterval(
      () => {
        storage.directories.renewLease(run.id, lease, at()).then(
          (held) => held || stopRead(),
          () => {}, // the next renewal, or the next page, tries again
        );
      },
      options.renewLeaseEveryMs ?? RUN_LEASE_MS / 4,
    );
    renewal.unref?.();
    let full = true;
    try {
      // A resumed run goes on as it began; a new one reads everything when the last full read is a day old.
      let cursor = run.readCursor;
      if (run.resumeFrom === null) {
        const fresh =
          connection.lastFullSyncAt !== null &&
          Date.now() - Date.parse(connection.lastFullSyncAt) < FULL_READ_EVERY_MS;
        cursor = fresh ? connection.cursor : null;
        await storage.directories.beginRead(run.id, lease, cursor);
      }
      const read = connectorFor(connection, sealed).read({
        cursor,
        resumeFrom: run.resumeFrom,
        signal: lost.signal,
      });
      full = read.full;
      for await (const page of read.pages) {
        const { deactivated } = await storage.directories.applyPage(run.id, lease, page, at());
        for (const userId of deactivated) await options.sessions.revokeMember(workspaceId, userId);
      }
      const { deactivated } = await storage.directories.finishRun(run.id, {
        lease,
        status: 'succeeded',
        full,
        cursor: read.nextCursor(),
        errors: [],
        at: at(),
      });
      for (const userId of deactivated) await options.sessions.revokeMember(workspaceId, userId);
    } catch (error) {
      // Whoever aborted it has ended the run; a lost lease means someone else carries it on, or ended it.
      if (signal.aborted || lost.signal.aborted || error instanceof LeaseLostError) return;
      const reason = reasonOf(error);
      const rejected = reason.code === 'invalid_credentials' || reason.code === 'insufficient_permissions';
      const ended = await storage.directories
        .finishRun(run.id, {
          lease,
          status: 'failed',
          full,
          cursor: null,
          errors: [reason],
          state: rejected ? 'invalid_credentials' : 'error',
          stateReason: reason,
          at: at(),
        })
        .catch(unlessLeaseLost);
      if (!ended) return;
      // An incremental read the provider no longer honours (an expired delta link): the next run reads it all.
      if (reason.code === 'bad_response' && connection.cursor !== null) {
        await storage.directories.update(workspaceId, connection.id, { cursor: null });
      }
    } finally {
      clearInterval(renewal);
      signal.removeEventListener('abort', stopRead);
    }
  }

  const engine = {
    /** Checks the credentials with the provider, in the background; valid ones start the first sync. */
    validate(workspaceId: string, connectionId: string): void {
      work.get(connectionId)?.abort.abort();
      track(connectionId, async (signal) => {
        const connection = await storage.directories.get(workspaceId, connectionId);
        const sealed = await storage.directories.sealedCredentials(workspaceId, connectionId);
        if (!connection || !sealed) return;
        try {
          await connectorFor(connection, sealed).validate(signal);
        } catch (error) {
          if (signal.aborted) return;
          const reason = reasonOf(error);
          const unavailable = reason.code === 'unavailable';
          await storage.directories.update(workspaceId, connectionId, {
            state: unavailable ? 'error' : 'invalid_credentials',
            stateReason: reason,
            // The provider was down, not the credentials wrong: the schedule tries again.
            ...(unavailable
              ? { nextSyncAt: new Date(Date.now() + connection.syncIntervalMinutes * 60_000).toISOString() }
              : {}),
          });
          return;
        }
        if (signal.aborted) return;
        const { run, lease } = await storage.directories.startRun(
          workspaceId,
          connectionId,
          connection.lastSyncRun ? 'manual' : 'initial',
          new Date().toISOString(),
        );
        await execute(workspaceId, run, lease, signal);
      });
    },

    /** Starts a sync now (a `ConflictError` if one runs); it runs in the background. */
    async sync(
      workspaceId: string,
      connectionId: string,
      trigger: SyncRunRecord['trigger'],
      meta?: { actor: import('../storage/storage').Actor; requestId: string },
    ): Promise<SyncRunRecord> {
      const { run, lease } = await storage.directories.startRun(
        workspaceId,
        connectionId,
        trigger,
        new Date().toISOString(),
        meta,
      );
      track(connectionId, (signal) => execute(workspaceId, run, lease, signal));
      return run;
    },

    /** Stops what runs for a connection (its credentials changed, or it is being deleted). */
    async stop(
      workspaceId: string,
      connectionId: string,
      reason: { code: string; message: string },
    ): Promise<void> {
      const current = work.get(connectionId);
      current?.abort.abort();
      await current?.done;
      const connection = await storage.directories.get(workspaceId, connectionId);
      const running = connection?.lastSyncRun?.status === 'running' ? connection.lastSyncRun : undefined;
      if (running) {
        await storage.directories
          .finishRun(running.id, {
            status: 'failed',
            full: false,
            cursor: null,
            errors: [reason],
            state: 'validating',
            at: new Date().toISOString(),
          })
          .catch(unlessLeaseLost); // it ended on its own meanwhile
      }
    },

    /** Starts every due scheduled sync, and resumes runs whose process died. */
    async tick(): Promise<void> {
      for (const { workspaceId, connectionId } of await storage.directories.due(new Date().toISOString())) {
        if (work.has(connectionId)) continue;
        // Its check was cut short (a restart mid-validation): check again.
        if ((await storage.directories.get(workspaceId, connectionId))?.state === 'validating') {
          engine.validate(workspaceId, connectionId);
          continue;
        }
        try {
          const { run, lease } = await storage.directories.startRun(
            workspaceId,
            connectionId,
            'schedule',
            new Date().toISOString(),
          );
          track(connectionId, (signal) => execute(workspaceId, run, lease, signal));
        } catch {
          // Another process took it.
        }
      }
    },

    /** Resolves when everything running in this process has finished (tests, shutdown). */
    async idle(): Promise<void> {
      while (work.size > 0) await Promise.all([...work.values()].map((w) => w.done));
    },

    close(): void {
      if (timer) clearInterval(timer);
      for (const w of work.values()) w.abort.abort();
    },
  };

  const every = options.scheduleEveryMs ?? 30_000;
  const timer = every > 0 ? setInterval(() => void engine.tick().catch(() => {}), every) : undefined;
  timer?.unref?.();
  return engine;
}

export type DirectorySync = ReturnType<typeof createDirectorySync>;
