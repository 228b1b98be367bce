// The contract's rules as code, for whatever implements the identity API (the reference server, the mocks):
// request-body checks whose field errors read as the kit's forms do, the error they throw, and the words
// they use. Not needed by clients of the API.
export { BodyCheck } from './body-check';
export {
  badRequest,
  ContractError,
  conflict,
  forbidden,
  notFound,
  payloadTooLarge,
  unauthenticated,
  validationFailed,
} from './contract-error';
export {
  isShown,
  MIN_HINTED_SECRET,
  maskCredentials,
  secretHint,
  secretKeys,
  shownCredentials,
  validateCredentials,
} from './credentials';
export { checkDirectoryCreate, checkDirectoryUpdate, SYNC_INTERVAL, syncRefusal } from './directory-request';
export { AUDIT_ACTIONS, DEPROVISION_ACTIONS, PROVIDER_IDS, SOURCE_TYPES, USER_STATUSES } from './enums';
export { fingerprint, IDEMPOTENCY_HEADER, idempotencyKey, idempotencyKeyReused } from './idempotency';
export { MESSAGES } from './messages';
export {
  DEFAULT_LIMIT,
  decodeCursor,
  encodeCursor,
  MAX_LIMIT,
  type PageQuery,
  type Position,
  QueryCheck,
} from './query-check';
export {
  checkScimConnectionCreate,
  checkScimConnectionUpdate,
  NEW_TOKEN_UNUSED,
} from './scim-connection-request';
export { checkSessionPolicyUpdate, SESSION_BOUNDS, SESSION_PRESETS } from './session-bounds';
export { duration, orList, plural } from './words';
