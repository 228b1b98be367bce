// The README's quick start: SCIM, session duration and sign-out through the SDK, against the mock workspace.
import { setupIdentityServer } from '@identity-kit/mocks/node';
import { createIdentityClient } from '@identity-kit/sdk';

// A stateful in-memory workspace behind MSW: every request below is answered as the real API would.
const { server, workspace } = setupIdentityServer();
server.listen({ onUnhandledRequest: 'error' });

const identity = createIdentityClient({
  baseUrl: 'https://app.example.com/api/identity',
  workspaceId: workspace.id,
  accessToken: async () => 'demo-admin-token',
});

// 1. Connect a SCIM provider: the workspace issues a base URL and a token, shown once.
const { connection, token } = await identity.scimConnections.create({ provider: 'okta' });
console.log(`Okta connected (${connection.status}). Paste into Okta:`);
console.log(`  SCIM connector base URL: ${connection.baseUrl}`);
console.log(`  Bearer token:            (${token.length} characters, shown once: keep it out of logs)`);

// Okta sends its first request and pushes people (simulated here), and the connection becomes active.
workspace.simulateScimRequest(connection.id, { users: 3, groups: 1 });
const verified = await identity.scimConnections.waitUntilVerified(connection.id, { intervalMs: 100 });
console.log(
  `Verified at ${verified.verifiedAt}: ${verified.counts.users} users, ${verified.counts.groups} group.`,
);
for await (const user of identity.users.list({ connectionId: connection.id })) {
  console.log(`  ${user.displayName} <${user.email}> (${user.status})`);
}

// 2. Set the session duration to 8 hours.
const policy = await identity.sessionPolicy.update({ sessionDurationSeconds: 8 * 60 * 60 });
const scope = policy.appliesTo === 'all_sessions' ? 'open sessions too' : 'new sessions only';
console.log(`Sessions now last ${policy.sessionDurationSeconds / 3600} hours (${scope}).`);

// 3. Force everyone to sign in again, keeping this admin's own session.
const { revokedSessions, affectedUsers } = await identity.reauthentication.force({
  keepCurrentSession: true,
});
console.log(`Signed out ${affectedUsers} users (${revokedSessions} sessions).`);

server.close();
