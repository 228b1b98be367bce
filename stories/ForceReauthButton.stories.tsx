import { scenarios } from '@identity-kit/mocks';
import { ForceReauthButton } from '@identity-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type IdentityParameters, storyKit } from './support/mock-api';

/**
 * One button, a confirmation that says how many people will be signed out and whether the admin is one of them,
 * and the result.
 */
const meta = {
  title: 'Components/ForceReauthButton',
  component: ForceReauthButton,
} satisfies Meta<typeof ForceReauthButton>;
export default meta;
type Story = StoryObj<typeof meta>;

const identity = (p: IdentityParameters) => ({ identity: p });
const page = within(document.body); // the dialog renders into a portal on <body>

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Sign everyone out…' })).toBeEnabled();
  },
};

/** Open the dialog: the count, what keeps working, and whether the admin stays signed in. */
export const ConfirmDialog: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Sign everyone out…' }));
    const dialog = within(await page.findByRole('dialog', { name: 'Sign everyone out of this workspace?' }));
    await expect(
      await dialog.findByText('7 people are signed in; they will be signed out and must sign in again.'),
    ).toBeVisible();
    await expect(dialog.getByText('SCIM tokens and directory connections keep working.')).toBeVisible();
    await expect(dialog.getByRole('status')).toHaveTextContent('You stay signed in here.');
    // The page behind stays still, and is inert to the pointer.
    await expect(getComputedStyle(document.documentElement).overflow).toBe('hidden');
    await expect(getComputedStyle(document.body).pointerEvents).toBe('none');
  },
};

/** Confirm with the keyboard alone: everyone else is signed out, the result is said, focus returns. */
export const SignEveryoneOut: Story = {
  play: async ({ canvasElement, id }) => {
    const trigger = within(canvasElement).getByRole('button', { name: 'Sign everyone out…' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = within(await page.findByRole('dialog'));
    await dialog.findByText(/7 people are signed in/);
    dialog.getByRole('button', { name: 'Sign everyone out' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(page.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(within(canvasElement).getByText(/^Done: 7 people were signed out/)).toBeVisible();
    await waitFor(() => expect(trigger).toHaveFocus());
    await expect(storyKit(id).workspace.state.reauthentications).toHaveLength(1);
  },
};

/** The request fails: the dialog stays open with the reason, and confirming again works. */
export const FailureKeepsDialogOpen: Story = {
  play: async ({ canvasElement, id }) => {
    const { workspace } = storyKit(id);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Sign everyone out…' }));
    const dialog = within(await page.findByRole('dialog'));
    await dialog.findByText(/7 people are signed in/);
    workspace.setScenario(scenarios.serverError);
    await userEvent.click(dialog.getByRole('button', { name: 'Sign everyone out' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent(/went wrong on our side/);
    await expect(page.getByRole('dialog')).toBeVisible();
    workspace.resetScenario();
    await userEvent.click(dialog.getByRole('button', { name: 'Sign everyone out' }));
    await waitFor(() => expect(page.queryByRole('dialog')).not.toBeInTheDocument());
  },
};

export const Forbidden: Story = {
  parameters: identity({ scenario: scenarios.forbidden }),
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Sign everyone out…' }));
    await expect(await page.findByText(/admins and owners/)).toBeVisible();
  },
};

export const ConfirmDialogDark: Story = { ...ConfirmDialog, globals: { theme: 'dark' } };
