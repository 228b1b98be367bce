import { scenarios } from '@identity-kit/mocks';
import { DirectorySyncPicker } from '@identity-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import type { IdentityParameters } from './support/mock-api';
import { oktaCredentials, oktaDirectory, slow } from './support/states';

/**
 * Connect a directory with its API credentials: a form generated from the provider's fields, secrets write-only.
 * Then watch it validate and sync, sync on demand, fix rejected credentials, disconnect.
 */
const meta = {
  title: 'Components/DirectorySyncPicker',
  component: DirectorySyncPicker,
} satisfies Meta<typeof DirectorySyncPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

const identity = (p: IdentityParameters) => ({ identity: p });
const card = async (canvasElement: HTMLElement) =>
  within(await within(canvasElement).findByRole('article', { name: 'Okta' }, slow));

export const Loading: Story = {
  parameters: identity({ scenario: { latencyMs: 3_600_000 } }),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveAttribute('aria-busy', 'true');
  },
};

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('No directory connected yet.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Connect a directory' })).toBeEnabled();
  },
};

/** Okta's form: the fields its API needs, and the steps to create them beside it. */
export const CredentialForm: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Connect a directory' }));
    await userEvent.click(canvas.getByRole('radio', { name: 'Okta' }));
    await expect(canvas.getByLabelText('Okta org URL')).toBeVisible();
    await expect(canvas.getByLabelText('API token')).toHaveAttribute('type', 'password');
    await expect(canvas.getByRole('heading', { name: 'Setup steps' })).toBeVisible();
  },
};

/**
 * Bad credentials, then fixed: Okta rejects the token and says why; the admin updates only the token, and the
 * directory validates, syncs and turns active.
 */
export const FixInvalidCredentials: Story = {
  parameters: identity({ scenario: { validationMs: 300, syncMs: 500 } }),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const good = oktaCredentials().apiToken;
    await step('enter a token Okta rejects', async () => {
      await userEvent.click(await canvas.findByRole('button', { name: 'Connect a directory' }));
      await userEvent.click(canvas.getByRole('radio', { name: 'Okta' }));
      await userEvent.type(canvas.getByLabelText('Okta org URL'), 'https://acme.okta.com');
      await userEvent.type(canvas.getByLabelText('API token'), 'invalid-token-000000000000abcd');
      await userEvent.click(canvas.getByRole('button', { name: 'Save and connect' }));
    });
    await step('see why it was rejected', async () => {
      const okta = await card(canvasElement);
      await expect(await okta.findByText('Invalid credentials', {}, slow)).toBeVisible();
      await expect(okta.getByText(/Okta rejected the API token/)).toBeVisible();
      await expect(okta.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    });
    await step('replace only the token', async () => {
      await userEvent.click((await card(canvasElement)).getByRole('button', { name: 'Update credentials' }));
      await expect(canvas.getByRole('heading', { name: 'Update credentials for Okta' })).toHaveFocus();
      await expect(canvas.getByLabelText('Okta org URL')).toHaveValue('https://acme.okta.com');
      const token = canvas.getByLabelText('API token');
      await expect(token).toHaveValue('');
      await userEvent.type(token, good);
      await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    });
    await step('it validates, syncs and turns active', async () => {
      const okta = await card(canvasElement);
      await expect(await okta.findByText('Active', {}, slow)).toBeVisible();
      await expect(await okta.findByRole('list', { name: 'Synced users' }, slow)).toBeVisible();
      await expect(canvasElement.innerHTML).not.toContain(good);
    });
  },
};

/** Checking the credentials with the directory. */
export const Validating: Story = {
  parameters: identity({
    prepare: async ({ client }) =>
      client.directoryConnections.create({ provider: 'okta', credentials: oktaCredentials() }),
    scenario: { validationMs: 3_600_000 },
  }),
  play: async ({ canvasElement }) => {
    const okta = await card(canvasElement);
    await expect(okta.getByText('Checking')).toBeVisible();
    await expect(okta.getByRole('status')).toHaveTextContent('Checking with Okta…');
  },
};

/** Active: counts, last and next sync, recent runs, synced users, Sync now. */
export const Active: Story = {
  parameters: identity({ prepare: (kit) => oktaDirectory(kit) }),
  play: async ({ canvasElement }) => {
    const okta = await card(canvasElement);
    await expect(await okta.findByText('Active', {}, slow)).toBeVisible();
    await expect(okta.getByRole('heading', { name: 'Recent syncs' })).toBeVisible();
    await expect(await okta.findByRole('list', { name: 'Synced users' }, slow)).toBeVisible();
  },
};

/** Sync now: the run shows while it lasts, and another cannot start meanwhile. */
export const Syncing: Story = {
  parameters: identity({ prepare: (kit) => oktaDirectory(kit), scenario: { syncMs: 3_600_000 } }),
  play: async ({ canvasElement }) => {
    const okta = await card(canvasElement);
    await userEvent.click(await okta.findByRole('button', { name: 'Sync now' }, slow));
    await expect(
      await okta.findByText('A sync is running; start another when it ends.', {}, slow),
    ).toBeVisible();
    await expect(okta.getByRole('button', { name: 'Sync now' })).toHaveAttribute('aria-disabled', 'true');
  },
};

/** Rejected credentials, straight from the directory's answer. */
export const InvalidCredentials: Story = {
  parameters: identity({ prepare: (kit) => oktaDirectory(kit, 'invalid-token-000000000000abcd') }),
  play: async ({ canvasElement }) => {
    const okta = await card(canvasElement);
    await expect(await okta.findByText('Invalid credentials', {}, slow)).toBeVisible();
    await expect(okta.getByRole('button', { name: 'Update credentials' })).toBeVisible();
  },
};

/** The directory stopped answering mid-sync: said in its words, and Sync now tries again. */
export const SyncFailed: Story = {
  parameters: identity({
    prepare: async (kit) => {
      kit.workspace.setScenario(scenarios.syncError);
      return oktaDirectory(kit);
    },
  }),
  play: async ({ canvasElement }) => {
    const okta = await card(canvasElement);
    await expect(await okta.findByText('Sync failed', {}, slow)).toBeVisible();
    await expect(okta.getAllByText(/stopped answering/)[0]).toBeVisible();
  },
};

export const BusyWorkspace: Story = {
  parameters: identity({ seed: 'busy' }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('article', { name: /Entra/ })).toBeVisible();
  },
};

export const ServerError: Story = {
  parameters: identity({ scenario: scenarios.serverError }),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

export const Forbidden: Story = {
  parameters: identity({ scenario: scenarios.forbidden }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/admins and owners/)).toBeVisible();
  },
};

export const Offline: Story = {
  parameters: identity({ scenario: scenarios.offline }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      /offline|Could not reach the server/,
    );
  },
};

export const InvalidCredentialsDark: Story = { ...InvalidCredentials, globals: { theme: 'dark' } };

export const SyncFailedDark: Story = { ...SyncFailed, globals: { theme: 'dark' } };

export const InvalidCredentialsGerman: Story = {
  globals: { locale: 'de' },
  parameters: InvalidCredentials.parameters,
  play: async ({ canvasElement }) => {
    const okta = await card(canvasElement);
    await expect(await okta.findByText('Ungültige Zugangsdaten', {}, slow)).toBeVisible();
  },
};
