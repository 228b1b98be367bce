// The identity providers a workspace can connect, with the setup guide an admin follows in each provider's
// console. Plain data, typed by the contract's `Provider` schema: a host can show it as is, translate it by
// step id, or extend it (pass its own list to `findProvider`).
import type { Provider, ProviderId } from '../schema';

// Patterns are ECMAScript regular expressions the whole value must match (see CredentialField.validation).
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

const okta: Provider = {
  id: 'okta',
  name: 'Okta',
  description: 'Okta pushes users and groups over SCIM, or the workspace reads them from the Okta API.',
  docsUrl: 'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm',
  capabilities: { scim: true, directorySync: true },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'okta-create-app',
        title: 'Create or open the app integration',
        body: 'In the Okta Admin Console, go to Applications > Applications. If this workspace already has an Okta app for single sign-on, open it; otherwise click Create App Integration, choose SAML 2.0 and finish the wizard.',
        fields: [],
      },
      {
        id: 'okta-enable-scim',
        title: 'Turn on SCIM provisioning',
        body: "On the app's General tab, click Edit under App Settings, set Provisioning to SCIM and click Save. A Provisioning tab appears.",
        fields: [{ label: 'Provisioning', value: 'literal', text: 'SCIM' }],
      },
      {
        id: 'okta-integration',
        title: 'Enter the connection details',
        body: 'Open the Provisioning tab, select Integration and click Edit. Fill in the fields below; paste the token without the word Bearer.',
        fields: [
          { label: 'SCIM connector base URL', value: 'scim_base_url' },
          { label: 'Unique identifier field for users', value: 'literal', text: 'userName' },
          {
            label: 'Supported provisioning actions',
            value: 'literal',
            text: 'Push New Users, Push Profile Updates, Push Groups',
          },
          { label: 'Authentication Mode', value: 'literal', text: 'HTTP Header' },
          { label: 'Authorization', value: 'bearer_token' },
        ],
      },
      {
        id: 'okta-test-connector',
        title: 'Test and save',
        body: 'Click Test Connector Configuration. When the test passes, close the dialog and click Save.',
        fields: [],
      },
      {
        id: 'okta-to-app',
        title: 'Choose what Okta may change',
        body: 'Still on the Provisioning tab, select To App and click Edit. Enable the three actions below and click Save.',
        fields: [
          { label: 'Create Users', value: 'literal', text: 'Enable' },
          { label: 'Update User Attributes', value: 'literal', text: 'Enable' },
          { label: 'Deactivate Users', value: 'literal', text: 'Enable' },
        ],
      },
      {
        id: 'okta-assign',
        title: 'Assign people',
        body: 'On the Assignments tab, click Assign and choose Assign to People or Assign to Groups. Okta creates an account here for everyone assigned.',
        fields: [],
      },
      {
        id: 'okta-push-groups',
        title: 'Push groups',
        body: 'On the Push Groups tab, click Push Groups, find the groups by name and click Save. Okta then keeps their names and members up to date here.',
        fields: [],
      },
    ],
    notes: [
      'Okta never deletes users. Unassigning or deactivating someone in Okta deactivates their account here.',
      'Okta sends the whole user (PUT) on every profile change, so its attribute mappings decide what this workspace stores.',
      'Group pushes include only members who are also assigned to the app.',
      'SCIM provisioning to a custom app needs Okta Lifecycle Management on your Okta plan.',
    ],
  },
  directorySync: {
    fields: [
      {
        key: 'authMethod',
        label: 'Authentication',
        kind: 'select',
        secret: false,
        required: true,
        default: 'api_token',
        options: [
          { value: 'api_token', label: 'API token (SSWS)' },
          { value: 'oauth', label: 'OAuth 2.0 service app' },
        ],
        help: 'An API token is quicker to set up. An OAuth service app is not tied to one admin and has narrower scopes.',
      },
      {
        key: 'orgUrl',
        label: 'Okta org URL',
        kind: 'url',
        secret: false,
        required: true,
        placeholder: 'https://your-org.okta.com',
        help: 'The address you sign in to Okta with, without -admin and without a path. A custom domain also works.',
        validation: {
          format: 'url',
          pattern: String.raw`^https://(?![^/]*-admin\.)${DNS_LABEL}(?:\.${DNS_LABEL})+/?$`,
        },
      },
      {
        key: 'apiToken',
        label: 'API token',
        kind: 'secret',
        secret: true,
        required: true,
        showWhen: { field: 'authMethod', equals: 'api_token' },
        help: 'Paste the token only, without SSWS. It has the permissions of the admin who created it, so create it while signed in as a read-only administrator.',
        validation: { pattern: String.raw`^\S{20,}$` },
      },
      {
        key: 'clientId',
        label: 'Client ID',
        kind: 'text',
        secret: false,
        required: true,
        placeholder: '0oa1b2c3d4e5f6g7h8i9',
        showWhen: { field: 'authMethod', equals: 'oauth' },
        help: "Shown on the service app's General tab under Client Credentials.",
        validation: { pattern: '^0oa[A-Za-z0-9]{10,}$' },
      },
      {
        key: 'privateKey',
        label: 'Private key',
        kind: 'textarea',
        secret: true,
        required: true,
        showWhen: { field: 'authMethod', equals: 'oauth' },
        help: 'The private key you generated for the service app, as JWK JSON or PEM. Okta shows it only once.',
        validation: {
          pattern: String.raw`^\s*(?:\{[\s\S]*"d"\s*:[\s\S]*\}|-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (?:RSA |EC )?PRIVATE KEY-----)\s*$`,
        },
      },
      {
        key: 'keyId',
        label: 'Key ID (kid)',
        kind: 'text',
        secret: false,
        required: false,
        showWhen: { field: 'authMethod', equals: 'oauth' },
        help: "The KID of that key in the app's Public Keys list. Needed only when the app has more than one key.",
        validation: { pattern: String.raw`^\S+$` },
      },
    ],
    steps: [
      {
        id: 'okta-ds-api-token',
        showWhen: { field: 'authMethod', equals: 'api_token' },
        title: 'Create an API token',
        body: 'Sign in as a read-only administrator, go to Security > API > Tokens and click Create token. Copy the token now; Okta does not show it again, and revokes it after 30 days without use.',
        fields: [],
      },
      {
        id: 'okta-ds-service-app',
        showWhen: { field: 'authMethod', equals: 'oauth' },
        title: 'Create a service app',
        body: 'Go to Applications > Applications, click Create App Integration, choose API Services and save it with a name such as Directory sync.',
        fields: [],
      },
      {
        id: 'okta-ds-service-app-key',
        showWhen: { field: 'authMethod', equals: 'oauth' },
        title: 'Add a key pair',
        body: 'On the General tab, edit Client Credentials, set Client authentication to Public key / Private key, click Add key, then Generate new key, and copy the private key. Clear "Require Demonstrating Proof of Possession (DPoP) header in token requests" and save.',
        fields: [{ label: 'Client authentication', value: 'literal', text: 'Public key / Private key' }],
      },
      {
        id: 'okta-ds-service-app-scopes',
        showWhen: { field: 'authMethod', equals: 'oauth' },
        title: 'Grant scopes and a role',
        body: 'On the Okta API Scopes tab, grant the two scopes below. On the Admin roles tab, assign the Read-Only Administrator role.',
        fields: [
          { label: 'Okta API Scopes', value: 'literal', text: 'okta.users.read, okta.groups.read' },
          { label: 'Admin roles', value: 'literal', text: 'Read-Only Administrator' },
        ],
      },
    ],
    permissions: ['okta.users.read', 'okta.groups.read', 'Read-Only Administrator role'],
  },
};

