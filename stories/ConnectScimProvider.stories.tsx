import { scenarios } from '@identity-kit/mocks';
import { ConnectScimProvider } from '@identity-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type IdentityParameters, storyKit } from './support/mock-api';
import { activeScim, pendingScim, slow } from './support/states';

/**
 * The whole SCIM flow on the host page: pick the identity provider, copy the base URL and the token (shown once),
 * follow the provider's own steps, and watch its first request bring users in. Then rotate the token or disconnect.
 */
const meta = {
  title: 'Components/ConnectScimProvider',
  component: ConnectScimProvider,
} satisfies Meta<typeof ConnectScimProvider>;
export default meta;
type Story = StoryObj<typeof meta>;

const identity = (p: IdentityParameters) => ({ identity: p });
const typedIn = (field: HTMLElement) => (field as HTMLInputElement).value;

/** Before the first answer: a placeholder of the content's height, announced as busy. */
export const Loading: Story = {
  parameters: identity({ scenario: { latencyMs: 3_600_000 } }),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveAttribute('aria-busy', 'true');
  },
};

/** No provider connected yet. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('No provider connected yet.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Connect SCIM provider' })).toBeEnabled();
  },
};

/**
 * The flow, with the keyboard alone: choose Okta, create the connection, see the base URL, the token and Okta's
 * steps; Okta's first request arrives (3 s later here) and the users it provisioned show; Done lands on its card.
 */
export const ConnectOkta: Story = {
  parameters: identity({ scenario: { autoVerify: { afterMs: 3000, users: 12, groups: 3 } } }),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step('choose Okta and create the connection', async () => {
      (await canvas.findByRole('button', { name: 'Connect SCIM provider' })).focus();
      await userEvent.keyboard('{Enter}');
      await expect(canvas.getByRole('heading', { name: 'Connect SCIM provider' })).toHaveFocus();
      await userEvent.click(canvas.getByRole('radio', { name: 'Okta' }));
      await expect(canvas.getByRole('textbox', { name: 'Connection name' })).toHaveValue('Okta');
      canvas.getByRole('button', { name: 'Create connection' }).focus();
      await userEvent.keyboard('{Enter}');
    });
    await step('see the base URL, the token once, and Okta’s own steps', async () => {
      await expect(await canvas.findByRole('heading', { name: 'Connect Okta' })).toHaveFocus();
      await expect(typedIn(canvas.getByRole('textbox', { name: 'SCIM base URL' }))).toMatch(
        /^https:\/\/.+\/scim\/v2\//,
      );
      await expect(typedIn(canvas.getByRole('textbox', { name: 'Bearer token' }))).toMatch(/.{20,}/);
      await expect(canvas.getByText('Copy it now: it is shown only this once.')).toBeVisible();
      await expect(canvas.getByRole('region', { name: 'In Okta' })).toBeVisible();
      await expect(canvas.getByText('Waiting for Okta’s first request…')).toHaveAttribute('role', 'status');
    });
    await step('watch Okta’s first request provision users', async () => {
      await expect(
        await canvas.findByText('Okta connected: 12 users and 3 groups provisioned.', {}, slow),
      ).toBeVisible();
      const preview = await canvas.findByRole('list', { name: 'First users provisioned' }, slow);
      await waitFor(() => expect(within(preview).getAllByRole('listitem').length).toBeGreaterThan(0), slow);
    });
    await step('Done: the new connection’s card, active', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Done' }));
      const card = canvas.getByRole('article', { name: 'Okta' });
      await expect(within(card).getByRole('heading', { name: 'Okta' })).toHaveFocus();
      await expect(within(card).getByText('Active')).toBeVisible();
      await expect(canvas.queryByRole('textbox', { name: 'Bearer token' })).not.toBeInTheDocument();
    });
  },
};

/** Created, but the identity provider has not called yet. */
export const PendingVerification: Story = {
  parameters: identity({ prepare: pendingScim }),
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: 'Okta' });
    await expect(within(card).getByText('Waiting')).toBeVisible();
    await expect(within(card).getByText('No requests yet')).toBeVisible();
  },
};

/** Verified: Okta provisioned 8 users and 2 groups. */
export const Connected: Story = {
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: 'Okta' });
    await expect(within(card).getByText('Active')).toBeVisible();
    await expect(within(card).getByText('8 users, 2 groups')).toBeVisible();
    await expect(
      within(canvasElement).getByRole('button', { name: 'Connect another provider' }),
    ).toBeVisible();
  },
};

