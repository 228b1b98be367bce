import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AUDIT_ACTIONS, DEPROVISION_ACTIONS, PROVIDER_IDS, SOURCE_TYPES, USER_STATUSES } from './enums';

interface Schema {
  enum?: string[];
  properties?: Record<string, Schema>;
}
const schemas = (
  parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  }
).components.schemas;

describe('the enums requests are checked against', () => {
  it.each([
    ['ProviderId', PROVIDER_IDS, schemas.ProviderId?.enum],
    ['SourceType', SOURCE_TYPES, schemas.SourceType?.enum],
    ['UserStatus', USER_STATUSES, schemas.UserStatus?.enum],
    ['AuditAction', AUDIT_ACTIONS, schemas.AuditAction?.enum],
    [
      'ScimConnectionSettings.deprovisionAction',
      DEPROVISION_ACTIONS,
      schemas.ScimConnectionSettings?.properties?.deprovisionAction?.enum,
    ],
  ])('%s lists exactly the values of openapi.yaml', (_, ours, contract) => {
    expect(contract).toBeDefined();
    expect([...ours].sort()).toEqual([...(contract ?? [])].sort());
  });
});
