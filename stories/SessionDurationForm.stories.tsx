import { scenarios } from '@identity-kit/mocks';
import { SessionDurationForm } from '@identity-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import type { IdentityParameters } from './support/mock-api';
import { storyKit } from './support/mock-api';

const meta = {
  title: 'Components/SessionDurationForm',
  component: SessionDurationForm,
} satisfies Meta<typeof SessionDurationForm>;
export default meta;
type Story = StoryObj<typeof meta>;

const identity = (p: IdentityParameters) => ({ identity: p });

/** The workspace's policy, 24 hours: presets, what a change applies to, and Save waiting for a change. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('People stay signed in for 24 hours.')).toBeVisible();
    await expect(canvas.getByRole('radio', { name: '24 hours' })).toBeChecked();
    await expect(canvas.getByRole('button', { name: 'Save session length' })).toBeDisabled();
  },
};

/** Choose 8 hours with the keyboard alone and save. */
export const ChangeToEightHours: Story = {
  play: async ({ canvasElement, id }) => {
    const canvas = within(canvasElement);
    (await canvas.findByRole('radio', { name: '24 hours' })).focus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    await expect(canvas.getByRole('radio', { name: '8 hours' })).toBeChecked();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Save session length' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('Saved. People now stay signed in for 8 hours.')).toBeVisible();
    await expect(storyKit(id).workspace.state.sessionPolicy.sessionDurationSeconds).toBe(28800);
  },
};

/** Members can see nothing here: the component says who can. */
export const Forbidden: Story = {
  parameters: identity({ scenario: scenarios.forbidden }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/admins and owners/)).toBeVisible();
  },
};

/** A custom length is checked as it is typed, against the server's bounds. */
export const CustomLength: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('radio', { name: 'Custom length' }));
    const amount = canvas.getByRole('spinbutton', { name: 'Length' });
    await userEvent.clear(amount);
    await userEvent.type(amount, '120');
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Unit' }), 'day');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toHaveAccessibleDescription('Choose a length between 15 minutes and 90 days.');
    await expect(canvas.getByRole('button', { name: 'Save session length' })).toBeDisabled();
  },
};

/** The save fails: the reason is said and the choice is kept. */
export const SaveFails: Story = {
  play: async ({ canvasElement, id }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('radio', { name: '8 hours' }));
    storyKit(id).workspace.setScenario(scenarios.serverError);
    await userEvent.click(canvas.getByRole('button', { name: 'Save session length' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/went wrong on our side/);
    await expect(canvas.getByRole('radio', { name: '8 hours' })).toBeChecked();
  },
};

export const Loading: Story = {
  parameters: identity({ scenario: { latencyMs: 3_600_000 } }),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveAttribute('aria-busy', 'true');
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

/** In German: the same form, every string translated, durations in German. */
export const German: Story = {
  globals: { locale: 'de' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('radio', { name: '8 Stunden' })).toBeVisible();
    await expect(canvas.queryByText(/hours/)).not.toBeInTheDocument();
  },
};

export const SaveFailsDark: Story = { ...SaveFails, globals: { theme: 'dark' } };