/** Okta's last requests failed: the card lists them, newest first. */
export const RecentErrors: Story = {
  parameters: identity({
    prepare: async (kit) => {
      const { id } = await activeScim(kit);
      kit.workspace.simulateScimRequest(id, {
        error: { status: 409, message: 'A user with userName "grace@acme.test" already exists.' },
      });
    },
  }),
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: 'Okta' });
    await expect(within(card).getByText('Recent errors')).toBeVisible();
    await expect(within(card).getByText(/already exists/)).toBeVisible();
  },
};

/**
 * Rotate the token: the new one shows once; the card says when Okta starts using it (simulated here); then the
 * old one is retired.
 */
export const TokenRotation: Story = {
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement, id, step }) => {
    const canvas = within(canvasElement);
    const { workspace } = storyKit(id);
    const card = await canvas.findByRole('article', { name: 'Okta' });
    await step('start the rotation: a new token, shown once', async () => {
      await userEvent.click(within(card).getByRole('button', { name: 'Rotate token' }));
      await expect(await within(card).findByRole('heading', { name: 'Token rotation' })).toHaveFocus();
      await expect(typedIn(within(card).getByRole('textbox', { name: 'New bearer token' }))).toMatch(
        /.{20,}/,
      );
      await expect(within(card).getByText('Okta still uses the old token.')).toBeVisible();
    });
    await step('Okta switches to the new token', async () => {
      const connection = workspace.state.scimConnections[0];
      workspace.simulateScimRequest(connection?.id ?? '', { token: 'new' });
      await expect(await within(card).findByText('Okta now uses the new token.', {}, slow)).toBeVisible();
    });
    await step('retire the old token', async () => {
      await userEvent.click(within(card).getByRole('button', { name: 'Retire old token' }));
      await expect(await within(card).findByText('Old token retired.')).toBeVisible();
      await expect(within(card).getByRole('button', { name: 'Rotate token' })).toHaveFocus();
    });
  },
};

/** A rotation started earlier (elsewhere, or before a reload): the new token is not shown again. */
export const RotationInProgress: Story = {
  parameters: identity({
    prepare: async (kit) => {
      const { id } = await activeScim(kit);
      await kit.client.scimConnections.startTokenRotation(id);
    },
  }),
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: 'Okta' });
    await expect(within(card).getByText(/^New token ending .+\. Lost it\?/)).toBeVisible();
    await expect(within(card).queryByRole('textbox', { name: 'New bearer token' })).not.toBeInTheDocument();
    await expect(within(card).getByRole('button', { name: 'Cancel rotation' })).toBeVisible();
  },
};

/** Disconnect, behind a confirmation that says what stops and what stays. */
export const Disconnect: Story = {
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const card = await canvas.findByRole('article', { name: 'Okta' });
    await userEvent.click(within(card).getByRole('button', { name: 'Disconnect' }));
    const dialog = within(document.body).getByRole('dialog', { name: 'Disconnect Okta?' });
    await expect(dialog).toHaveTextContent(
      'Okta’s token stops working at once. The 8 users it provisioned stay.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    await expect(await canvas.findByText('Okta is disconnected.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Connect SCIM provider' })).toHaveFocus();
  },
};

/** A workspace with 400 users from Okta and a directory. */
export const BusyWorkspace: Story = {
  parameters: identity({ seed: 'busy' }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('article', { name: /Okta/ })).toBeVisible();
  },
};

/** The server failed: what happened, and a way to try again. */
export const ServerError: Story = {
  parameters: identity({ scenario: scenarios.serverError }),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(/went wrong on our side/);
    await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** Signed in as a member: only admins and owners manage identity settings. */
export const Forbidden: Story = {
  parameters: identity({ scenario: scenarios.forbidden }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/admins and owners/)).toBeVisible();
    await expect(within(canvasElement).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  },
};

/** No network: said plainly, with a way to try again. */
export const Offline: Story = {
  parameters: identity({ scenario: scenarios.offline }),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveTextContent(/offline|Could not reach the server/);
    await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** Dark theme, with the states that carry colour: badges, the error list. */
export const RecentErrorsDark: Story = { ...RecentErrors, globals: { theme: 'dark' } };

/** In German: statuses, counts and dates in German. */
export const PendingVerificationGerman: Story = {
  globals: { locale: 'de' },
  parameters: identity({ prepare: pendingScim }),
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: 'Okta' });
    await expect(within(card).getByText('Wartet')).toBeVisible();
    await expect(within(card).getByText('Noch keine Anfragen')).toBeVisible();
  },
};
