import { createIdentityHandlers, createMockWorkspace } from '@identity-kit/mocks';
import { createIdentityClient } from '@identity-kit/sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ForceReauthButton } from '../components/force-reauth-button/ForceReauthButton';
import { SessionDurationForm } from '../components/session-duration-form/SessionDurationForm';
import { sessionPolicyQueryOptions } from '../query/options';
import { server } from '../testing/server';
import { IdentityKitProvider } from './IdentityKitProvider';

const baseUrl = 'https://app.test/api/identity';

function mockWorkspace() {
  const workspace = createMockWorkspace();
  server.use(...createIdentityHandlers(workspace));
  const requests: string[] = [];
  server.events.on('request:start', ({ request }) => requests.push(new URL(request.url).pathname));
  return { workspace, requests };
}

describe('IdentityKitProvider', () => {
  it('shares the host’s QueryClient: what the host prefetched is shown without another request', async () => {
    const { workspace, requests } = mockWorkspace();
    const client = createIdentityClient({ baseUrl, workspaceId: workspace.id });
    const queryClient = new QueryClient();
    await queryClient.prefetchQuery(sessionPolicyQueryOptions(client));
    expect(requests).toHaveLength(1);
    render(
      <QueryClientProvider client={queryClient}>
        <IdentityKitProvider client={client}>
          <SessionDurationForm />
        </IdentityKitProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText('People stay signed in for 24 hours.')).toBeInTheDocument();
    expect(requests).toHaveLength(1);
  });

  it('works with only the client’s options and no QueryClient of the host', async () => {
    const { workspace } = mockWorkspace();
    render(
      <IdentityKitProvider client={{ baseUrl, workspaceId: workspace.id }}>
        <SessionDurationForm />
      </IdentityKitProvider>,
    );
    expect(await screen.findByText('People stay signed in for 24 hours.')).toBeInTheDocument();
  });

  it('overrides any message, and sets the theme on every component', async () => {
    const { workspace } = mockWorkspace();
    render(
      <IdentityKitProvider
        client={{ baseUrl, workspaceId: workspace.id }}
        theme="dark"
        messages={{ session: { title: 'Login lifetime' } }}
      >
        <SessionDurationForm />
      </IdentityKitProvider>,
    );
    const heading = screen.getByRole('heading', { name: 'Login lifetime' });
    expect(heading.closest('section')).toHaveAttribute('data-theme', 'dark');
    expect(heading.closest('section')).toHaveClass('ik', 'ik-SessionDurationForm');
  });

  it('unstyled: none of the kit’s classes, only the host’s and the data attributes', async () => {
    const { workspace } = mockWorkspace();
    const { container } = render(
      <IdentityKitProvider client={{ baseUrl, workspaceId: workspace.id }} unstyled>
        <ForceReauthButton className="acme-card" />
      </IdentityKitProvider>,
    );
    expect(container.querySelector('[class*="ik-"], .ik')).toBeNull();
    expect(container.querySelector('section')).toHaveClass('acme-card');
    expect(container.querySelector('section')).toHaveAttribute('data-status', 'idle');
  });

  it('says how to fix a component used outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<SessionDurationForm />)).toThrow(/wrap your settings page in <IdentityKitProvider/);
    vi.restoreAllMocks();
  });
});
