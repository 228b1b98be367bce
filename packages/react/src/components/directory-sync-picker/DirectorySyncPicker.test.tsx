import { scenarios } from '@identity-kit/mocks';
import { onlineManager, type QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { de } from '../../locales/de';
import { expectNoAxeViolations, renderKit } from '../../testing/render';
import { server } from '../../testing/server';
import { DirectorySyncPicker } from './DirectorySyncPicker';

const ui = <DirectorySyncPicker />;
const ORG_URL = 'https://acme.okta.com';
const TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

/** The mock server's clock, moved by hand: validation takes 0.8 s and a sync 1.5 s of it. */
function clock() {
  let now = Date.now();
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** What the polling would do two seconds later, without waiting for it. */
const refetch = (queryClient: QueryClient) => act(() => queryClient.invalidateQueries());

/** A card's polite live status, which announces its state changes. */
const announced = (text: string) => screen.findByText(text, { selector: '[role=status]' });

const card = (name: string) => screen.findByRole('article', { name });

/** The "Recent syncs" section of a card. */
const runsOf = (scope: HTMLElement) =>
  within(within(scope).getByRole('heading', { name: 'Recent syncs' }).parentElement as HTMLElement);

function meta(scope: HTMLElement, term: string) {
  return within(scope).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
}

/** Bodies of the requests sent with `method`, in order. */
function bodiesOf(method: string) {
  const bodies: unknown[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method === method)
      request
        .clone()
        .json()
        .then((b) => bodies.push(b));
  });
  return bodies;
}

type User = ReturnType<typeof renderKit>['user'];

/** Chooses Okta and fills in the API-token form with the mouse; the keyboard run is its own test. */
async function fillOkta(user: User, token = TOKEN) {
  await user.click(await screen.findByRole('button', { name: 'Connect a directory' }));
  await user.click(screen.getByRole('radio', { name: 'Okta' }));
  await user.type(screen.getByLabelText('Okta org URL'), ORG_URL);
  await user.type(screen.getByLabelText('API token'), token);
}

