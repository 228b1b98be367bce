import type { Group, User } from '@identity-kit/sdk';
import type { Person } from '../people';
import { groupName, person } from '../people';
import type { StoredGroup, StoredUser } from '../state';
import type { MockWorkspace } from '../workspace';

export interface NewUser extends Partial<Person> {
  id?: string;
  userName?: string;
  source: User['source'];
  createdAt: string;
  status?: User['status'];
  role?: User['role'];
  lastSignInAt?: string | null;
  sessions?: number;
}

/** Adds a user; fields left out come from the next fake person. */
export function addUser(ws: MockWorkspace, input: NewUser): StoredUser {
  const state = ws.state;
  const fake = input.email ? undefined : person(state.nextPerson++);
  const email = input.email ?? fake?.email ?? '';
  const givenName = input.givenName ?? fake?.givenName ?? null;
  const familyName = input.familyName ?? fake?.familyName ?? null;
  const user: StoredUser = {
    id: input.id ?? ws.ids.next('usr'),
    email,
    userName: input.userName ?? email,
    displayName: input.displayName ?? ([givenName, familyName].filter(Boolean).join(' ') || email),
    givenName,
    familyName,
    status: input.status ?? 'active',
    role: input.role ?? 'member',
    source: input.source,
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    lastSignInAt: input.lastSignInAt ?? null,
    seq: state.seq++,
    sessions: input.sessions ?? 0,
  };
  state.users.push(user);
  return user;
}

export function addGroup(
  ws: MockWorkspace,
  input: { displayName?: string; memberCount: number; source: Group['source']; createdAt: string },
): StoredGroup {
  const group: StoredGroup = {
    id: ws.ids.next('grp'),
    displayName: input.displayName ?? groupName(ws.state.nextGroup++),
    memberCount: input.memberCount,
    source: input.source,
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    seq: ws.state.seq++,
  };
  ws.state.groups.push(group);
  return group;
}

export function toUser({ seq: _seq, sessions: _sessions, ...user }: StoredUser): User {
  return user;
}

export function toGroup({ seq: _seq, ...group }: StoredGroup): Group {
  return group;
}

/** SCIM user names are unique case-insensitively (RFC 7643 §4.1.1). */
export function findByUserName(ws: MockWorkspace, userName: string): StoredUser | undefined {
  const wanted = userName.toLowerCase();
  return ws.state.users.find((u) => u.userName.toLowerCase() === wanted);
}

export function suspendUser(user: StoredUser, at: string): void {
  user.status = 'suspended';
  user.sessions = 0;
  user.updatedAt = at;
}

export function countBySource(ws: MockWorkspace, connectionId: string): { users: number; groups: number } {
  return {
    users: ws.state.users.filter((u) => u.source.connectionId === connectionId).length,
    groups: ws.state.groups.filter((g) => g.source.connectionId === connectionId).length,
  };
}
