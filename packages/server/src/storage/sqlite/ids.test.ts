import { describe, expect, it } from 'vitest';
import { newResourceId } from './ids';

describe('SCIM resource ids', () => {
  it('are version 7 UUIDs, ordered by creation time, never repeated', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((at) => newResourceId(at));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(newResourceId(1)).not.toBe(newResourceId(1));
    expect(newResourceId(0x0123456789ab).startsWith('01234567-89ab-7')).toBe(true);
  });
});