const entraId: Provider = {
  id: 'entra_id',
  name: 'Microsoft Entra ID',
  description:
    'Microsoft Entra ID (formerly Azure AD) pushes users and groups over SCIM, or the workspace reads them from Microsoft Graph.',
  docsUrl:
    'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups',
  capabilities: { scim: true, directorySync: true },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'entra-create-app',
        title: 'Create an enterprise application',
        body: 'In the Microsoft Entra admin center, go to Enterprise applications and click New application, then Create your own application. Name it, choose "Integrate any other application you don\'t find in the gallery (Non-gallery)" and click Create.',
        fields: [],
      },
      {
        id: 'entra-provisioning-mode',
        title: 'Choose automatic provisioning',
        body: 'In the new application, open Provisioning and start the setup. Set Provisioning Mode to Automatic.',
        fields: [{ label: 'Provisioning Mode', value: 'literal', text: 'Automatic' }],
      },
      {
        id: 'entra-admin-credentials',
        title: 'Enter the admin credentials',
        body: 'Under Admin Credentials, fill in the fields below. If an authentication method is offered, keep bearer authentication.',
        fields: [
          { label: 'Tenant URL', value: 'scim_base_url' },
          { label: 'Secret Token', value: 'bearer_token' },
        ],
      },
      {
        id: 'entra-test-connection',
        title: 'Test the connection',
        body: 'Click Test Connection. When it succeeds, click Save.',
        fields: [],
      },
      {
        id: 'entra-mappings',
        title: 'Check the mappings',
        body: 'Under Mappings, make sure both mappings below are enabled. The default attribute mappings work as they are.',
        fields: [
          { label: 'Provision Microsoft Entra ID Users', value: 'literal', text: 'Enabled: Yes' },
          { label: 'Provision Microsoft Entra ID Groups', value: 'literal', text: 'Enabled: Yes' },
        ],
      },
      {
        id: 'entra-scope',
        title: 'Choose who is provisioned',
        body: "Under Settings, set Scope to sync only assigned users and groups. Then assign people and groups on the application's Users and groups page.",
        fields: [{ label: 'Scope', value: 'literal', text: 'Sync only assigned users and groups' }],
      },
      {
        id: 'entra-start',
        title: 'Start provisioning',
        body: 'Set Provisioning Status to On and click Save. To see a result right away, use Provision on demand for one user.',
        fields: [{ label: 'Provisioning Status', value: 'literal', text: 'On' }],
      },
    ],
    notes: [
      'Test Connection looks up a user with a random ID and expects an empty result, so it creates nothing here.',
      'Entra provisions in cycles: after the first full cycle, changes arrive about every 40 minutes. Use Provision on demand for a quick test.',
      'Unassigning or disabling someone in Entra first deactivates their account here; it is deleted later, when the user is permanently deleted in Entra.',
      'Entra does not rotate the Secret Token. When you rotate it here, paste the new token under Admin Credentials.',
    ],
  },
  directorySync: {
    fields: [
      {
        key: 'tenantId',
        label: 'Directory (tenant) ID',
        kind: 'text',
        secret: false,
        required: true,
        placeholder: '00000000-0000-0000-0000-000000000000',
        help: "The GUID on the app registration's Overview page, or a verified domain such as contoso.onmicrosoft.com.",
        validation: { pattern: String.raw`^(?:${GUID}|(?:${DNS_LABEL}\.)+[A-Za-z]{2,63})$` },
      },
      {
        key: 'clientId',
        label: 'Application (client) ID',
        kind: 'text',
        secret: false,
        required: true,
        placeholder: '00000000-0000-0000-0000-000000000000',
        help: "Shown on the app registration's Overview page.",
        // The pattern alone, so a wrong value gets one message: this field's help, not a generic "uuid".
        validation: { pattern: `^${GUID}$` },
      },
      {
        key: 'clientSecret',
        label: 'Client secret',
        kind: 'secret',
        secret: true,
        required: true,
        help: "The secret's Value, not its Secret ID. Entra shows the value only once, and the secret expires on the date you chose.",
        // Entra issues 40-character values (older ones 32 or 44); anything shorter was cut off when copied.
        validation: { minLength: 32, pattern: String.raw`^(?!${GUID}$)\S+$` },
      },
      {
        key: 'cloud',
        label: 'Cloud',
        kind: 'select',
        secret: false,
        required: true,
        default: 'global',
        options: [
          { value: 'global', label: 'Azure public cloud' },
          { value: 'us_gov', label: 'Azure US Government' },
          { value: 'china', label: 'Azure China (21Vianet)' },
        ],
        help: 'Most tenants, including GCC, use the Azure public cloud. Choose Azure US Government for GCC High tenants.',
      },
    ],
    steps: [
      {
        id: 'entra-ds-register',
        title: 'Register an application',
        body: 'In the Microsoft Entra admin center, go to App registrations and click New registration. Name it, keep "Accounts in this organizational directory only" and click Register. Copy the Application (client) ID and Directory (tenant) ID from the Overview page.',
        fields: [],
      },
      {
        id: 'entra-ds-secret',
        title: 'Create a client secret',
        body: 'Open Certificates & secrets, click New client secret, choose an expiry and click Add. Copy the Value column right away; it is hidden once you leave the page.',
        fields: [],
      },
      {
        id: 'entra-ds-permissions',
        title: 'Grant read permissions',
        body: 'Open API permissions, click Add a permission, choose Microsoft Graph, then Application permissions, and add the two permissions below. Then click Grant admin consent; this needs a Privileged Role Administrator or Global Administrator.',
        fields: [
          { label: 'Application permissions', value: 'literal', text: 'User.Read.All, GroupMember.Read.All' },
        ],
      },
    ],
    permissions: ['User.Read.All', 'GroupMember.Read.All'],
  },
};

