import { addUser } from '../domain/users';
import { DAY, HOUR, iso } from '../time';
import type { MockWorkspace } from '../workspace';
import { seedBusy } from './busy';

export type SeedName = 'default' | 'empty' | 'busy';

export const MANUAL_MEMBERS = 6;

/** The signed-in admin, who created the workspace. */
export function seedViewer(ws: MockWorkspace): void {
  const now = ws.now();
  const { displayName, email } = ws.viewer;
  addUser(ws, {
    id: ws.viewer.id,
    email,
    displayName,
    givenName: 'Ada',
    familyName: 'Admin',
    role: 'owner',
    source: { type: 'manual', connectionId: null, externalId: null },
    createdAt: iso(now - 400 * DAY),
    lastSignInAt: iso(now - HOUR),
    sessions: 2,
  });
}

/** Members invited by hand, before any identity provider was connected. */
export function seedManualMembers(ws: MockWorkspace, count: number): void {
  const now = ws.now();
  for (let i = 0; i < count; i++) {
    addUser(ws, {
      role: i === 0 ? 'admin' : 'member',
      source: { type: 'manual', connectionId: null, externalId: null },
      createdAt: iso(now - (300 - i * 40) * DAY),
      lastSignInAt: iso(now - (i + 1) * 5 * HOUR),
      sessions: (i % 3) + 1,
    });
  }
}

export function applySeed(ws: MockWorkspace, seed: SeedName): void {
  seedViewer(ws);
  if (seed === 'default') seedManualMembers(ws, MANUAL_MEMBERS);
  if (seed === 'busy') seedBusy(ws);
}
