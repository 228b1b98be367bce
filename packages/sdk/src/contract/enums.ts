// The contract's enums that requests are checked against, in one place for every implementation.
// `enums.test.ts` compares each list with openapi.yaml.

import { providerCatalog } from '../providers/catalog';
import type { AuditAction, ProviderId, ScimConnectionSettings, SourceType, UserStatus } from '../schema';

/** Every member of a union exactly once: a missing or unknown key fails to compile. */
function members<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

/** In the catalog's (picker) order. */
export const PROVIDER_IDS: readonly ProviderId[] = providerCatalog.map((p) => p.id);

export const SOURCE_TYPES = members<SourceType>({ scim: true, directory: true, manual: true });

export const USER_STATUSES = members<UserStatus>({ active: true, suspended: true });

export const DEPROVISION_ACTIONS = members<ScimConnectionSettings['deprovisionAction']>({
  suspend: true,
  delete: true,
});

export const AUDIT_ACTIONS = members<AuditAction>({
  'scim_connection.created': true,
  'scim_connection.updated': true,
  'scim_connection.deleted': true,
  'scim_connection.token_rotation_started': true,
  'scim_connection.token_rotation_completed': true,
  'scim_connection.token_rotation_cancelled': true,
  'directory_connection.created': true,
  'directory_connection.updated': true,
  'directory_connection.deleted': true,
  'directory_connection.sync_started': true,
  'session_policy.updated': true,
  'reauthentication.forced': true,
});
