import type { PageBody, User } from '@identity-kit/sdk';
import { notFound, QueryCheck, SOURCE_TYPES, USER_STATUSES } from '@identity-kit/sdk/contract';
import { toUser } from '../domain/users';
import { defineOperation, ok } from '../http/operation';
import { type Ordering, paginate } from '../http/query';
import type { StoredUser } from '../state';

const NEWEST_FIRST: Ordering<StoredUser> = {
  list: 'users',
  sortKey: (u) => u.createdAt,
  id: (u) => u.id,
  descending: true,
};

const list = defineOperation<PageBody<User>>({
  id: 'listUsers',
  method: 'get',
  path: '/workspaces/:workspaceId/users',
  run: ({ workspace, url }) => {
    const query = new QueryCheck(url.searchParams);
    const page = query.page(NEWEST_FIRST.list);
    const connectionId = query.string('connectionId', 1000);
    const sourceType = query.oneOf('sourceType', SOURCE_TYPES);
    const status = query.oneOf('status', USER_STATUSES);
    const text = query.string('query', 200)?.toLowerCase();
    query.done();
    const matches = workspace.state.users.filter(
      (u) =>
        (connectionId === undefined || u.source.connectionId === connectionId) &&
        (sourceType === undefined || u.source.type === sourceType) &&
        (status === undefined || u.status === status) &&
        (!text || [u.email, u.userName, u.displayName].some((v) => v.toLowerCase().includes(text))),
    );
    return ok(paginate(matches, NEWEST_FIRST, page, toUser));
  },
});

const get = defineOperation<User>({
  id: 'getUser',
  method: 'get',
  path: '/workspaces/:workspaceId/users/:userId',
  run: ({ workspace, params }) => {
    const user = workspace.state.users.find((u) => u.id === params.userId);
    if (!user) throw notFound('This user is not a member of the workspace.');
    return ok(toUser(user));
  },
});

export const userOperations = [list, get];