const googleWorkspace: Provider = {
  id: 'google_workspace',
  name: 'Google Workspace',
  description:
    'The workspace reads users and groups from the Google Workspace Admin SDK; Google does not push SCIM.',
  docsUrl: 'https://developers.google.com/workspace/admin/directory/v1/guides/delegation',
  capabilities: { scim: false, directorySync: true },
  scim: null,
  directorySync: {
    fields: [
      {
        key: 'serviceAccountKey',
        label: 'Service account key (JSON)',
        kind: 'textarea',
        secret: true,
        required: true,
        placeholder: '{"type": "service_account", ...}',
        help: 'The JSON key file of a service account with domain-wide delegation for the three read-only Admin SDK scopes listed below.',
        validation: {
          format: 'json',
          pattern: String.raw`^\s*\{(?=[\s\S]*"type"\s*:\s*"service_account")(?=[\s\S]*"private_key"\s*:)(?=[\s\S]*"client_email"\s*:)[\s\S]*\}\s*$`,
        },
      },
      {
        key: 'adminEmail',
        label: 'Admin email',
        kind: 'email',
        secret: false,
        required: true,
        placeholder: 'admin@example.com',
        help: "A Google Workspace administrator who can read users and groups. The service account acts as this person; it is not the service account's own address.",
        validation: {
          format: 'email',
          pattern: String.raw`^(?![^@]+@[^@]+\.gserviceaccount\.com$)[^\s@]+@[^\s@]+\.[^\s@]+$`,
        },
      },
      {
        key: 'customerId',
        label: 'Customer ID',
        kind: 'text',
        secret: false,
        required: false,
        placeholder: 'my_customer',
        help: "Leave empty to use the admin's own account (my_customer). Found in the Admin console under Account > Account settings.",
        validation: { pattern: '^(?:my_customer|C[0-9A-Za-z]{6,12})$' },
      },
    ],
    steps: [
      {
        id: 'google-ds-enable-api',
        title: 'Enable the Admin SDK API',
        body: 'In the Google Cloud console, select or create a project, go to APIs & Services > Library, open Admin SDK API and click Enable.',
        fields: [],
      },
      {
        id: 'google-ds-service-account',
        title: 'Create a service account and key',
        body: "Go to IAM & Admin > Service accounts and click Create service account. Open it, go to Keys, click Add key > Create new key, choose JSON and keep the downloaded file. Note the account's Unique ID on the Details tab.",
        fields: [],
      },
      {
        id: 'google-ds-delegation',
        title: 'Allow domain-wide delegation',
        body: 'As a super administrator in the Google Admin console, go to Security > Access and data control > API controls and click Manage Domain Wide Delegation. Click Add new, enter the values below and click Authorize.',
        fields: [
          { label: 'Client ID', value: 'instruction', text: "The service account's Unique ID" },
          {
            label: 'OAuth scopes (comma-delimited)',
            value: 'literal',
            text: 'https://www.googleapis.com/auth/admin.directory.user.readonly,https://www.googleapis.com/auth/admin.directory.group.readonly,https://www.googleapis.com/auth/admin.directory.group.member.readonly',
          },
        ],
      },
    ],
    permissions: [
      'https://www.googleapis.com/auth/admin.directory.user.readonly',
      'https://www.googleapis.com/auth/admin.directory.group.readonly',
      'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
    ],
  },
};

