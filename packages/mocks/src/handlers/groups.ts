import type { Group, PageBody } from '@identity-kit/sdk';
import { QueryCheck, SOURCE_TYPES } from '@identity-kit/sdk/contract';
import { toGroup } from '../domain/users';
import { defineOperation, ok } from '../http/operation';
import { type Ordering, paginate } from '../http/query';
import type { StoredGroup } from '../state';

const BY_NAME: Ordering<StoredGroup> = {
  list: 'groups',
  sortKey: (g) => g.displayName,
  id: (g) => g.id,
  descending: false,
  compareSort: (a, b) => a.localeCompare(b),
};

const list = defineOperation<PageBody<Group>>({
  id: 'listGroups',
  method: 'get',
  path: '/workspaces/:workspaceId/groups',
  run: ({ workspace, url }) => {
    const query = new QueryCheck(url.searchParams);
    const page = query.page(BY_NAME.list);
    const connectionId = query.string('connectionId', 1000);
    const sourceType = query.oneOf('sourceType', SOURCE_TYPES);
    query.done();
    const matches = workspace.state.groups.filter(
      (g) =>
        (connectionId === undefined || g.source.connectionId === connectionId) &&
        (sourceType === undefined || g.source.type === sourceType),
    );
    return ok(paginate(matches, BY_NAME, page, toGroup));
  },
});

export const groupOperations = [list];
