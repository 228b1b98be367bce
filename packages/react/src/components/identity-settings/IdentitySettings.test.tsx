import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { de } from '../../locales/de';
import { expectNoAxeViolations, renderKit } from '../../testing/render';
import { IdentitySettings } from './IdentitySettings';

describe('IdentitySettings', () => {
  it('shows the four jobs under one heading, in outline order', async () => {
    renderKit(<IdentitySettings />);
    expect(screen.getByRole('heading', { level: 2, name: 'Identity' })).toBeInTheDocument();
    await screen.findByText('People stay signed in for 24 hours.');
    const sections = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(sections).toHaveLength(4);
    expect(sections.slice(2)).toEqual(['Session duration', 'Sign everyone out']);
    await expectNoAxeViolations();
  });

  it('asks for each resource once, however many components need it', async () => {
    const { requests } = renderKit(
      <>
        <IdentitySettings />
        <IdentitySettings />
      </>,
    );
    await screen.findAllByText('People stay signed in for 24 hours.');
    await waitFor(() => expect(requests).toContain('GET /reauthentication'));
    const gets = requests.filter((r) => r.startsWith('GET'));
    expect(gets.sort()).toEqual(
      [
        'GET /directory-connections',
        'GET /providers',
        'GET /reauthentication',
        'GET /scim-connections',
        'GET /session-policy',
      ].sort(),
    );
  });

  it('speaks German throughout', async () => {
    renderKit(<IdentitySettings />, { locale: 'de', messages: de });
    expect(screen.getByRole('heading', { level: 2, name: 'Identität' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 3, name: 'Sitzungsdauer' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Alle abmelden' })).toBeInTheDocument();
    await expectNoAxeViolations();
  });
});
