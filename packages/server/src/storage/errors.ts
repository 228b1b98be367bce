// What a storage engine throws, whatever the engine: the protocol layers map these to their own errors
// (SCIM: 409 uniqueness, 404, 400 invalidValue) and never branch on an engine's messages.

export class StorageError extends Error {}

/** A unique attribute is taken, e.g. a userName in the workspace. */
export class ConflictError extends StorageError {
  override readonly name = 'ConflictError';
  constructor(
    readonly attribute: string,
    message: string,
  ) {
    super(message);
  }
}

/** The record does not exist in the caller's scope (another workspace's or connection's records included). */
export class NotFoundError extends StorageError {
  override readonly name = 'NotFoundError';
}

/**
 * A directory sync run is no longer this runner's: its lease ran out and another process resumed the run, or an
 * admin ended it. The runner stops without writing.
 */
export class LeaseLostError extends StorageError {
  override readonly name = 'LeaseLostError';
}

/** A reference points at nothing in scope, e.g. a group member that is not a user of this connection. */
export class InvalidReferenceError extends StorageError {
  override readonly name = 'InvalidReferenceError';
  constructor(
    readonly ids: string[],
    message: string,
  ) {
    super(message);
  }
}