const onelogin: Provider = {
  id: 'onelogin',
  name: 'OneLogin',
  description: 'OneLogin pushes users and groups over SCIM 2.0 from a SCIM Provisioner app.',
  docsUrl: 'https://developers.onelogin.com/scim',
  capabilities: { scim: true, directorySync: false },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'onelogin-add-app',
        title: 'Add the SCIM Provisioner app',
        body: 'In the OneLogin admin portal, go to Applications > Applications and click Add App. Search for the app below, select it, name it and click Save.',
        fields: [{ label: 'App', value: 'literal', text: 'SCIM Provisioner with SAML (SCIM v2 Enterprise)' }],
      },
      {
        id: 'onelogin-configuration',
        title: 'Enter the connection details',
        body: "On the Configuration tab, fill in the fields below. Keep the app's default SCIM JSON Template, or replace it with the one shown.",
        fields: [
          { label: 'SCIM Base URL', value: 'scim_base_url' },
          { label: 'SCIM Bearer Token', value: 'bearer_token' },
          {
            label: 'SCIM JSON Template',
            value: 'literal',
            text: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{$parameters.scimusername}","name":{"givenName":"{$user.firstname}","familyName":"{$user.lastname}","formatted":"{$user.display_name}"},"emails":[{"value":"{$user.email}","type":"work","primary":true}]}',
          },
        ],
      },
      {
        id: 'onelogin-enable-api',
        title: 'Enable the API connection',
        body: 'Still on the Configuration tab, click Enable next to API Connection and wait until the status shows Enabled. Then click Save.',
        fields: [{ label: 'API Connection', value: 'literal', text: 'Enabled' }],
      },
      {
        id: 'onelogin-parameters',
        title: 'Map the user name and groups',
        body: 'On the Parameters tab, set SCIM Username to Email. Open the Groups parameter and select Include in User Provisioning.',
        fields: [
          { label: 'SCIM Username', value: 'literal', text: 'Email' },
          { label: 'Groups', value: 'literal', text: 'Include in User Provisioning' },
        ],
      },
      {
        id: 'onelogin-provisioning',
        title: 'Turn on provisioning',
        body: 'On the Provisioning tab, select Enable provisioning. Clear "Require admin approval before this action is performed" for Create user, Delete user and Update user, choose what happens when users are removed, and click Save.',
        fields: [{ label: 'Enable provisioning', value: 'literal', text: 'Selected' }],
      },
      {
        id: 'onelogin-assign',
        title: 'Assign people',
        body: "Give people the app through a role (Users > Roles) or one by one on each user's Applications tab. Use the app's Rules tab to send OneLogin roles or groups as groups.",
        fields: [],
      },
    ],
    notes: [
      'Use the SCIM v2 Core or SCIM v2 Enterprise variant of the app. The older Core Schema v1.1 variant speaks SCIM 1.1, which this workspace does not accept.',
      'With admin approval left on, OneLogin waits for someone to approve each change under Users > Provisioning.',
      'The SCIM JSON Template decides which attributes arrive here; fields missing from it stay empty.',
    ],
  },
  directorySync: null,
};

