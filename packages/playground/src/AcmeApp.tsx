import { IdentityKitProvider, IdentitySettings } from '@identity-kit/react';
import { useEffect, useState } from 'react';
import { type SignedIn, whoAmI } from './session';

const sections = ['General', 'Members', 'Billing', 'Identity'];

/**
 * Acme's product settings, as a host would build them: its own chrome, and the kit's IdentitySettings on the
 * Identity page for admins and owners. Members see their session, which force reauthentication ends.
 */
export function AcmeApp() {
  const [me, setMe] = useState<SignedIn | null | undefined>(undefined);
  const [error, setError] = useState<string>();

  // Every few seconds, as a real app's requests would: a revoked session shows at the next one.
  useEffect(() => {
    const controller = new AbortController();
    const check = () =>
      whoAmI(controller.signal).then(setMe, (e: Error) => e.name !== 'AbortError' && setError(e.message));
    check();
    const timer = setInterval(check, 3000);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);

  if (error) return <p className="acme-Message">{error}</p>;
  if (me === undefined) return <p className="acme-Message">Loading…</p>;
  if (me === null) return <SignedOut />;
  const admin = me.user.role !== 'member';
  return (
    <div className="acme-App">
      <header className="acme-Top">
        <span className="acme-Logo">Acme</span>
        <span>{me.workspace.name}</span>
        <span className="acme-User" data-testid="signed-in-as">
          {me.user.displayName} · {me.user.role}
        </span>
        <form method="post" action="/demo/sign-out">
          <button type="submit" className="acme-Link">
            Sign out
          </button>
        </form>
      </header>
      <div className="acme-Body">
        <nav className="acme-Nav" aria-label="Settings">
          {sections.map((s) => (
            <a key={s} href={`#${s.toLowerCase()}`} aria-current={s === 'Identity' ? 'page' : undefined}>
              {s}
            </a>
          ))}
        </nav>
        <main className="acme-Main">
          <h1 className="acme-Title">Settings</h1>
          {admin ? (
            <IdentityKitProvider client={{ baseUrl: '/api/identity', workspaceId: me.workspace.id }}>
              <IdentitySettings />
            </IdentityKitProvider>
          ) : (
            <section className="acme-Card">
              <h2>Identity</h2>
              <p>
                You are signed in as {me.user.displayName}, a member of {me.workspace.name}. Only admins and
                owners manage identity settings.
              </p>
              <p data-testid="session-expires">
                Your session lasts until {new Date(me.session.expiresAt).toLocaleString()}.
              </p>
            </section>
          )}
        </main>
      </div>
    </div>
  );
}

function SignedOut() {
  return (
    <main className="acme-Message" data-testid="signed-out">
      <h1>You are signed out</h1>
      <p>Your session has ended. Sign in again to continue.</p>
      <p>
        <a href="/demo/sign-in?as=admin">Sign in as Ada (owner)</a> ·{' '}
        <a href="/demo/sign-in?as=member">Sign in as Max (member)</a>
      </p>
    </main>
  );
}
