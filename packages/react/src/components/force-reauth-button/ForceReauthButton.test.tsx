import { scenarios } from '@identity-kit/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { de } from '../../locales/de';
import { expectNoAxeViolations, renderKit } from '../../testing/render';
import { server } from '../../testing/server';
import { ForceReauthButton } from './ForceReauthButton';

describe('ForceReauthButton', () => {
  describe('given a workspace with people signed in', () => {
    it('after confirming with the keyboard, signs everyone else out and says how many', async () => {
      const onForced = vi.fn();
      const { user } = renderKit(<ForceReauthButton onForced={onForced} />);
      const trigger = screen.getByRole('button', { name: 'Sign everyone out…' });
      await expectNoAxeViolations();
      await user.tab();
      expect(trigger).toHaveFocus();
      await user.keyboard('{Enter}');

      const dialog = await screen.findByRole('dialog', { name: 'Sign everyone out of this workspace?' });
      // The default seed: the admin and six members are signed in.
      await within(dialog).findByText(
        '7 people are signed in; they will be signed out and must sign in again.',
      );
      expect(dialog).toHaveTextContent('SCIM tokens and directory connections keep working.');
      expect(within(dialog).getByRole('status')).toHaveTextContent('You stay signed in here.');
      expect(within(dialog).getByRole('checkbox', { name: 'Sign me out too' })).not.toBeChecked();
      // The page behind the dialog does not scroll.
      expect(document.documentElement.style.overflow).toBe('hidden');
      await expectNoAxeViolations();

      const confirm = within(dialog).getByRole('button', { name: 'Sign everyone out' });
      await user.click(confirm);
      // It cannot fire twice: a second click while pending does nothing.
      await user.click(within(dialog).getByRole('button', { name: /Sign/ }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.getByRole('status')).toHaveTextContent(
        /Done: 7 people were signed out \(\d+ sessions ended\)\./,
      );
      expect(onForced).toHaveBeenCalledTimes(1);
      expect(onForced.mock.calls[0]?.[0]).toMatchObject({ keptCurrentSession: true });
      // Focus goes back to the button that opened the dialog, and the page scrolls again.
      await waitFor(() => expect(trigger).toHaveFocus());
      expect(document.documentElement.style.overflow).toBe('');
      expect(await screen.findByText(/Last done on .* by Ada Admin\./)).toBeInTheDocument();
      await expectNoAxeViolations();
    });

    it('after ticking "Sign me out too", says so before and after', async () => {
      const { user } = renderKit(<ForceReauthButton />);
      await user.click(screen.getByRole('button', { name: 'Sign everyone out…' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('checkbox', { name: 'Sign me out too' }));
      expect(within(dialog).getByRole('status')).toHaveTextContent('You will be signed out too.');
      await user.click(within(dialog).getByRole('button', { name: 'Sign everyone out' }));
      expect(
        await screen.findByText(/You were signed out too\. Sign in again to continue\./),
      ).toBeInTheDocument();
    });

    it('when the host fixes the choice, does not ask', async () => {
      const { user } = renderKit(<ForceReauthButton keepCurrentSession={false} />);
      await user.click(screen.getByRole('button', { name: 'Sign everyone out…' }));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
      expect(within(dialog).getByRole('status')).toHaveTextContent('You will be signed out too.');
    });

    it('after Cancel, nothing happens and focus returns', async () => {
      const { user, requests } = renderKit(<ForceReauthButton />);
      const trigger = screen.getByRole('button', { name: 'Sign everyone out…' });
      await user.click(trigger);
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      await waitFor(() => expect(trigger).toHaveFocus());
      expect(requests.filter((r) => r.startsWith('POST'))).toEqual([]);
    });
  });

  describe('given a failure', () => {
    it('keeps the dialog open with the reason, and confirming again works', async () => {
      const { user } = renderKit(<ForceReauthButton />, {
        scenario: { failure: { status: 500, times: 1, operations: ['forceReauthentication'] } },
      });
      await user.click(screen.getByRole('button', { name: 'Sign everyone out…' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Sign everyone out' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
      await expectNoAxeViolations();
      await user.click(within(dialog).getByRole('button', { name: 'Sign everyone out' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    });

    it('offline: says the server could not be reached, in the dialog', async () => {
      const { user } = renderKit(<ForceReauthButton />);
      server.use(http.post('*/reauthentication', () => HttpResponse.error()));
      await user.click(screen.getByRole('button', { name: 'Sign everyone out…' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Sign everyone out' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Could not reach the server/);
    });

    it('for a member: says who may do this', async () => {
      renderKit(<ForceReauthButton />, { scenario: scenarios.forbidden });
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Only admins and owners of this workspace can manage identity settings.',
      );
      await expectNoAxeViolations();
    });
  });

  it('speaks German', async () => {
    const { user } = renderKit(<ForceReauthButton />, { locale: 'de', messages: de });
    await user.click(screen.getByRole('button', { name: 'Alle abmelden…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Alle von diesem Workspace abmelden?' });
    expect(
      await within(dialog).findByText(
        '7 Personen sind angemeldet; sie werden abgemeldet und müssen sich erneut anmelden.',
      ),
    ).toBeInTheDocument();
  });
});
