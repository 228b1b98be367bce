// Checkpoints the WAL on a worker thread with its own connection, so that copying the log back into the database
// file (hundreds of page writes and two fsyncs every few dozen commits) leaves the event loop serving requests.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The worker: a PASSIVE checkpoint per message, which copies what no reader still needs and never waits for a lock.
 * Its connection syncs as SQLite's NORMAL does around a checkpoint: the WAL before copying, the database after. Any
 * error but SQLITE_BUSY (another checkpoint is running; the next message tries again) goes back to the writer.
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
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY') parentPort.postMessage({ error: String(error.message) });
  }
});
`;

/** How many commits between two checkpoints, and the WAL size (in pages) past which the writer checkpoints itself. */
export const CHECKPOINT_EVERY_COMMITS = 32;
export const WRITER_CHECKPOINT_PAGES = 4000;

/**
 * The driver this module loads, so that the worker loads the very same one whatever the host's working directory:
 * two copies of SQLite in one process do not see each other's locks. (In the CommonJS build `__filename` is this
 * file; a file URL built from it would misread a path with `#` or `%` in it.)
 */
function driverPath(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return createRequire(here).resolve('better-sqlite3');
}

export class Checkpointer {
  private worker: Worker | undefined;
  private commits = 0;
  /** Failed, or closed: no worker is started again. */
  private stopped = false;

  /** `onFailure`: the worker could not start, failed or died; the writer then checkpoints by itself again. */
  constructor(
    private readonly filename: string,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Counts a commit; every `CHECKPOINT_EVERY_COMMITS`th asks the worker (started on first use) to checkpoint. */
  committed(): void {
    if (this.stopped || ++this.commits % CHECKPOINT_EVERY_COMMITS !== 0) return;
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
      workerData: { driver: driverPath(), filename: this.filename },
    });
    worker.unref();
    worker.on('error', (error) => this.fail(error));
    worker.on('message', (message: { error?: string }) => {
      if (message.error) this.fail(new Error(`WAL checkpoint failed: ${message.error}`));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.onFailure(error);
  }

  /** Closes the worker's connection and waits for the thread to end; no worker starts after this. */
  async close(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // (unreferenced, it would let a process with nothing else to do end before this resolves)
    worker.postMessage('close');
    await exited;
  }
}
