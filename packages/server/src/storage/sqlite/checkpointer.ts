// Checkpoints the WAL on a worker thread with its own connection, so that copying the log back into the database
// file (hundreds of page writes and two fsyncs every few dozen commits) leaves the event loop serving requests.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker: a PASSIVE checkpoint per message, which copies what no reader still needs and never waits for a lock.
 * Its connection syncs as SQLite's NORMAL does around a checkpoint: the WAL before copying, the database after.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY: another checkpoint is running; the next message tries again.
  }
});
`;

/** How many commits between two checkpoints, and the WAL size (in pages) past which the writer checkpoints itself. */
export const CHECKPOINT_EVERY_COMMITS = 32;
export const WRITER_CHECKPOINT_PAGES = 4000;

export class Checkpointer {
  private worker: Worker | undefined;
  private commits = 0;
  private failed = false;

  /** `onFailure`: the worker could not start or died; the writer then checkpoints by itself again. */
  constructor(
    private readonly filename: string,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Counts a commit; every `CHECKPOINT_EVERY_COMMITS`th asks the worker (started on first use) to checkpoint. */
  committed(): void {
    if (this.failed || ++this.commits % CHECKPOINT_EVERY_COMMITS !== 0) return;
    try {
      this.start().postMessage('checkpoint');
    } catch (error) {
      this.fail(error);
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Resolved from this package, so the worker loads the same driver whatever the host's working directory.
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        filename: this.filename,
      },
    });
    worker.unref();
    worker.on('error', (error) => this.fail(error));
    this.worker = worker;
    return worker;
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = undefined;
    this.onFailure(error);
  }

  /** Closes the worker's connection and waits for the thread to end. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // (unreferenced, it would let a process with nothing else to do end before this resolves)
    worker.postMessage('close');
    await exited;
  }
}
