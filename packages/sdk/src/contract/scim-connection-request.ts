// The SCIM-connection requests' rules, for whatever implements them: which provider (one that can push SCIM),
// what name, what happens to people the provider takes out.
import { findProvider } from '../providers/catalog';
import type { Provider, ScimConnectionSettings } from '../schema';
import { BodyCheck } from './body-check';
import { validationFailed } from './contract-error';
import { DEPROVISION_ACTIONS, PROVIDER_IDS } from './enums';

function checkNameAndSettings(check: BodyCheck): { name?: string; settings?: ScimConnectionSettings } {
  const name = check.string('name', 'Name', { min: 1, max: 100 });
  const settingsCheck = check.object('settings', 'Settings');
  settingsCheck?.allowOnly(['deprovisionAction']);
  const deprovisionAction = settingsCheck?.oneOf(
    'deprovisionAction',
    'what happens to deprovisioned users',
    DEPROVISION_ACTIONS,
    { required: true },
  );
  return {
    ...(name !== undefined ? { name } : {}),
    ...(deprovisionAction ? { settings: { deprovisionAction } } : {}),
  };
}

/** A `createScimConnection` body, checked: throws the contract's 422 with every field at fault. */
export function checkScimConnectionCreate(body: unknown): {
  provider: Provider;
  name?: string;
  settings?: ScimConnectionSettings;
} {
  const check = BodyCheck.of(body).allowOnly(['provider', 'name', 'settings']);
  const providerId = check.oneOf('provider', 'the identity provider to connect', PROVIDER_IDS, {
    required: true,
  });
  const rest = checkNameAndSettings(check);
  check.done();
  const provider = findProvider(providerId as string);
  if (!provider?.capabilities.scim) {
    throw validationFailed([
      {
        path: 'provider',
        code: 'not_allowed',
        message: `${provider?.name ?? providerId} cannot push users over SCIM. Connect it as a directory instead.`,
      },
    ]);
  }
  return { provider, ...rest };
}

/** An `updateScimConnection` body, checked. */
export function checkScimConnectionUpdate(body: unknown): {
  name?: string;
  settings?: ScimConnectionSettings;
} {
  const check = BodyCheck.of(body).allowOnly(['name', 'settings']);
  const change = checkNameAndSettings(check);
  check.done();
  return change;
}

/** Why completing a rotation is refused while the provider still sends the old token (409 `new_token_unused`). */
export const NEW_TOKEN_UNUSED =
  'The identity provider still uses the old token: it has not sent a request with the new one yet, so retiring the old token now would cut it off. Paste the new token into the provider’s provisioning settings and save them first, or force completion if you are sure.';
