import type { PageBody, User } from '@identity-kit/sdk';
import { toUser } from '../domain/users';
import { notFound } from '../http/errors';
import { defineOperation, ok } from '../http/operation';
import { paginate, QueryCheck } from '../http/query';
import { newestFirst } from './lookup';

export const SOURCE_TYPES = ['scim', 'directory', 'manual'] as const;
const STATUSES = ['active', 'suspended'] as const;

const list = defineOperation<PageBody<User>>({
  id: 'listUsers',
  method: 'get',
  path: '/workspaces/:workspaceId/users',
  run: ({ workspace, url }) => {
    const query = new QueryCheck(url.searchParams);
    const page = query.page();
    const connectionId = query.string('connectionId', 1000);
    const sourceType = query.oneOf('sourceType', SOURCE_TYPES);
    const status = query.oneOf('status', STATUSES);
    const text = query.string('query', 200)?.toLowerCase();
    query.done();
    const matches = workspace.state.users.filter(
      (u) =>
        (connectionId === undefined || u.source.connectionId === connectionId) &&
        (sourceType === undefined || u.source.type === sourceType) &&
        (status === undefined || u.status === status) &&
        (!text || [u.email, u.userName, u.displayName].some((v) => v.toLowerCase().includes(text))),
    );
    return ok(paginate(newestFirst(matches).map(toUser), page));
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
