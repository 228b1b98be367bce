import { notFound, QueryCheck, SOURCE_TYPES, USER_STATUSES } from '@identity-kit/sdk/contract';
import type { Route } from './context';
import { ok, page } from './respond';

export const memberRoutes: Route[] = [
  {
    method: 'GET',
    path: '/users',
    run: async ({ storage, workspaceId, url }) => {
      const check = new QueryCheck(url.searchParams);
      const { limit, after } = check.page('users');
      const connectionId = check.string('connectionId');
      const sourceType = check.oneOf('sourceType', SOURCE_TYPES);
      const status = check.oneOf('status', USER_STATUSES);
      const query = check.string('query');
      check.done();
      const { records, totalCount } = await storage.members.list(workspaceId, {
        limit: limit + 1,
        ...(after ? { after: { createdAt: after.sort, id: after.id } } : {}),
        ...(connectionId ? { connectionId } : {}),
        ...(sourceType ? { sourceType } : {}),
        ...(status ? { status } : {}),
        ...(query ? { query } : {}),
      });
      const data = records.map(({ workspaceId: _, ...user }) => user);
      return ok(page('users', data, limit, totalCount, (u) => ({ sort: u.createdAt, id: u.id })));
    },
  },
  {
    method: 'GET',
    path: '/users/:userId',
    run: async ({ storage, workspaceId, params }) => {
      const member = await storage.members.get(workspaceId, params.userId as string);
      if (!member) throw notFound('There is no such user in this workspace.');
      const { workspaceId: _, ...user } = member;
      return ok(user);
    },
  },
  {
    method: 'GET',
    path: '/groups',
    run: async ({ storage, workspaceId, url }) => {
      const check = new QueryCheck(url.searchParams);
      const { limit, after } = check.page('groups');
      const connectionId = check.string('connectionId');
      const sourceType = check.oneOf('sourceType', SOURCE_TYPES);
      check.done();
      const { records, totalCount } = await storage.groups.list(workspaceId, {
        limit: limit + 1,
        ...(after ? { after: { displayName: after.sort, id: after.id } } : {}),
        ...(connectionId ? { connectionId } : {}),
        ...(sourceType ? { sourceType } : {}),
      });
      return ok(page('groups', records, limit, totalCount, (g) => ({ sort: g.displayName, id: g.id })));
    },
  },
];