describe('DirectorySyncPicker', () => {
  describe('given a workspace with no directory', () => {
    it('shows a loading placeholder, then the empty state', async () => {
      renderKit(ui);
      expect(screen.getByText('Loading…').closest('[role=status]')).toHaveAttribute('aria-busy', 'true');
      expect(await screen.findByText('No directory connected yet.')).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 2, name: 'Directory sync' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Connect a directory' })).toBeInTheDocument();
      await expectNoAxeViolations();
    });

    it('after connecting Okta with the keyboard only, announces the check, the sync, then shows it active', async () => {
      const time = clock();
      const onConnected = vi.fn();
      const { user, queryClient, requests } = renderKit(<DirectorySyncPicker onConnected={onConnected} />, {
        now: time.now,
      });
      const connect = await screen.findByRole('button', { name: 'Connect a directory' });
      await user.tab();
      expect(connect).toHaveFocus();
      await user.keyboard('{Enter}');
      expect(screen.getByRole('heading', { name: 'Connect a directory' })).toHaveFocus();
      // Only directories with an API to read from are offered.
      const group = screen.getByRole('group', { name: 'Directory' });
      expect(
        within(group)
          .getAllByRole('radio')
          .map((r) => r.closest('label')?.textContent),
      ).toEqual(['Okta', 'Microsoft Entra ID', 'Google Workspace', 'JumpCloud']);
      await expectNoAxeViolations();

      await user.tab();
      expect(within(group).getByRole('radio', { name: 'Okta' })).toHaveFocus();
      await user.keyboard(' ');
      expect(within(group).getByRole('radio', { name: 'Okta' })).toBeChecked();
      await user.tab();
      const apiToken = screen.getByRole('radio', { name: 'API token (SSWS)' });
      expect(apiToken).toHaveFocus();
      expect(apiToken).toBeChecked();
      // Try the other method, and come back to the API token.
      await user.keyboard('{ArrowDown}');
      expect(screen.getByRole('radio', { name: 'OAuth 2.0 service app' })).toBeChecked();
      expect(screen.getByLabelText('Client ID')).toBeInTheDocument();
      await user.keyboard('{ArrowUp}');
      expect(apiToken).toBeChecked();
      expect(screen.queryByLabelText('Client ID')).not.toBeInTheDocument();
      // The steps and permissions for this method sit beside the form.
      expect(screen.getByText('Create an API token')).toBeInTheDocument();
      expect(screen.getByText('okta.users.read')).toBeInTheDocument();

      await user.tab();
      expect(screen.getByLabelText('Okta org URL')).toHaveFocus();
      await user.keyboard(ORG_URL);
      await user.tab();
      const token = screen.getByLabelText('API token');
      expect(token).toHaveFocus();
      expect(token).toHaveAttribute('type', 'password');
      await user.keyboard(TOKEN);
      await user.tab();
      expect(screen.getByLabelText('Connection name (optional)')).toHaveFocus();
      await user.tab();
      expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
      await user.tab();
      expect(screen.getByRole('button', { name: 'Save and connect' })).toHaveFocus();
      await user.keyboard('{Enter}');

      const okta = await card('Okta');
      expect(within(okta).getByRole('heading', { name: 'Okta' })).toHaveFocus();
      expect(within(okta).getByText('Checking')).toBeInTheDocument();
      expect(within(okta).getByText('Checking with Okta…')).toBeInTheDocument();
      expect(await announced('Checking with Okta…')).toBeInTheDocument();
      expect(onConnected).toHaveBeenCalledWith(
        expect.objectContaining({ provider: 'okta', state: 'validating' }),
      );
      // The token is nowhere in the page any more, only its masked hint in the cache.
      expect(document.body.innerHTML).not.toContain(TOKEN);
      expect(document.body.textContent).not.toContain(TOKEN);
      expect(requests.filter((r) => r === 'POST /directory-connections')).toHaveLength(1);
      await expectNoAxeViolations();

      time.advance(1000);
      await refetch(queryClient);
      expect(await announced('Syncing users and groups…')).toBeInTheDocument();
      expect(within(okta).getByText('Syncing users and groups…')).toBeInTheDocument();
      const syncNow = within(okta).getByRole('button', { name: 'Sync now' });
      expect(syncNow).toHaveAttribute('aria-disabled', 'true');
      expect(syncNow).toHaveAccessibleDescription('A sync is running; start another when it ends.');
      expect(await within(okta).findByText('Running')).toBeInTheDocument();
      await expectNoAxeViolations();

      time.advance(2000);
      await refetch(queryClient);
      expect(await announced('Okta is up to date.')).toBeInTheDocument();
      expect(within(okta).getByText('Active')).toBeInTheDocument();
      expect(meta(okta, 'Users')).toBe('24');
      expect(meta(okta, 'Groups')).toBe('4');
      expect(meta(okta, 'Next sync')).toMatch(/^in /);
      const first = runsOf(okta).getAllByRole('listitem')[0] as HTMLElement;
      expect(first).toHaveTextContent('Succeeded');
      expect(first).toHaveTextContent('First sync');
      expect(first).toHaveTextContent('24 created, 0 updated, 0 deactivated');
      const users = await within(okta).findByRole('list', { name: 'Synced users' });
      expect(within(users).getAllByRole('listitem')).toHaveLength(5);
      expect(within(okta).getByRole('button', { name: 'Sync now' })).not.toHaveAttribute('aria-disabled');
      expect(screen.getByRole('button', { name: 'Connect another directory' })).toBeInTheDocument();
      expect(document.body.innerHTML).not.toContain(TOKEN);
      await expectNoAxeViolations();
    });

    it('after Okta rejects the token, says why, and after only the token is fixed, validates again and turns active', async () => {
      const time = clock();
      const { user, queryClient, workspace } = renderKit(ui, { now: time.now });
      const patches = bodiesOf('PATCH');
      await fillOkta(user, 'invalid-token-000000000000abcd');
      await user.click(screen.getByRole('button', { name: 'Save and connect' }));
      const okta = await card('Okta');
      time.advance(1000);
      await refetch(queryClient);
      expect(await within(okta).findByRole('alert')).toHaveTextContent(
        'Okta rejected the API token (E0000011: Invalid token provided).',
      );
      expect(within(okta).getByText('Invalid credentials')).toBeInTheDocument();
      expect(within(okta).queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
      await expectNoAxeViolations();

      await user.click(within(okta).getByRole('button', { name: 'Update credentials' }));
      expect(screen.getByRole('heading', { name: 'Update credentials for Okta' })).toHaveFocus();
      expect(screen.getByRole('radio', { name: 'API token (SSWS)' })).toBeChecked();
      expect(screen.getByLabelText('Okta org URL')).toHaveValue(ORG_URL);
      const token = screen.getByLabelText('API token');
      expect(token).toHaveValue('');
      expect(token).not.toBeRequired();
      expect(token).toHaveAccessibleDescription(expect.stringMatching(/^Leave empty to keep ••••abcd\./));
      await expectNoAxeViolations();

      // Saving nothing new is pointless: say so rather than validate the same token again.
      await user.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getByText('Nothing has changed.')).toBeInTheDocument();
      expect(patches).toEqual([]);

      await user.type(token, TOKEN);
      await user.click(screen.getByRole('button', { name: 'Save' }));
      expect(await screen.findByRole('heading', { name: 'Okta' })).toHaveFocus();
      expect(await announced('Checking with Okta…')).toBeInTheDocument();
      await waitFor(() => expect(patches).toEqual([{ credentials: { apiToken: TOKEN } }]));
      expect(document.body.innerHTML).not.toContain(TOKEN);

      time.advance(4000);
      await refetch(queryClient);
      expect(await within(await card('Okta')).findByText('Active')).toBeInTheDocument();
      expect(workspace.state.directoryConnections[0]?.credentials).toEqual({
        authMethod: 'api_token',
        orgUrl: ORG_URL,
        apiToken: TOKEN,
      });
    });

    it('after leaving a changed field, or saving with mistakes, marks the fields, focuses the first and sends nothing', async () => {
      const { user, requests } = renderKit(ui);
      await user.click(await screen.findByRole('button', { name: 'Connect a directory' }));
      await user.click(screen.getByRole('radio', { name: 'Okta' }));
      const orgUrl = screen.getByLabelText('Okta org URL');
      const token = screen.getByLabelText('API token');
      // Tabbing through an empty field says nothing yet.
      await user.click(orgUrl);
      await user.tab();
      expect(orgUrl).not.toHaveAttribute('aria-invalid');

      await user.type(orgUrl, 'https://acme-admin.okta.com');
      await user.tab();
      expect(orgUrl).toHaveAttribute('aria-invalid', 'true');
      expect(orgUrl).toHaveAccessibleDescription(expect.stringContaining('Not in the expected format.'));

      await user.click(screen.getByRole('button', { name: 'Save and connect' }));
      expect(screen.getByRole('alert')).toHaveTextContent('Check the 2 highlighted fields.');
      await waitFor(() => expect(orgUrl).toHaveFocus());
      expect(token).toHaveAttribute('aria-invalid', 'true');
      expect(token).toHaveAccessibleDescription(expect.stringContaining('Required.'));
      await expectNoAxeViolations();

      await user.clear(orgUrl);
      await user.type(orgUrl, 'acme.okta.com');
      expect(orgUrl).toHaveAccessibleDescription(
        expect.stringContaining('Enter an address starting with https://'),
      );
      await user.clear(orgUrl);
      await user.type(orgUrl, ORG_URL);
      expect(orgUrl).not.toHaveAttribute('aria-invalid');
      expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted field.');
      expect(requests).not.toContain('POST /directory-connections');
    });

    it('after switching Okta to OAuth, shows the OAuth fields and steps, and sends only the shown fields', async () => {
      const { user } = renderKit(ui);
      const posts = bodiesOf('POST');
      await fillOkta(user);
      expect(screen.queryByLabelText('Client ID')).not.toBeInTheDocument();
      await user.click(screen.getByRole('radio', { name: 'OAuth 2.0 service app' }));
      expect(screen.queryByLabelText('API token')).not.toBeInTheDocument();
      expect(screen.queryByText('Create an API token')).not.toBeInTheDocument();
      expect(screen.getByText('Create a service app')).toBeInTheDocument();
      const key = screen.getByLabelText('Private key');
      expect(key.tagName).toBe('TEXTAREA');
      expect(key).toHaveAttribute('autocomplete', 'off');
      expect(key).toHaveAttribute('spellcheck', 'false');
      expect(screen.getByLabelText('Key ID (kid) (optional)')).not.toBeRequired();
      await expectNoAxeViolations();

      await user.type(screen.getByLabelText('Client ID'), '0oa1b2c3d4e5f6g7h8i9');
      await user.click(key);
      await user.paste('{"kty":"RSA","d":"secret-part","n":"abc"}');
      await user.click(screen.getByRole('button', { name: 'Save and connect' }));
      expect(await card('Okta')).toBeInTheDocument();
      expect(posts).toEqual([
        {
          provider: 'okta',
          credentials: {
            authMethod: 'oauth',
            orgUrl: ORG_URL,
            clientId: '0oa1b2c3d4e5f6g7h8i9',
            privateKey: '{"kty":"RSA","d":"secret-part","n":"abc"}',
          },
        },
      ]);
      expect(document.body.innerHTML).not.toContain('secret-part');
    });

    it('after the server rejects fields, puts each error on its field and keeps everything typed', async () => {
      const { user } = renderKit(ui);
      await user.click(await screen.findByRole('button', { name: 'Connect a directory' }));
      server.use(
        http.post('*/directory-connections', () =>
          HttpResponse.json(
            {
              error: {
                status: 422,
                code: 'validation_failed',
                message: 'Check the highlighted fields.',
                requestId: 'req_1',
                fieldErrors: [
                  {
                    path: 'credentials.clientId',
                    code: 'unknown_application',
                    message: 'No application with this client ID exists in the tenant.',
                  },
                  { path: 'name', code: 'too_long', message: 'At most 100 characters.' },
                  {
                    path: 'provider',
                    code: 'not_allowed',
                    message: 'Directory sync is turned off for Entra ID.',
                  },
                ],
              },
            },
            { status: 422 },
          ),
        ),
      );
      await user.click(screen.getByRole('radio', { name: 'Microsoft Entra ID' }));
      expect(screen.getByRole('radio', { name: 'Azure public cloud' })).toBeChecked();
      const values = {
        'Directory (tenant) ID': '72f988bf-86f1-41af-91ab-2d7cd011db47',
        'Application (client) ID': '4a1aa1d5-c567-49d0-ad0b-cd957a47f842',
        'Client secret': 'Qx8Q~a.client.secret.value.of.40.chars~k2Vb',
        'Connection name (optional)': 'Staff directory',
      };
      for (const [label, value] of Object.entries(values))
        await user.type(screen.getByLabelText(label), value);
      await user.click(screen.getByRole('button', { name: 'Save and connect' }));

      expect(await screen.findByRole('alert')).toHaveTextContent('Check the 3 highlighted fields.');
      const clientId = screen.getByLabelText('Application (client) ID');
      await waitFor(() => expect(clientId).toHaveFocus());
      expect(clientId).toHaveAccessibleDescription(
        expect.stringContaining('No application with this client ID exists in the tenant.'),
      );
      expect(screen.getByLabelText('Connection name (optional)')).toHaveAccessibleDescription(
        expect.stringContaining('Too long.'),
      );
      expect(screen.getByRole('group', { name: 'Directory' })).toHaveAccessibleDescription(
        'Directory sync is turned off for Entra ID.',
      );
      for (const [label, value] of Object.entries(values))
        expect(screen.getByLabelText(label)).toHaveValue(value);
      await expectNoAxeViolations();

      // Editing a field clears its server error; the others stand.
      await user.type(clientId, '0');
      expect(clientId).not.toHaveAccessibleDescription(expect.stringContaining('No application'));
      expect(screen.getByLabelText('Connection name (optional)')).toHaveAttribute('aria-invalid', 'true');
    });

    it('after a server failure, keeps every value, secrets included, and saves on retry', async () => {
      const { user } = renderKit(ui, {
        scenario: { failure: { status: 500, times: 1, operations: ['createDirectoryConnection'] } },
      });
      await fillOkta(user);
      await user.type(screen.getByLabelText('Connection name (optional)'), 'Okta EU');
      await user.click(screen.getByRole('button', { name: 'Save and connect' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Something went wrong on our side. Try again in a moment.');
      expect(alert).toHaveTextContent(/Reference: req_/);
      expect(screen.getByLabelText('Okta org URL')).toHaveValue(ORG_URL);
      expect(screen.getByLabelText('API token')).toHaveValue(TOKEN);
      expect(screen.getByLabelText('Connection name (optional)')).toHaveValue('Okta EU');
      await expectNoAxeViolations();

      await user.click(within(alert).getByRole('button', { name: 'Try again' }));
      const okta = await card('Okta EU');
      expect(within(okta).getByText('Okta')).toBeInTheDocument();
      expect(document.body.innerHTML).not.toContain(TOKEN);
    });

    it('when the save cannot reach the server, says the entry is kept', async () => {
      const { user } = renderKit(ui);
      await fillOkta(user);
      server.use(http.post('*/directory-connections', () => HttpResponse.error()));
      await user.click(screen.getByRole('button', { name: 'Save and connect' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        /Could not reach the server. What you entered is kept/,
      );
      expect(screen.getByLabelText('API token')).toHaveValue(TOKEN);
    });

    it('after cancelling, returns focus to the connect button', async () => {
      const { user } = renderKit(ui);
      await user.click(await screen.findByRole('button', { name: 'Connect a directory' }));
      await user.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(screen.getByRole('button', { name: 'Connect a directory' })).toHaveFocus();
    });

    it('offers only the providers the host allows', async () => {
      const { user } = renderKit(<DirectorySyncPicker providers={['google_workspace', 'onelogin']} />);
      await user.click(await screen.findByRole('button', { name: 'Connect a directory' }));
      // One choice left: it is chosen already.
      expect(screen.getByRole('radio', { name: 'Google Workspace' })).toBeChecked();
      expect(screen.getAllByRole('radio', { name: /./ })).toHaveLength(1);
      expect(screen.getByLabelText('Service account key (JSON)')).toHaveAttribute('autocomplete', 'off');
    });
  });

  describe('given an active Entra ID directory (busy workspace)', () => {
    it('shows its state, counts, last and next sync, the last runs with their errors, and synced users', async () => {
      renderKit(ui, { seed: 'busy' });
      const entra = await card('Microsoft Entra ID');
      expect(within(entra).getByText('Active')).toBeInTheDocument();
      expect(meta(entra, 'Last sync')).toMatch(/ago$/);
      expect(meta(entra, 'Next sync')).toMatch(/^in /);
      const runs = runsOf(entra);
      expect(await runs.findAllByText(/Manual sync/)).not.toHaveLength(0);
      expect(runs.getAllByText(/Scheduled sync/)).not.toHaveLength(0);
      expect(runs.getAllByText(/The user has no email address; skipped./)).not.toHaveLength(0);
      const users = await within(entra).findByRole('list', { name: 'Synced users' });
      expect(within(users).getAllByRole('listitem')).toHaveLength(5);
      await expectNoAxeViolations();
    });

    it('after Sync now, shows the run going and then its counts', async () => {
      const time = clock();
      const { user, queryClient } = renderKit(ui, { seed: 'busy', now: time.now });
      const entra = await card('Microsoft Entra ID');
      await user.click(within(entra).getByRole('button', { name: 'Sync now' }));
      expect(await announced('Syncing users and groups…')).toBeInTheDocument();
      expect(within(entra).getByRole('button', { name: 'Sync now' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      time.advance(2000);
      await refetch(queryClient);
      expect(await announced('Microsoft Entra ID is up to date.')).toBeInTheDocument();
      const first = runsOf(entra).getAllByRole('listitem')[0] as HTMLElement;
      expect(first).toHaveTextContent(/Succeeded Manual sync · (now|\d+ seconds? ago)/);
      expect(first).toHaveTextContent(/\d+ created, \d+ updated, \d+ deactivated/);
    });

    it('after Sync now while a sync already runs, says so plainly', async () => {
      const { user, client } = renderKit(ui, { seed: 'busy' });
      const entra = await card('Microsoft Entra ID');
      const [connection] = await client.directoryConnections.list();
      await client.directoryConnections.syncs.start(connection?.id ?? '');
      await user.click(within(entra).getByRole('button', { name: 'Sync now' }));
      expect(
        await within(entra).findByText('A sync is running; start another when it ends.'),
      ).toBeInTheDocument();
      expect(within(entra).getByRole('button', { name: 'Sync now' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await expectNoAxeViolations();
    });

    it('after a sync fails, shows why, and Sync now tries again', async () => {
      const time = clock();
      const { user, queryClient, workspace } = renderKit(ui, {
        seed: 'busy',
        now: time.now,
        scenario: scenarios.syncError,
      });
      const entra = await card('Microsoft Entra ID');
      await user.click(within(entra).getByRole('button', { name: 'Sync now' }));
      await announced('Syncing users and groups…');
      time.advance(2000);
      await refetch(queryClient);
      expect(await within(entra).findByRole('alert')).toHaveTextContent(
        /The directory stopped answering while its users were being read/,
      );
      expect(within(entra).getByText('Sync failed')).toBeInTheDocument();
      await expectNoAxeViolations();
      workspace.resetScenario();
      await user.click(within(entra).getByRole('button', { name: 'Sync now' }));
      expect(await announced('Syncing users and groups…')).toBeInTheDocument();
    });

    it('after Disconnect is confirmed, removes it, keeps its users, and focuses Connect a directory', async () => {
      const onDisconnected = vi.fn();
      const { user, workspace } = renderKit(<DirectorySyncPicker onDisconnected={onDisconnected} />, {
        seed: 'busy',
      });
      const entra = await card('Microsoft Entra ID');
      const id = workspace.state.directoryConnections[0]?.id;
      const synced = workspace.state.users.filter((u) => u.source.connectionId === id).length;
      await user.click(within(entra).getByRole('button', { name: 'Disconnect' }));
      const dialog = screen.getByRole('dialog', { name: 'Disconnect Microsoft Entra ID?' });
      expect(dialog).toHaveTextContent(
        'Its credentials are deleted and syncing stops. Users and groups from Microsoft Entra ID stay.',
      );
      await expectNoAxeViolations();
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
      const connect = await screen.findByRole('button', { name: 'Connect a directory' });
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      await waitFor(() => expect(connect).toHaveFocus());
      expect(onDisconnected).toHaveBeenCalledWith(id);
      expect(workspace.state.users.filter((u) => u.source.connectionId === id)).toHaveLength(synced);
    });

    it('after a failed disconnect, keeps the dialog open with the reason', async () => {
      const { user } = renderKit(ui, {
        seed: 'busy',
        scenario: { failure: { status: 500, times: 1, operations: ['deleteDirectoryConnection'] } },
      });
      await user.click(within(await card('Microsoft Entra ID')).getByRole('button', { name: 'Disconnect' }));
      const dialog = screen.getByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
      // The page behind the modal is hidden from assistive technology, but still there.
      expect(screen.getByRole('article', { name: 'Microsoft Entra ID', hidden: true })).toBeInTheDocument();
    });

    it('mounted twice, asks for each resource once', async () => {
      const { requests } = renderKit(
        <>
          <DirectorySyncPicker />
          <DirectorySyncPicker />
        </>,
        { seed: 'busy' },
      );
      await waitFor(() => expect(screen.getAllByRole('list', { name: 'Synced users' })).toHaveLength(2));
      const gets = requests.filter((r) => r.startsWith('GET'));
      expect(gets.filter((r) => r === 'GET /directory-connections')).toHaveLength(1);
      expect(gets.filter((r) => r === 'GET /providers')).toHaveLength(1);
      expect(gets.filter((r) => r.endsWith('/syncs'))).toHaveLength(1);
      expect(gets.filter((r) => r === 'GET /users')).toHaveLength(1);
    });
  });

  describe('given a member who is not an admin', () => {
    it('says who can manage it, and offers nothing to change', async () => {
      renderKit(ui, { scenario: scenarios.forbidden });
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Only admins and owners of this workspace can manage identity settings.',
      );
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
      await expectNoAxeViolations();
    });
  });

  describe('given no connection to the server', () => {
    it('while the browser is offline, says so, and loads once it is back', async () => {
      onlineManager.setOnline(false);
      try {
        const { queryClient } = renderKit(ui);
        // What a host's QueryClientProvider does; IdentityKitProvider does not (yet) mount its own client.
        queryClient.mount();
        expect(await screen.findByText(/You are offline/)).toBeInTheDocument();
        expect(screen.queryByRole('button')).not.toBeInTheDocument();
        await expectNoAxeViolations();
      } finally {
        act(() => onlineManager.setOnline(true));
      }
      expect(await screen.findByRole('button', { name: 'Connect a directory' })).toBeInTheDocument();
    });

    it('when the server cannot be reached, offers to try again', async () => {
      const { user } = renderKit(ui);
      // The list's first request fails as if the network were down; the retry reaches the server.
      server.use(http.get('*/directory-connections', () => HttpResponse.error(), { once: true }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(/Could not reach the server/);
      await expectNoAxeViolations();
      await user.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('button', { name: 'Connect a directory' })).toBeInTheDocument();
    });
  });

  describe('given German', () => {
    it('speaks German, with German dates and counts', async () => {
      renderKit(ui, { locale: 'de', messages: de, seed: 'busy' });
      const entra = await card('Microsoft Entra ID');
      expect(
        screen.getByRole('heading', { level: 2, name: 'Verzeichnissynchronisierung' }),
      ).toBeInTheDocument();
      expect(within(entra).getByText('Aktiv')).toBeInTheDocument();
      expect(meta(entra, 'Letzte Synchronisierung')).toMatch(/^vor /);
      expect(within(entra).getByRole('button', { name: 'Jetzt synchronisieren' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Weiteres Verzeichnis verbinden' })).toBeInTheDocument();
      expect(
        await within(entra).findByRole('list', { name: 'Synchronisierte Benutzer' }),
      ).toBeInTheDocument();
    });
  });
});
