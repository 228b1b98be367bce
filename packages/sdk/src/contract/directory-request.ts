// The directory-connection requests' rules, for whatever implements them: which provider, which credentials
// (checked against the provider's catalog fields, merged with the stored ones on update), which interval.
import { findProvider } from '../providers/catalog';
import type { DirectoryState, Provider } from '../schema';
import { BodyCheck } from './body-check';
import { conflict, validationFailed } from './contract-error';
import { shownCredentials, validateCredentials } from './credentials';
import { PROVIDER_IDS } from './enums';
import { duration } from './words';

export const SYNC_INTERVAL = { min: 15, max: 1440, format: (minutes: number) => duration(minutes * 60) };

/** Credentials must be an object of strings; the provider's fields decide the rest. */
function credentialsOf(check: BodyCheck, required: boolean): Record<string, unknown> | undefined {
  const value = check.raw('credentials');
  if (value === undefined) {
    if (required) {
      check.add({
        path: 'credentials',
        code: 'required',
        message: 'Enter the credentials for this directory.',
      });
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    check.add({
      path: 'credentials',
      code: 'invalid_format',
      message: 'credentials must be an object of text values, keyed by the provider’s field keys.',
    });
    return undefined;
  }
  return value as Record<string, unknown>;
}

/**
 * A left-out key keeps its stored value; an empty string clears an optional one. Then only the fields shown
 * for the merged values stay (see `shownCredentials`).
 */
function merge(provider: Provider, stored: Record<string, string>, sent: Record<string, unknown>) {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(sent)) {
    if (value === '') delete merged[key];
    else merged[key] = value as string;
  }
  return shownCredentials(provider, merged);
}

function checkCredentials(provider: Provider, sent: Record<string, unknown>, merged: Record<string, string>) {
  const errors = validateCredentials(provider, sent, merged);
  if (errors.length > 0) throw validationFailed(errors);
}

/** A `createDirectoryConnection` body, checked: throws the contract's 422 with every field at fault. */
export function checkDirectoryCreate(body: unknown) {
  const check = BodyCheck.of(body).allowOnly(['provider', 'name', 'credentials', 'syncIntervalMinutes']);
  const providerId = check.oneOf('provider', 'the directory to connect', PROVIDER_IDS, { required: true });
  const name = check.string('name', 'Name', { min: 1, max: 100 });
  const sent = credentialsOf(check, true);
  const interval = check.integer('syncIntervalMinutes', 'Sync interval', SYNC_INTERVAL);
  check.done();
  const provider = findProvider(providerId as string) as Provider;
  if (!provider.capabilities.directorySync) {
    throw validationFailed([
      {
        path: 'provider',
        code: 'not_allowed',
        message: `${provider.name} has no directory API to sync from. Connect it over SCIM instead.`,
      },
    ]);
  }
  const credentials = merge(provider, {}, sent ?? {});
  checkCredentials(provider, sent ?? {}, credentials);
  return { provider, name: name ?? provider.name, credentials, syncIntervalMinutes: interval ?? 60 };
}

/** An `updateDirectoryConnection` body, checked against the connection's provider and stored credentials. */
export function checkDirectoryUpdate(body: unknown, provider: Provider, stored: Record<string, string>) {
  const check = BodyCheck.of(body).allowOnly(['name', 'credentials', 'syncIntervalMinutes']);
  const name = check.string('name', 'Name', { min: 1, max: 100 });
  const sent = credentialsOf(check, false);
  const interval = check.integer('syncIntervalMinutes', 'Sync interval', SYNC_INTERVAL);
  check.done();
  const credentials = merge(provider, stored, sent ?? {});
  checkCredentials(provider, sent ?? {}, credentials);
  return {
    name,
    credentials,
    credentialsChanged: JSON.stringify(credentials) !== JSON.stringify(stored),
    syncIntervalMinutes: typeof interval === 'number' ? interval : undefined,
  };
}

/** Why a sync cannot start now: one is running, or the connection is not ready (a failed one may retry). */
export function syncRefusal(state: DirectoryState, running: boolean, providerName: string) {
  if (running || state === 'syncing') {
    return conflict(
      'sync_in_progress',
      'A sync is already running for this directory. Wait for it to finish.',
    );
  }
  if (state === 'validating') {
    return conflict(
      'connection_not_ready',
      'This directory cannot sync yet: its credentials are still being checked. Try again in a few seconds.',
    );
  }
  if (state === 'invalid_credentials') {
    return conflict(
      'connection_not_ready',
      `This directory cannot sync: ${providerName} rejected its credentials. Update them, then sync.`,
    );
  }
  return undefined;
}
