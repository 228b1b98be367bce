import { scenarios } from '@identity-kit/mocks';
import type { ScimConnection } from '@identity-kit/sdk';
import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { de } from '../../locales/de';
import { expectNoAxeViolations, renderKit } from '../../testing/render';
import { server } from '../../testing/server';
import { ConnectScimProvider } from './ConnectScimProvider';

afterEach(() => {
  vi.useRealTimers();
});

/** Presses Tab until the element named `name` has focus, as a keyboard user would. */
async function tabTo(user: UserEvent, role: 'button' | 'textbox' | 'radio', name: string | RegExp) {
  const target = screen.getByRole(role, { name });
  for (let i = 0; i < 80 && document.activeElement !== target; i++) await user.tab();
  expect(target).toHaveFocus();
  return target;
}

const step = (container: HTMLElement) => container.querySelector('[data-step]')?.getAttribute('data-step');

/** Opens the connect form and picks a provider, with the mouse (for the tests that are not about it). */
async function configure(user: UserEvent, provider = 'Okta') {
  await user.click(await screen.findByRole('button', { name: /Connect (SCIM|another)/ }));
  await user.click(screen.getByRole('radio', { name: provider }));
  return screen.getByRole('textbox', { name: 'Connection name' });
}

describe('ConnectScimProvider', () => {
  describe('given a workspace without SCIM connections', () => {
    it('shows a placeholder while loading, then explains SCIM and offers to connect', async () => {
      const { container } = renderKit(<ConnectScimProvider />);
      expect(screen.getByRole('status')).toHaveAttribute('aria-busy', 'true');
      expect(await screen.findByRole('button', { name: 'Connect SCIM provider' })).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 2, name: 'SCIM provisioning' })).toBeInTheDocument();
      expect(screen.getByText('No provider connected yet.')).toBeInTheDocument();
      expect(step(container)).toBeUndefined();
      await expectNoAxeViolations();
    });

    it('after connecting Okta with the keyboard only, shows the token once, verifies that users arrive, and ends on an active card', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const onConnected = vi.fn<(c: ScimConnection) => void>();
      const { user, workspace, container, queryClient } = renderKit(
        <ConnectScimProvider onConnected={onConnected} />,
      );
      const connect = await screen.findByRole('button', { name: 'Connect SCIM provider' });
      await user.tab();
      expect(connect).toHaveFocus();
      await user.keyboard('{Enter}');

      // pick
      expect(screen.getByRole('heading', { name: 'Connect SCIM provider' })).toHaveFocus();
      expect(step(container)).toBe('pick');
      expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
      await user.tab();
      const okta = screen.getByRole('radio', { name: 'Okta' });
      expect(okta).toHaveFocus();
      expect(okta).toHaveAccessibleDescription(/Okta pushes users and groups over SCIM/);
      await user.keyboard('{ArrowDown}');
      expect(screen.getByRole('radio', { name: 'Microsoft Entra ID' })).toBeChecked();
      await user.keyboard('{ArrowUp}');
      expect(okta).toBeChecked();

      // configure
      expect(step(container)).toBe('configure');
      await user.tab();
      expect(screen.getByRole('textbox', { name: 'Connection name' })).toHaveFocus();
      expect(screen.getByRole('textbox', { name: 'Connection name' })).toHaveValue('Okta');
      await user.tab();
      const suspend = screen.getByRole('radio', { name: 'Suspend their account' });
      expect(suspend).toHaveFocus();
      expect(suspend).toBeChecked();
      expect(screen.getByRole('group', { name: 'When Okta removes someone' })).toBeInTheDocument();
      await expectNoAxeViolations();
      await tabTo(user, 'button', 'Create connection');
      await user.keyboard('{Enter}');

      // credentials
      expect(await screen.findByRole('heading', { name: 'Connect Okta' })).toHaveFocus();
      expect(step(container)).toBe('credentials');
      const created = onConnected.mock.calls[0]?.[0] as ScimConnection;
      expect(created).toMatchObject({ provider: 'okta', name: 'Okta', status: 'pending' });
      expect(screen.getByRole('textbox', { name: 'SCIM base URL' })).toHaveValue(created.baseUrl);
      const tokenField = screen.getByRole('textbox', { name: 'Bearer token' });
      const token = (tokenField as HTMLInputElement).value;
      expect(token).toMatch(/^scim_/);
      expect(tokenField).toHaveAccessibleDescription(/shown only this once/);
      await tabTo(user, 'button', 'Copy Bearer token');
      await user.keyboard('{Enter}');
      expect(await screen.findByText('Copied to the clipboard.')).toHaveAttribute('role', 'status');
      expect(await navigator.clipboard.readText()).toBe(token);

      // the setup guide: which value goes into which of Okta's fields
      const guide = screen.getByRole('region', { name: 'In Okta' });
      expect(within(guide).getByText('SCIM connector base URL').nextElementSibling).toHaveTextContent(
        'SCIM base URL',
      );
      expect(within(guide).getByText('Authorization').nextElementSibling).toHaveTextContent('Bearer token');
      expect(within(guide).getByText('HTTP Header').tagName).toBe('CODE');
      expect(within(guide).getByRole('link', { name: /Okta documentation/ })).toHaveAttribute('href');
      expect(within(guide).getByText(/Okta never deletes users/)).toBeInTheDocument();

      const verification = screen.getByText('Waiting for Okta’s first request…');
      expect(verification).toHaveAttribute('role', 'status');
      await expectNoAxeViolations();

      // The IdP's first request; the list (and the preview) look again every 2 s while the connection waits.
      act(() => void workspace.simulateScimRequest(created.id, { users: 3, groups: 1 }));
      await act(() => vi.advanceTimersByTimeAsync(2000));
      await waitFor(() =>
        expect(verification).toHaveTextContent('Okta connected: 3 users and 1 group provisioned.'),
      );
      const preview = await screen.findByRole('list', { name: 'First users provisioned' });
      await waitFor(() => expect(within(preview).getAllByRole('listitem')).toHaveLength(3));
      await expectNoAxeViolations();

      await tabTo(user, 'button', 'Done');
      await user.keyboard('{Enter}');
      const card = screen.getByRole('article', { name: 'Okta' });
      expect(within(card).getByRole('heading', { name: 'Okta' })).toHaveFocus();
      expect(within(card).getByText('Active')).toBeInTheDocument();
      expect(within(card).getByText('Provisioned').nextElementSibling).toHaveTextContent('3 users, 1 group');
      expect(step(container)).toBeUndefined();
      expect(screen.queryByDisplayValue(token)).not.toBeInTheDocument();
      expect(document.body.innerHTML).not.toContain(token);
      expect(
        JSON.stringify(
          queryClient
            .getQueryCache()
            .getAll()
            .map((q) => q.state.data),
        ),
      ).not.toContain(token);
      expect(screen.getByRole('button', { name: 'Connect another provider' })).toBeInTheDocument();
      await expectNoAxeViolations();
    });

    it('after Done before the provider called, shows the card waiting for the first request', async () => {
      const { user } = renderKit(<ConnectScimProvider />);
      await configure(user, 'Microsoft Entra ID');
      await user.click(screen.getByRole('radio', { name: 'Delete their account' }));
      await user.click(screen.getByRole('button', { name: 'Create connection' }));
      const guide = await screen.findByRole('region', { name: 'In Microsoft Entra ID' });
      expect(within(guide).getByText('Tenant URL')).toBeInTheDocument();
      expect(within(guide).getByText('Secret Token')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Done' }));
      const card = screen.getByRole('article', { name: 'Microsoft Entra ID' });
      expect(within(card).getByText('Waiting')).toBeInTheDocument();
      expect(within(card).getByText('No requests yet')).toBeInTheDocument();
      await expectNoAxeViolations();
    });

    it('keeps the name typed; after picking another provider, starts from its name; after Cancel, returns to the connect button', async () => {
      const { user } = renderKit(<ConnectScimProvider />);
      const name = await configure(user);
      await user.clear(name);
      await user.type(name, 'Okta (staff)');
      await user.click(screen.getByRole('radio', { name: 'Suspend their account' }));
      expect(name).toHaveValue('Okta (staff)');
      await user.click(screen.getByRole('radio', { name: 'OneLogin' }));
      expect(screen.getByRole('textbox', { name: 'Connection name' })).toHaveValue('OneLogin');
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(screen.getByRole('button', { name: 'Connect SCIM provider' })).toHaveFocus();
    });

    it('after Create without a choice, asks for one', async () => {
      const { user, requests } = renderKit(<ConnectScimProvider />);
      await user.click(await screen.findByRole('button', { name: 'Connect SCIM provider' }));
      await user.click(screen.getByRole('button', { name: 'Create connection' }));
      expect(screen.getByRole('group', { name: 'Provider' })).toHaveAccessibleDescription(
        'Choose a provider.',
      );
      expect(requests.filter((r) => r.startsWith('POST'))).toEqual([]);
      await expectNoAxeViolations();
    });

    it('offers only providers that push SCIM, and only those the host allows', async () => {
      const { user } = renderKit(<ConnectScimProvider />);
      await user.click(await screen.findByRole('button', { name: 'Connect SCIM provider' }));
      const names = within(screen.getByRole('group', { name: 'Provider' })).getAllByRole('radio');
      expect(names).toHaveLength(7);
      expect(screen.queryByRole('radio', { name: 'Google Workspace' })).not.toBeInTheDocument();
    });

    it('with providers={["google_workspace", "okta"]}, offers Okta alone, already chosen', async () => {
      const { user } = renderKit(<ConnectScimProvider providers={['google_workspace', 'okta']} />);
      await user.click(await screen.findByRole('button', { name: 'Connect SCIM provider' }));
      expect(within(screen.getByRole('group', { name: 'Provider' })).getAllByRole('radio')).toHaveLength(1);
      expect(screen.getByRole('radio', { name: 'Okta' })).toBeChecked();
      expect(screen.getByRole('textbox', { name: 'Connection name' })).toHaveValue('Okta');
    });
  });

  describe('given a failing create', () => {
    it('keeps the typed name, says why, and creates on retry', async () => {
      const { user, workspace, container } = renderKit(<ConnectScimProvider />);
      workspace.setScenario({ failure: { status: 500, times: 1, operations: ['createScimConnection'] } });
      const name = await configure(user);
      await user.clear(name);
      await user.type(name, 'Okta production');
      await user.click(screen.getByRole('radio', { name: 'Delete their account' }));
      await user.click(screen.getByRole('button', { name: 'Create connection' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Something went wrong on our side. Try again in a moment.');
      expect(name).toHaveValue('Okta production');
      expect(screen.getByRole('radio', { name: 'Delete their account' })).toBeChecked();
      expect(container.querySelector('[data-step="configure"]')).toHaveAttribute('data-status', 'error');
      await expectNoAxeViolations();

      await user.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('heading', { name: 'Connect Okta' })).toBeInTheDocument();
      expect(workspace.state.scimConnections[0]).toMatchObject({
        name: 'Okta production',
        settings: { deprovisionAction: 'delete' },
      });
    });

    it('puts the server’s field errors on their fields', async () => {
      const { user } = renderKit(<ConnectScimProvider />);
      const name = await configure(user);
      server.use(
        http.post('*/scim-connections', () =>
          HttpResponse.json(
            {
              error: {
                status: 422,
                code: 'validation_failed',
                message: '2 fields need attention.',
                requestId: 'req_x',
                fieldErrors: [
                  { path: 'name', code: 'taken', message: 'Another connection has this name.' },
                  {
                    path: 'settings.deprovisionAction',
                    code: 'not_allowed',
                    message: 'Deleting is turned off.',
                  },
                ],
              },
            },
            { status: 422 },
          ),
        ),
      );
      await user.click(screen.getByRole('button', { name: 'Create connection' }));
      await waitFor(() => expect(name).toHaveAccessibleDescription(/Another connection has this name\./));
      expect(name).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByRole('group', { name: 'When Okta removes someone' })).toHaveAccessibleDescription(
        'Deleting is turned off.',
      );
      expect(screen.getByRole('alert')).toHaveTextContent('Check the 2 highlighted fields.');
      expect(name).toHaveValue('Okta');
      await expectNoAxeViolations();
    });

    it('when offline, says what was typed is kept', async () => {
      const { user } = renderKit(<ConnectScimProvider />);
      const name = await configure(user);
      await user.type(name, ' EU');
      server.use(http.post('*/scim-connections', () => HttpResponse.error()));
      await user.click(screen.getByRole('button', { name: 'Create connection' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        /Could not reach the server. What you entered is kept/,
      );
      expect(name).toHaveValue('Okta EU');
    });
  });

  describe('given a member who is not an admin', () => {
    it('says who can manage it, and offers nothing to do', async () => {
      renderKit(<ConnectScimProvider />, { scenario: scenarios.forbidden });
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Only admins and owners of this workspace can manage identity settings.',
      );
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
      await expectNoAxeViolations();
    });
  });

  describe('given no connection to the server', () => {
    it('says so, and loads on retry', async () => {
      const { user } = renderKit(<ConnectScimProvider />);
      server.use(http.get('*/scim-connections', () => HttpResponse.error(), { once: true }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(/Could not reach the server/);
      await expectNoAxeViolations();
      await user.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('button', { name: 'Connect SCIM provider' })).toBeInTheDocument();
    });
  });

  describe('given a browser that is offline', () => {
    it('says so without sending anything', async () => {
      onlineManager.setOnline(false);
      try {
        const { requests } = renderKit(<ConnectScimProvider />);
        expect(await screen.findByText(/You are offline/)).toBeInTheDocument();
        expect(requests).toEqual([]);
        expect(screen.queryByRole('button')).not.toBeInTheDocument();
        await expectNoAxeViolations();
      } finally {
        onlineManager.setOnline(true);
      }
    });
  });

  describe('given an active Okta connection (busy workspace)', () => {
    it('shows its status, base URL, last activity, counts and recent errors', async () => {
      renderKit(<ConnectScimProvider />, { seed: 'busy' });
      const card = await screen.findByRole('article', { name: 'Okta' });
      expect(within(card).getByText('Active')).toBeInTheDocument();
      expect(
        (within(card).getByRole('textbox', { name: 'SCIM base URL' }) as HTMLInputElement).value,
      ).toMatch(/^https:\/\/.+\/scim\//);
      const last = within(card).getByText('4 minutes ago');
      expect(last.tagName).toBe('TIME');
      expect(last).toHaveAttribute('datetime');
      expect(last).toHaveAttribute('title', expect.stringMatching(/\d{4}/));
      expect(within(card).getByText('Provisioned').nextElementSibling).toHaveTextContent(
        '300 users, 18 groups',
      );
      expect(within(card).getByText('ending …7f3a')).toBeInTheDocument();
      const errors = within(card).getByText('Recent errors').nextElementSibling as HTMLElement;
      const first = within(errors).getAllByRole('listitem')[0] as HTMLElement;
      expect(first).toHaveTextContent('2 hours ago');
      expect(first).toHaveTextContent('POST /Users');
      expect(first).toHaveTextContent('409');
      expect(first).toHaveTextContent('A user with the user name grace.hopper@acme.test already exists.');
      expect(screen.getByRole('button', { name: 'Connect another provider' })).toBeInTheDocument();
      await expectNoAxeViolations();
    });

    it('after rotating and retiring before the provider switched, says why and retires anyway on request', async () => {
      const { user, requests } = renderKit(<ConnectScimProvider />, { seed: 'busy' });
      const card = await screen.findByRole('article', { name: 'Okta' });
      await user.click(within(card).getByRole('button', { name: 'Rotate token' }));
      expect(await within(card).findByRole('heading', { name: 'Token rotation' })).toHaveFocus();
      const newToken = within(card).getByRole('textbox', { name: 'New bearer token' });
      const token = (newToken as HTMLInputElement).value;
      expect(token).toMatch(/^scim_/);
      expect(newToken).toHaveAccessibleDescription(/shown only this once/);
      expect(within(card).getByText(/Replace the old token in Okta with this one/)).toBeInTheDocument();
      expect(within(card).getByText('Okta still uses the old token.')).toHaveAttribute('role', 'status');
      await expectNoAxeViolations();

      await user.click(within(card).getByRole('button', { name: 'Retire old token' }));
      const alert = await within(card).findByRole('alert');
      expect(alert).toHaveTextContent('Okta has not used the new token yet');
      const anyway = within(card).getByRole('button', { name: 'Retire anyway' });
      expect(anyway).toHaveFocus();
      await expectNoAxeViolations();
      await user.keyboard('{Enter}');
      expect(await within(card).findByText('Old token retired.')).toBeInTheDocument();
      expect(within(card).getByRole('button', { name: 'Rotate token' })).toHaveFocus();
      expect(screen.queryByDisplayValue(token)).not.toBeInTheDocument();
      expect(requests.filter((r) => r.endsWith('/token-rotation/complete'))).toHaveLength(2);
      await expectNoAxeViolations();
    });

    it('after the provider uses the new token, says so, and retires the old one', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const { user, workspace } = renderKit(<ConnectScimProvider />, { seed: 'busy' });
      const card = await screen.findByRole('article', { name: 'Okta' });
      await user.click(within(card).getByRole('button', { name: 'Rotate token' }));
      const status = await within(card).findByText('Okta still uses the old token.');
      // The list polls every 2 s while a rotation is in progress.
      const id = workspace.state.scimConnections[0]?.id as string;
      act(() => void workspace.simulateScimRequest(id, { token: 'new' }));
      await act(() => vi.advanceTimersByTimeAsync(2000));
      await waitFor(() => expect(status).toHaveTextContent('Okta now uses the new token.'));
      await user.click(within(card).getByRole('button', { name: 'Retire old token' }));
      expect(await within(card).findByText('Old token retired.')).toBeInTheDocument();
      expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
      expect(workspace.state.scimConnections[0]?.rotation).toBeNull();
    });

    it('after cancelling a rotation, keeps the old token', async () => {
      const { user, workspace } = renderKit(<ConnectScimProvider />, { seed: 'busy' });
      const card = await screen.findByRole('article', { name: 'Okta' });
      const tokenBefore = workspace.state.scimConnections[0]?.token.id;
      await user.click(within(card).getByRole('button', { name: 'Rotate token' }));
      await user.click(await within(card).findByRole('button', { name: 'Cancel rotation' }));
      expect(await within(card).findByText(/Rotation cancelled/)).toBeInTheDocument();
      expect(within(card).queryByRole('textbox', { name: 'New bearer token' })).not.toBeInTheDocument();
      expect(workspace.state.scimConnections[0]?.token.id).toBe(tokenBefore);
    });

    it('after Disconnect, asks first; dismissing returns focus, confirming removes the card', async () => {
      const onDisconnected = vi.fn();
      const { user, workspace } = renderKit(<ConnectScimProvider onDisconnected={onDisconnected} />, {
        seed: 'busy',
      });
      const card = await screen.findByRole('article', { name: 'Okta' });
      const id = workspace.state.scimConnections[0]?.id;
      const disconnect = within(card).getByRole('button', { name: 'Disconnect' });
      await user.click(disconnect);
      let dialog = await screen.findByRole('dialog', { name: 'Disconnect Okta?' });
      expect(dialog).toHaveTextContent('Okta’s token stops working at once.');
      expect(dialog).toHaveTextContent('The 300 users it provisioned stay.');
      await expectNoAxeViolations();
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(disconnect).toHaveFocus());

      await user.keyboard('{Enter}');
      dialog = await screen.findByRole('dialog', { name: 'Disconnect Okta?' });
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.queryByRole('article')).not.toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('Okta is disconnected.');
      await waitFor(() =>
        expect(screen.getByRole('button', { name: 'Connect SCIM provider' })).toHaveFocus(),
      );
      expect(onDisconnected).toHaveBeenCalledWith(id);
      expect(workspace.state.scimConnections).toHaveLength(0);
      await expectNoAxeViolations();
    });

    it('when disconnecting fails, keeps the dialog open with the reason', async () => {
      const { user, workspace } = renderKit(<ConnectScimProvider />, { seed: 'busy' });
      const card = await screen.findByRole('article', { name: 'Okta' });
      workspace.setScenario({ failure: { status: 500, times: 1, operations: ['deleteScimConnection'] } });
      await user.click(within(card).getByRole('button', { name: 'Disconnect' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
      expect(dialog).toBeInTheDocument();
      expect(card).toBeInTheDocument();
      await expectNoAxeViolations();
    });
  });

  describe('given two instances on one page', () => {
    it('asks the server once for the connections and once for the providers', async () => {
      const { requests } = renderKit(
        <>
          <ConnectScimProvider />
          <ConnectScimProvider />
        </>,
      );
      await waitFor(() =>
        expect(screen.getAllByRole('button', { name: 'Connect SCIM provider' })).toHaveLength(2),
      );
      expect(requests.filter((r) => r === 'GET /scim-connections')).toHaveLength(1);
      expect(requests.filter((r) => r === 'GET /providers')).toHaveLength(1);
    });
  });

  describe('given German', () => {
    it('speaks German', async () => {
      const { user } = renderKit(<ConnectScimProvider />, { locale: 'de', messages: de, seed: 'busy' });
      const card = await screen.findByRole('article', { name: 'Okta' });
      expect(screen.getByRole('heading', { name: 'SCIM-Bereitstellung' })).toBeInTheDocument();
      expect(within(card).getByText('Aktiv')).toBeInTheDocument();
      expect(within(card).getByText('vor 4 Minuten')).toBeInTheDocument();
      expect(within(card).getByText('Bereitgestellt').nextElementSibling).toHaveTextContent(
        '300 Benutzer, 18 Gruppen',
      );
      await user.click(within(card).getByRole('button', { name: 'Token erneuern' }));
      expect(await within(card).findByText('Okta verwendet noch das alte Token.')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Weiteren Anbieter verbinden' }));
      expect(screen.getByRole('heading', { name: 'SCIM-Anbieter verbinden' })).toHaveFocus();
      await expectNoAxeViolations();
    });
  });
});
