import { scenarios } from '@identity-kit/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { de } from '../../locales/de';
import { expectNoAxeViolations, renderKit } from '../../testing/render';
import { server } from '../../testing/server';
import { SessionDurationForm } from './SessionDurationForm';

const ui = <SessionDurationForm />;

describe('SessionDurationForm', () => {
  describe('given the default policy (24 hours)', () => {
    it('shows the current length, the presets, what a change applies to, and a disabled Save', async () => {
      renderKit(ui);
      expect(screen.getByRole('status')).toHaveAttribute('aria-busy', 'true');
      expect(await screen.findByText('People stay signed in for 24 hours.')).toBeInTheDocument();
      const group = screen.getByRole('group', { name: 'Session length' });
      expect(within(group).getByRole('radio', { name: '24 hours' })).toBeChecked();
      expect(within(group).getByRole('radio', { name: '8 hours' })).not.toBeChecked();
      expect(
        screen.getByText('A new length also applies to sessions that are already open.'),
      ).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Save session length' })).toBeDisabled();
      await expectNoAxeViolations();
    });

    it('after choosing 8 hours with the keyboard and saving, says so and keeps 8 hours', async () => {
      const { user, workspace } = renderKit(ui);
      const selected = await screen.findByRole('radio', { name: '24 hours' });
      selected.focus();
      // Arrow keys move through a radio group; 8 hours comes right before 12 and 24 hours.
      await user.keyboard('{ArrowLeft}{ArrowLeft}');
      expect(screen.getByRole('radio', { name: '8 hours' })).toBeChecked();
      await user.tab(); // to Save: the custom fields are not shown for a preset
      expect(screen.getByRole('button', { name: 'Save session length' })).toHaveFocus();
      await user.keyboard('{Enter}');
      expect(await screen.findByText('Saved. People now stay signed in for 8 hours.')).toBeInTheDocument();
      expect(screen.getByText('People stay signed in for 8 hours.')).toBeInTheDocument();
      expect(screen.getByRole('radio', { name: '8 hours' })).toBeChecked();
      expect(screen.getByRole('button', { name: 'Save session length' })).toBeDisabled();
      expect(workspace.state.sessionPolicy.sessionDurationSeconds).toBe(28800);
      await expectNoAxeViolations();
    });

    it('after typing a custom length, validates it as it is typed, within the bounds', async () => {
      const { user } = renderKit(ui);
      await user.click(await screen.findByRole('radio', { name: 'Custom length' }));
      const amount = screen.getByRole('spinbutton', { name: 'Length' });
      expect(amount).toHaveValue(24);
      expect(screen.getByRole('combobox', { name: 'Unit' })).toHaveValue('hour');
      expect(screen.getByText('Between 15 minutes and 90 days.')).toBeInTheDocument();

      await user.clear(amount);
      await user.type(amount, '120');
      await user.selectOptions(screen.getByRole('combobox', { name: 'Unit' }), 'day');
      expect(amount).toHaveAttribute('aria-invalid', 'true');
      expect(amount).toHaveAccessibleDescription('Choose a length between 15 minutes and 90 days.');
      expect(screen.getByRole('button', { name: 'Save session length' })).toBeDisabled();

      await user.selectOptions(screen.getByRole('combobox', { name: 'Unit' }), 'hour');
      expect(amount).not.toHaveAttribute('aria-invalid');
      await user.click(screen.getByRole('button', { name: 'Save session length' }));
      expect(await screen.findByText('Saved. People now stay signed in for 5 days.')).toBeInTheDocument();
      await expectNoAxeViolations();
    });
  });

  describe('given a server that fails the save', () => {
    it('keeps the chosen length, says why, and saves on retry', async () => {
      const { user, workspace } = renderKit(ui, {
        scenario: { failure: { status: 500, times: 1, operations: ['updateSessionPolicy'] } },
      });
      await user.click(await screen.findByRole('radio', { name: '8 hours' }));
      await user.click(screen.getByRole('button', { name: 'Save session length' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Something went wrong on our side. Try again in a moment.');
      expect(alert).toHaveTextContent(/Reference: req_/);
      expect(screen.getByRole('radio', { name: '8 hours' })).toBeChecked();
      await expectNoAxeViolations();

      await user.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findByText('Saved. People now stay signed in for 8 hours.')).toBeInTheDocument();
      expect(workspace.state.sessionPolicy.sessionDurationSeconds).toBe(28800);
    });

    it('puts the server’s own bounds error on the length field', async () => {
      const { user } = renderKit(ui);
      await screen.findByRole('radio', { name: '8 hours' });
      // The server narrowed its bounds since the page loaded.
      server.use(
        http.patch('*/session-policy', () =>
          HttpResponse.json(
            {
              error: {
                status: 422,
                code: 'validation_failed',
                message: 'Check the session duration.',
                requestId: 'req_x',
                fieldErrors: [
                  { path: 'sessionDurationSeconds', code: 'out_of_range', message: 'At most 2 days.' },
                ],
              },
            },
            { status: 422 },
          ),
        ),
      );
      await user.click(screen.getByRole('radio', { name: 'Custom length' }));
      const amount = screen.getByRole('spinbutton', { name: 'Length' });
      await user.clear(amount);
      await user.type(amount, '3');
      await user.click(screen.getByRole('button', { name: 'Save session length' }));
      await waitFor(() => expect(amount).toHaveAccessibleDescription('At most 2 days.'));
      expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted field.');
      expect(amount).toHaveValue(3);
    });

    it('when offline, says the entry is kept', async () => {
      const { user } = renderKit(ui);
      await user.click(await screen.findByRole('radio', { name: '8 hours' }));
      server.use(http.patch('*/session-policy', () => HttpResponse.error()));
      await user.click(screen.getByRole('button', { name: 'Save session length' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        /Could not reach the server. What you entered is kept/,
      );
      expect(screen.getByRole('radio', { name: '8 hours' })).toBeChecked();
    });
  });

  describe('given a member who is not an admin', () => {
    it('says who can change it, and shows no form', async () => {
      renderKit(ui, { scenario: scenarios.forbidden });
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Only admins and owners of this workspace can manage identity settings.',
      );
      expect(screen.queryByRole('radio')).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
      await expectNoAxeViolations();
    });
  });

  describe('given a failed load', () => {
    it('offers to try again, and then shows the form', async () => {
      const { user } = renderKit(ui, { scenario: { failure: { status: 500, times: 1 } } });
      await user.click(await screen.findByRole('button', { name: 'Try again' }));
      expect(await screen.findByRole('radio', { name: '24 hours' })).toBeChecked();
    });
  });

  describe('given German', () => {
    it('speaks German, with German durations', async () => {
      renderKit(ui, { locale: 'de', messages: de });
      expect(await screen.findByText('Personen bleiben 24 Stunden angemeldet.')).toBeInTheDocument();
      expect(screen.getByRole('radio', { name: '8 Stunden' })).toBeInTheDocument();
      expect(screen.getByRole('radio', { name: '7 Tage' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Sitzungsdauer speichern' })).toBeInTheDocument();
    });
  });
});