const jumpcloud: Provider = {
  id: 'jumpcloud',
  name: 'JumpCloud',
  description:
    'JumpCloud pushes users and groups over SCIM, or the workspace reads them from the JumpCloud API.',
  docsUrl:
    'https://jumpcloud.com/support/provision-and-manage-users-and-groups-in-apps-using-custom-scim-identity-management-integration',
  capabilities: { scim: true, directorySync: true },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'jumpcloud-create-app',
        title: 'Create a custom application',
        body: 'In the JumpCloud Admin Portal, go to SSO Applications, click Add New Application and choose Custom Application. Select "Export users to this app (Identity Management)", name the app, click Save Application and then Configure Application.',
        fields: [],
      },
      {
        id: 'jumpcloud-identity-management',
        title: 'Enter the connection details',
        body: "Open the Identity Management tab and fill in the fields below. For the test user, use an address on your company's domain that is not yet a member of this workspace.",
        fields: [
          { label: 'SCIM Version', value: 'literal', text: 'SCIM 2.0' },
          { label: 'Base URL', value: 'scim_base_url' },
          { label: 'Token Key', value: 'bearer_token' },
          { label: 'Test User Email', value: 'instruction', text: 'An unused address on your domain' },
        ],
      },
      {
        id: 'jumpcloud-group-management',
        title: 'Turn on group management',
        body: 'Select the option to manage user groups and group membership in this application, so JumpCloud also sends groups.',
        fields: [
          {
            label: 'Group Management',
            value: 'literal',
            text: 'Enable management of User Groups and Group Membership in this application',
          },
        ],
      },
      {
        id: 'jumpcloud-test-activate',
        title: 'Test, activate and save',
        body: 'Click Test Connection. When it passes, click Activate, then Save.',
        fields: [],
      },
      {
        id: 'jumpcloud-assign-groups',
        title: 'Choose who is provisioned',
        body: "On the app's User Groups tab, select the groups whose members should get an account here and click Save.",
        fields: [],
      },
    ],
    notes: [
      'Test Connection creates a test user and a test group here, then deletes them. They show up in the activity log.',
      'JumpCloud provisions members of the user groups bound to the app. Removing someone from those groups deactivates their account here.',
    ],
  },
  directorySync: {
    fields: [
      {
        key: 'apiKey',
        label: 'API key',
        kind: 'secret',
        secret: true,
        required: true,
        help: "An administrator's API key. It has that administrator's permissions; a Read Only administrator is enough.",
        validation: { pattern: String.raw`^\S{20,}$` },
      },
      {
        key: 'orgId',
        label: 'Organization ID',
        kind: 'text',
        secret: false,
        required: false,
        placeholder: '5f0c1b2a3d4e5f6a7b8c9d0e',
        help: 'Only for administrators of several organizations (Multi-Tenant Portal): the 24-character ID of the organization to read.',
        validation: { pattern: '^[0-9a-fA-F]{24}$' },
      },
    ],
    steps: [
      {
        id: 'jumpcloud-ds-api-key',
        title: 'Get an API key',
        body: 'Sign in to the JumpCloud Admin Portal as the administrator whose key you will use, open the account menu at the top right and choose My API Key. Generate a key and copy it; generating a new key later revokes this one.',
        fields: [],
      },
      {
        id: 'jumpcloud-ds-org-id',
        title: 'Multi-tenant administrators: find the organization ID',
        body: "If you manage several organizations, copy the ID of the one to read from the Multi-Tenant Portal's organization list. Otherwise leave it empty.",
        fields: [],
      },
    ],
    permissions: ['Administrator API key (the Read Only role is enough)'],
  },
};

