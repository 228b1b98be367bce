// Who is signed in to Acme, from the playground server's demo endpoints (a host has its own).

export interface SignedIn {
  user: { id: string; displayName: string; email: string; role: 'owner' | 'admin' | 'member' };
  workspace: { id: string; name: string };
  session: { id: string; expiresAt: string };
}

/** The signed-in user, or null once the session has ended (expired, revoked, or everyone was signed out). */
export async function whoAmI(signal?: AbortSignal): Promise<SignedIn | null> {
  const response = await fetch('/demo/me', { signal, headers: { accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`The Acme server answered ${response.status}.`);
  return (await response.json()) as SignedIn;
}
