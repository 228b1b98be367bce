// Shared story setups: each brings a workspace into a state through the API, as an admin and the IdP would.
import type { StoryKit } from './mock-api';

/** For findBy/waitFor on what arrives with the next poll (every 2 s) or a sync: generous on a busy machine. */
export const slow = { timeout: 10_000 };

/** Okta's API token form, filled with a token the mock directory accepts (or one it rejects). */
export const oktaCredentials = (token = 'Okta-token-0000000000000000000000000000abcd') => ({
  authMethod: 'api_token',
  orgUrl: 'https://acme.okta.com',
  apiToken: token,
});

/** An Okta SCIM connection that has not heard from Okta yet. */
export async function pendingScim({ client }: StoryKit) {
  return (await client.scimConnections.create({ provider: 'okta', name: 'Okta' })).connection;
}

/** An Okta SCIM connection that has provisioned 8 users and 2 groups. */
export async function activeScim(kit: StoryKit) {
  const connection = await pendingScim(kit);
  kit.workspace.simulateScimRequest(connection.id, { users: 8, groups: 2 });
  return connection;
}

/** An Okta directory: checks and syncs at once (no waiting), unless the story's scenario says otherwise. */
export async function oktaDirectory({ client, workspace }: StoryKit, token?: string) {
  workspace.setScenario({ validationMs: 0, syncMs: 0 });
  return client.directoryConnections.create({ provider: 'okta', credentials: oktaCredentials(token) });
}