const pingfederate: Provider = {
  id: 'pingfederate',
  name: 'PingFederate',
  description:
    'PingFederate (or PingOne) pushes users and groups over SCIM 2.0 from an outbound provisioning connection.',
  docsUrl:
    'https://docs.pingidentity.com/integrations/scim/setup/pf_scim_connector_scim_connector_settings_reference.html',
  capabilities: { scim: true, directorySync: false },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'pingfederate-create-connection',
        title: 'Create an SP connection',
        body: 'In the PingFederate administrative console, go to Applications > Integration > SP Connections and click Create Connection. Use the SCIM Connector template and, on Connection Type, select Outbound Provisioning.',
        fields: [{ label: 'Connection Type', value: 'literal', text: 'Outbound Provisioning' }],
      },
      {
        id: 'pingfederate-target',
        title: 'Enter the target details',
        body: 'On the Outbound Provisioning step, click Configure Provisioning and fill in the Target fields below. Leave PATCH off for users and on for groups if your connector version offers those options.',
        fields: [
          { label: 'SCIM URL', value: 'scim_base_url' },
          { label: 'SCIM Version', value: 'literal', text: '2.0' },
          { label: 'Authentication Methods', value: 'literal', text: 'OAuth 2 Bearer Token' },
          { label: 'Access Token', value: 'bearer_token' },
          { label: 'Unique User Identifier', value: 'literal', text: 'userName' },
        ],
      },
      {
        id: 'pingfederate-channel',
        title: 'Create a channel',
        body: 'Under Manage Channels, create a channel: pick the source data store, the group or filter of users to provision, and map userName, name and emails on the Attribute Mapping tab.',
        fields: [],
      },
      {
        id: 'pingfederate-activate',
        title: 'Activate',
        body: 'Set the channel status and then the connection status to Active on Activation & Summary, and click Save. PingFederate provisions on its next synchronization cycle.',
        fields: [
          { label: 'Channel Status', value: 'literal', text: 'Active' },
          { label: 'Connection Status', value: 'literal', text: 'Active' },
        ],
      },
    ],
    notes: [
      'PingFederate updates users with full replacements (no PATCH) and changes group membership with PATCH.',
      'It finds groups by listing all of them, so the first cycle can take a while when there are many groups.',
      'In PingOne, the same settings are under Integrations > Provisioning: create a connection of type Identity Store, choose SCIM Outbound, and use the OAuth 2 Bearer Token method.',
    ],
  },
  directorySync: null,
};

