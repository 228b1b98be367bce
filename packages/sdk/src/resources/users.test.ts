import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../core/errors';
import { useMockApi } from '../testing/mock-api';

const start = useMockApi(['listUsers', 'getUser', 'listGroups']);

describe('users and groups', () => {
  it('walks every member of a busy workspace across pages, without repeats', async () => {
    const { identity } = start({ seed: 'busy' });
    const first = await identity.users.list({ limit: 100 });
    const ids = new Set<string>();
    for await (const user of identity.users.list({ limit: 100 })) ids.add(user.id);
    expect(ids.size).toBe(first.totalCount);
    expect(first.totalCount).toBeGreaterThanOrEqual(400);
  });

  it('filters by source, status and a search', async () => {
    const { identity } = start({ seed: 'busy' });
    const suspended = await identity.users.list({ status: 'suspended', limit: 200 });
    expect(suspended.totalCount).toBeGreaterThan(0);
    expect(suspended.data.every((u) => u.status === 'suspended')).toBe(true);

    const fromDirectory = await identity.users.list({ sourceType: 'directory', limit: 200 });
    expect(fromDirectory.data.every((u) => u.source.type === 'directory')).toBe(true);

    const someone = fromDirectory.data[0];
    if (!someone) throw new Error('the busy seed has directory users');
    const found = await identity.users.list({ query: someone.email.toUpperCase() });
    expect(found.data.map((u) => u.id)).toContain(someone.id);
    expect(await identity.users.get(someone.id)).toEqual(someone);
  });

  it('reads one user, and says when there is none', async () => {
    const { identity } = start();
    await expect(identity.users.get('usr_nobody')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a page size out of range on the field', async () => {
    const { identity } = start();
    const error = (await identity.users.list({ limit: 500 }).then(
      () => null,
      (e: unknown) => e,
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldError('limit')?.code).toBe('out_of_range');
  });

  it('lists groups with their member counts', async () => {
    const { identity } = start({ seed: 'busy' });
    const groups = await identity.groups.list({ limit: 10 });
    expect(groups.data).toHaveLength(10);
    expect(groups.totalCount).toBeGreaterThan(10);
    expect(groups.data.some((g) => g.memberCount > 0)).toBe(true);
    const all = [];
    for await (const g of identity.groups.list({ limit: 10 })) all.push(g);
    expect(all).toHaveLength(groups.totalCount);
  });
});
