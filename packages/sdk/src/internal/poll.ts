import { sleep } from './sleep';

export interface PollOptions {
  /** Milliseconds between reads. Default 2000. */
  intervalMs?: number;
  /** Stops waiting (throws `UserAbortError`). */
  signal?: AbortSignal;
}

/** Reads until `done` holds, then returns that read. Errors from `read` end the wait. */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions = {},
) {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await sleep(options.intervalMs ?? 2000, options.signal);
  }
}