const rippling: Provider = {
  id: 'rippling',
  name: 'Rippling',
  description: 'Rippling pushes users and groups over SCIM 2.0 from a custom app.',
  docsUrl: 'https://help.rippling.com/',
  capabilities: { scim: true, directorySync: false },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'rippling-create-app',
        title: 'Create a custom app',
        body: 'In Rippling, open the App Shop and create a new custom app (on newer accounts: IT > Third-Party Access > Add Integration > Create New Custom Integration). Name it, select User Management via SCIM and click Continue.',
        fields: [{ label: 'User Management via SCIM', value: 'literal', text: 'Selected' }],
      },
      {
        id: 'rippling-scim-settings',
        title: 'Enter the SCIM settings',
        body: 'Fill in the fields below and select the group and pagination options. Add externalId, emails.primary, name.givenName and name.familyName to the supported SCIM attributes.',
        fields: [
          { label: 'SCIM Version', value: 'literal', text: '2.0' },
          { label: 'SCIM base URL', value: 'scim_base_url' },
          { label: 'SCIM Authorization Method', value: 'literal', text: 'Bearer Token' },
          {
            label: 'Options',
            value: 'literal',
            text: 'Supports Groups, Supports Pagination, Create & Delete Groups, Use PATCH to edit Groups',
          },
        ],
      },
      {
        id: 'rippling-install',
        title: 'Install and paste the token',
        body: 'Click Install now and confirm that you are installing it yourself. Paste the token when Rippling asks for it.',
        fields: [{ label: 'Bearer token', value: 'bearer_token' }],
      },
      {
        id: 'rippling-access',
        title: 'Choose who gets an account',
        body: 'Set App Access Rules to the employees who should have an account here, choose when they are provisioned, and review the attribute mappings.',
        fields: [],
      },
    ],
    notes: [
      'Rippling retries failed requests, so a user can be sent twice; the workspace matches them by externalId and does not create duplicates.',
      'Who is provisioned follows App Access Rules and employment status: a termination in Rippling deactivates the account here.',
    ],
  },
  directorySync: null,
};

