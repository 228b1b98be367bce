import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CredentialField, Provider, ProviderId, SetupStep } from '../schema';
import { findProvider, providerCatalog } from './catalog';
import * as publicEntry from './index';

const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
  components: { schemas: { ProviderId: { enum: ProviderId[] } } };
};
const SPEC_ID = 'https://identity-kit.invalid/openapi.yaml';

function makeAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  return ajv;
}
const ajv = makeAjv();
const validateProvider = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/Provider` });

const EXPECTED_ORDER: ProviderId[] = [
  'okta',
  'entra_id',
  'google_workspace',
  'onelogin',
  'jumpcloud',
  'pingfederate',
  'rippling',
  'generic_scim',
];
const SCIM_PUSH: ProviderId[] = [
  'okta',
  'entra_id',
  'onelogin',
  'jumpcloud',
  'pingfederate',
  'rippling',
  'generic_scim',
];
const DIRECTORY_SYNC: ProviderId[] = ['okta', 'entra_id', 'google_workspace', 'jumpcloud'];

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function field(providerId: ProviderId, key: string): CredentialField {
  const found = findProvider(providerId)?.directorySync?.fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${providerId}.${key}`);
  return found;
}

function matches(f: CredentialField, value: string): boolean {
  const pattern = f.validation?.pattern;
  return pattern === undefined ? true : new RegExp(pattern).test(value);
}

function satisfiesFormat(f: CredentialField, value: string): boolean {
  const format = f.validation?.format;
  if (format === undefined) return true;
  if (format === 'json') {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  }
  const schemaFormat = format === 'url' ? 'uri' : format;
  return ajv.validate({ type: 'string', format: schemaFormat }, value) as boolean;
}

function withinLength(f: CredentialField, value: string): boolean {
  const { minLength = 0, maxLength = Number.POSITIVE_INFINITY } = f.validation ?? {};
  return value.length >= minLength && value.length <= maxLength;
}

const accepts = (f: CredentialField, value: string) =>
  withinLength(f, value) && matches(f, value) && satisfiesFormat(f, value);

function allSteps(provider: Provider): SetupStep[] {
  return [...(provider.scim?.steps ?? []), ...(provider.directorySync?.steps ?? [])];
}

const SERVICE_ACCOUNT_KEY = JSON.stringify(
  {
    type: 'service_account',
    project_id: 'acme-directory',
    private_key_id: 'abc123',
    private_key: '-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----\n',
    client_email: 'directory-sync@acme-directory.iam.gserviceaccount.com',
    client_id: '112233445566778899000',
  },
  null,
  2,
);

// value examples an admin could paste: [provider, field key, accepted, rejected]
const EXAMPLES: [ProviderId, string, string[], string[]][] = [
  [
    'okta',
    'orgUrl',
    [
      'https://acme.okta.com',
      'https://acme.oktapreview.com',
      'https://acme.okta-emea.com/',
      'https://login.acme.com',
    ],
    [
      'http://acme.okta.com',
      'acme.okta.com',
      'https://acme-admin.okta.com',
      'https://acme.okta.com/app/UserHome',
      'https://localhost',
      '',
    ],
  ],
  [
    'okta',
    'apiToken',
    ['00aBcD3fGhIjKlMnOpQrStUvWxYz0123456789-_ab'],
    ['SSWS 00aBcD3fGhIjKlMnOpQrStUvWxYz0123456789', 'short', ''],
  ],
  ['okta', 'clientId', ['0oa1b2c3d4e5f6g7h8i9', '0oabskvc6442nkvQO0h7'], ['my-client', GUID]],
  [
    'okta',
    'privateKey',
    [
      '{"kty":"RSA","kid":"k1","e":"AQAB","n":"sXch","d":"VFCW","p":"x","q":"y"}',
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
    ],
    [
      '{"kty":"RSA","kid":"k1","e":"AQAB","n":"sXch"}',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----',
    ],
  ],
  [
    'entra_id',
    'tenantId',
    [GUID, GUID.toUpperCase(), 'contoso.onmicrosoft.com', 'contoso.com'],
    ['common', 'https://login.microsoftonline.com/contoso.onmicrosoft.com', 'not a tenant', ''],
  ],
  ['entra_id', 'clientId', [GUID], ['contoso.com', `${GUID}0`, '']],
  [
    'entra_id',
    'clientSecret',
    ['Xy8Q~a1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r'],
    [GUID, 'has a space', '', 'Xy8Q~a1b2C3d4E5f6G7h8'],
  ],
  [
    'google_workspace',
    'serviceAccountKey',
    [SERVICE_ACCOUNT_KEY],
    ['{"installed":{"client_id":"1.apps.googleusercontent.com","client_secret":"x"}}', 'not json'],
  ],
  [
    'google_workspace',
    'adminEmail',
    ['admin@example.com', 'it.admin@acme.co.uk'],
    ['directory-sync@acme-directory.iam.gserviceaccount.com', 'admin', 'admin@'],
  ],
  ['google_workspace', 'customerId', ['my_customer', 'C01abc2de'], ['customer', 'C1', 'my customer']],
  [
    'jumpcloud',
    'apiKey',
    ['0123456789abcdef0123456789abcdef01234567'],
    ['x-api-key: 0123456789abcdef0123456789', ''],
  ],
  [
    'jumpcloud',
    'orgId',
    ['5f0c1b2a3d4e5f6a7b8c9d0e'],
    ['5f0c1b2a3d4e5f6a7b8c9d0', '5f0c1b2a3d4e5f6a7b8c9d0g'],
  ],
];

