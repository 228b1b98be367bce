import type { DirectoryConnection, ProviderId } from '@identity-kit/sdk';

type Reason = NonNullable<DirectoryConnection['stateReason']>;

/** How each directory words a refused credential, so the UI shows what the admin will find in its docs. */
const REJECTIONS: Partial<Record<ProviderId, (field: string) => Reason>> = {
  okta: (field) => ({
    code: 'invalid_credentials',
    message:
      field === 'privateKey'
        ? 'Okta rejected the client assertion (invalid_client: The client_assertion signature is invalid).'
        : 'Okta rejected the API token (E0000011: Invalid token provided).',
    field,
  }),
  entra_id: (field) => ({
    code: 'invalid_client',
    message:
      'Microsoft Entra ID rejected the client secret (AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID).',
    field,
  }),
  google_workspace: (field) => ({
    code: 'unauthorized_client',
    message:
      'Google refused the service account (unauthorized_client: Client is unauthorized to retrieve access tokens using this method). Check that domain-wide delegation is granted for its client ID and the read-only Admin SDK scopes.',
    field,
  }),
  jumpcloud: (field) => ({
    code: 'unauthorized',
    message: 'JumpCloud answered 401 Unauthorized: the API key is not valid or was regenerated.',
    field,
  }),
};

export function rejectionFor(provider: ProviderId, providerName: string, field: string): Reason {
  return (
    REJECTIONS[provider]?.(field) ?? {
      code: 'invalid_credentials',
      message: `${providerName} rejected the credentials.`,
      field,
    }
  );
}