const genericScim: Provider = {
  id: 'generic_scim',
  name: 'Other SCIM 2.0 provider',
  description:
    'Any identity provider that can push users and groups to a SCIM 2.0 endpoint with a bearer token.',
  docsUrl: 'https://datatracker.ietf.org/doc/html/rfc7644',
  capabilities: { scim: true, directorySync: false },
  scim: {
    supportsGroups: true,
    steps: [
      {
        id: 'generic-create-app',
        title: 'Create a SCIM application',
        body: 'In your identity provider, create an application or provisioning connection that uses SCIM 2.0. It is often called a custom SCIM app or SCIM connector.',
        fields: [{ label: 'SCIM version', value: 'literal', text: '2.0' }],
      },
      {
        id: 'generic-endpoint',
        title: 'Enter the endpoint and token',
        body: 'Use bearer token authentication. The provider must send the token in the Authorization header of every request.',
        fields: [
          { label: 'SCIM base URL', value: 'scim_base_url' },
          { label: 'Bearer token', value: 'bearer_token' },
          { label: 'Authorization header', value: 'literal', text: 'Authorization: Bearer <token>' },
        ],
      },
      {
        id: 'generic-attributes',
        title: 'Set the identifiers and resources',
        body: 'Match users by userName and provision both users and groups.',
        fields: [
          { label: 'Unique identifier for users', value: 'literal', text: 'userName' },
          { label: 'Supported resources', value: 'literal', text: 'Users, Groups' },
        ],
      },
      {
        id: 'generic-test',
        title: 'Test with one user',
        body: "Run the provider's connection test, then assign one person to the application and check that they appear in this workspace's user list.",
        fields: [],
      },
    ],
    notes: [
      'The endpoint follows RFC 7643 and RFC 7644: filters (eq, ne, co, sw, ew, gt, ge, lt, le, pr with and, or, not), 1-based startIndex and count paging, and PATCH add, remove and replace.',
      'userName is unique and case-insensitive; creating a user that already exists answers 409 with scimType uniqueness.',
      'Deactivate users by setting active to false; DELETE removes them.',
      'Discovery is available at /ServiceProviderConfig, /ResourceTypes and /Schemas, including the enterprise user extension.',
    ],
  },
  directorySync: null,
};

/** Every provider the contract knows, in the order a picker shows them. */
export const providerCatalog: readonly Provider[] = [
  okta,
  entraId,
  googleWorkspace,
  onelogin,
  jumpcloud,
  pingfederate,
  rippling,
  genericScim,
];

/** The provider with this id, from the built-in catalog or one a host passes (e.g. an extended copy). */
export function findProvider(id: ProviderId | string, catalog = providerCatalog): Provider | undefined {
  return catalog.find((provider) => provider.id === id);
}
