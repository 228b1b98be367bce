import type { Group, PageBody } from '@identity-kit/sdk';
import { toGroup } from '../domain/users';
import { defineOperation, ok } from '../http/operation';
import { paginate, QueryCheck } from '../http/query';
import { SOURCE_TYPES } from './users';

const list = defineOperation<PageBody<Group>>({
  id: 'listGroups',
  method: 'get',
  path: '/workspaces/:workspaceId/groups',
  run: ({ workspace, url }) => {
    const query = new QueryCheck(url.searchParams);
    const page = query.page();
    const connectionId = query.string('connectionId', 1000);
    const sourceType = query.oneOf('sourceType', SOURCE_TYPES);
    query.done();
    const matches = workspace.state.groups
      .filter(
        (g) =>
          (connectionId === undefined || g.source.connectionId === connectionId) &&
          (sourceType === undefined || g.source.type === sourceType),
      )
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.seq - b.seq);
    return ok(paginate(matches.map(toGroup), page));
  },
});

export const groupOperations = [list];