describe('providerCatalog', () => {
  it('lists every ProviderId of the contract exactly once, in picker order', () => {
    const ids = providerCatalog.map((p) => p.id);
    expect(ids).toEqual(EXPECTED_ORDER);
    expect([...ids].sort()).toEqual([...spec.components.schemas.ProviderId.enum].sort());
  });

  it.each(providerCatalog.map((p) => [p.id, p] as const))(
    '%s matches the contract Provider schema',
    (_, provider) => {
      const valid = validateProvider(provider);
      expect(validateProvider.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('the schema check really rejects a broken provider', () => {
    const broken = structuredClone(findProvider('okta')) as unknown as Record<string, unknown>;
    broken.capabilities = { scim: 'yes', directorySync: true };
    expect(validateProvider(broken)).toBe(false);
    const noSteps = {
      ...structuredClone(findProvider('rippling')),
      scim: { supportsGroups: true, steps: [], notes: [] },
    };
    expect(validateProvider(noSteps)).toBe(false);
  });

  it('offers SCIM push and directory sync where the providers support them', () => {
    for (const provider of providerCatalog) {
      expect(provider.capabilities.scim, provider.id).toBe(SCIM_PUSH.includes(provider.id));
      expect(provider.capabilities.directorySync, provider.id).toBe(DIRECTORY_SYNC.includes(provider.id));
      expect(provider.scim !== null, provider.id).toBe(provider.capabilities.scim);
      expect(provider.directorySync !== null, provider.id).toBe(provider.capabilities.directorySync);
    }
  });

  it('has https documentation links and one-sentence descriptions', () => {
    for (const provider of providerCatalog) {
      expect(new URL(provider.docsUrl).protocol, provider.id).toBe('https:');
      expect(provider.description.trim().split(/(?<=\.)\s+/), provider.id).toHaveLength(1);
      expect(provider.name.length, provider.id).toBeGreaterThan(0);
    }
  });

  it('uses plain text without emoji', () => {
    expect(JSON.stringify(providerCatalog)).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});

describe('SCIM setup guides', () => {
  const guides = providerCatalog.flatMap((p) => (p.scim ? [[p.id, p.scim] as const] : []));

  it.each(guides)('%s asks for the base URL once and the bearer token', (_, guide) => {
    const fields = guide.steps.flatMap((s) => s.fields);
    expect(fields.filter((f) => f.value === 'scim_base_url')).toHaveLength(1);
    expect(fields.filter((f) => f.value === 'bearer_token').length).toBeGreaterThanOrEqual(1);
  });

  it.each(guides)('%s has readable steps, literal texts and notes', (_, guide) => {
    expect(guide.supportsGroups).toBe(true);
    expect(guide.notes.length).toBeGreaterThan(0);
    for (const step of guide.steps) {
      expect(step.title.trim(), step.id).not.toBe('');
      expect(step.body.trim(), step.id).not.toBe('');
      for (const f of step.fields) {
        expect(f.label.trim(), step.id).not.toBe('');
        if (f.value === 'literal' || f.value === 'instruction')
          expect(f.text?.trim(), `${step.id}: ${f.label}`).toBeTruthy();
        else expect(f.text, `${step.id}: ${f.label}`).toBeUndefined();
      }
    }
  });

  it('tells Okta admins the literal values Okta expects', () => {
    const fields = findProvider('okta')?.scim?.steps.flatMap((s) => s.fields) ?? [];
    const byLabel = new Map(fields.map((f) => [f.label, f]));
    expect(byLabel.get('SCIM connector base URL')?.value).toBe('scim_base_url');
    expect(byLabel.get('Unique identifier field for users')?.text).toBe('userName');
    expect(byLabel.get('Authentication Mode')?.text).toBe('HTTP Header');
  });

  it("uses Entra ID's own labels for the URL and token", () => {
    const fields = findProvider('entra_id')?.scim?.steps.flatMap((s) => s.fields) ?? [];
    expect(fields.find((f) => f.value === 'scim_base_url')?.label).toBe('Tenant URL');
    expect(fields.find((f) => f.value === 'bearer_token')?.label).toBe('Secret Token');
  });
});

describe('steps', () => {
  it('have ids unique across the whole catalog, in kebab case, prefixed by provider', () => {
    const ids = providerCatalog.flatMap((p) => allSteps(p).map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const provider of providerCatalog) {
      const prefix = provider.id === 'generic_scim' ? 'generic' : provider.id.split('_')[0];
      for (const step of allSteps(provider)) {
        expect(step.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(step.id.startsWith(`${prefix}-`), step.id).toBe(true);
      }
    }
  });
});

describe('directory sync credentials', () => {
  const setups = providerCatalog.flatMap((p) => (p.directorySync ? [[p.id, p.directorySync] as const] : []));

  it('covers the four directories that can be read', () => {
    expect(setups.map(([id]) => id)).toEqual(DIRECTORY_SYNC);
  });

  it.each(setups)('%s has unique field keys, steps and permissions', (_, setup) => {
    const keys = setup.fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(setup.steps.length).toBeGreaterThan(0);
    expect(setup.permissions.length).toBeGreaterThan(0);
  });

  it.each(setups)('%s makes every showWhen point at a select field and one of its options', (_, setup) => {
    for (const f of setup.fields) {
      if (!f.showWhen) continue;
      const target = setup.fields.find((other) => other.key === f.showWhen?.field);
      expect(target?.kind, f.key).toBe('select');
      expect(target?.showWhen, `${f.key} depends on a field that is itself conditional`).toBeUndefined();
      expect(
        target?.options?.map((o) => o.value),
        f.key,
      ).toContain(f.showWhen.equals);
    }
  });

  it.each(setups)('%s gives select fields options and other fields none', (_, setup) => {
    for (const f of setup.fields) {
      if (f.kind === 'select') {
        expect(f.options?.length, f.key).toBeGreaterThan(1);
        const values = f.options?.map((o) => o.value) ?? [];
        expect(new Set(values).size, f.key).toBe(values.length);
      } else {
        expect(f.options, f.key).toBeUndefined();
      }
    }
  });

  it.each(setups)('%s keeps secrets in secret or textarea fields', (_, setup) => {
    for (const f of setup.fields) {
      if (f.secret) expect(['secret', 'textarea'], f.key).toContain(f.kind);
      if (f.kind === 'secret') expect(f.secret, f.key).toBe(true);
    }
  });

  it.each(setups)('%s has patterns that compile and accept its own placeholders', (_, setup) => {
    for (const f of setup.fields) {
      if (f.validation?.pattern !== undefined)
        expect(() => new RegExp(f.validation?.pattern ?? '')).not.toThrow();
      if (f.placeholder !== undefined && f.kind !== 'textarea') {
        expect(accepts(f, f.placeholder), `${f.key} placeholder ${f.placeholder}`).toBe(true);
      }
    }
  });

  it.each(EXAMPLES)('%s %s accepts real values and rejects mistakes', (providerId, key, good, bad) => {
    const f = field(providerId, key);
    for (const value of good) expect(accepts(f, value), `accepts ${value}`).toBe(true);
    for (const value of bad) expect(accepts(f, value), `rejects ${value}`).toBe(false);
  });

  it('asks Okta for an API token or an OAuth client depending on the method', () => {
    expect(field('okta', 'apiToken').showWhen).toEqual({ field: 'authMethod', equals: 'api_token' });
    for (const key of ['clientId', 'privateKey', 'keyId']) {
      expect(field('okta', key).showWhen).toEqual({ field: 'authMethod', equals: 'oauth' });
    }
    expect(field('okta', 'keyId').required).toBe(false);
  });

  it('checks Entra IDs with one rule each and refuses a client secret cut short', () => {
    // A format and a pattern for the same GUID would give the admin two different messages.
    expect(field('entra_id', 'clientId').validation).toEqual({ pattern: expect.any(String) });
    const secret = field('entra_id', 'clientSecret');
    expect(secret.validation?.minLength).toBe(32);
  });

  it('lists the Entra clouds with the public cloud first', () => {
    expect(field('entra_id', 'cloud').options?.map((o) => o.value)).toEqual(['global', 'us_gov', 'china']);
  });

  it('names the read-only scopes and permissions', () => {
    expect(findProvider('okta')?.directorySync?.permissions).toEqual(
      expect.arrayContaining(['okta.users.read', 'okta.groups.read']),
    );
    expect(findProvider('entra_id')?.directorySync?.permissions).toEqual(
      expect.arrayContaining(['User.Read.All', 'GroupMember.Read.All']),
    );
    expect(findProvider('google_workspace')?.directorySync?.permissions).toEqual([
      'https://www.googleapis.com/auth/admin.directory.user.readonly',
      'https://www.googleapis.com/auth/admin.directory.group.readonly',
      'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
    ]);
  });
});

describe('findProvider', () => {
  it('finds a provider by id and returns undefined for unknown ids', () => {
    expect(findProvider('jumpcloud')?.name).toBe('JumpCloud');
    expect(findProvider('azure_ad')).toBeUndefined();
  });

  it('searches a catalog the host passes', () => {
    const custom: Provider = { ...structuredClone(providerCatalog[7] as Provider), name: 'Acme IdP' };
    expect(findProvider('generic_scim', [custom])?.name).toBe('Acme IdP');
    expect(findProvider('okta', [custom])).toBeUndefined();
  });

  it('is exported from the providers entry point', () => {
    expect(publicEntry.providerCatalog).toBe(providerCatalog);
    expect(publicEntry.findProvider).toBe(findProvider);
  });
});
