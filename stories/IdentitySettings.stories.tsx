import { IdentitySettings } from '@identity-kit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import type { IdentityParameters } from './support/mock-api';
import { activeScim, slow } from './support/states';
import './host-theme.css';

/** All four components as one page section, for hosts that want it whole. */
const meta = {
  title: 'IdentitySettings',
  component: IdentitySettings,
} satisfies Meta<typeof IdentitySettings>;
export default meta;
type Story = StoryObj<typeof meta>;

const identity = (p: IdentityParameters) => ({ identity: p });

/** Every section loads, each resource requested once. */
const sectionsShow = async (canvasElement: HTMLElement, names: RegExp[]) => {
  const canvas = within(canvasElement);
  for (const name of names) await expect(await canvas.findByRole('heading', { name }, slow)).toBeVisible();
};
const english = [
  /^Identity$/,
  /^SCIM provisioning$/,
  /^Directory sync$/,
  /^Session duration$/,
  /^Sign everyone out$/,
];

export const Page: Story = {
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement }) => sectionsShow(canvasElement, english),
};

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement }) => {
    await sectionsShow(canvasElement, english);
    await expect(canvasElement.querySelector('.ik')).toHaveAttribute('data-theme', 'dark');
  },
};

export const German: Story = {
  globals: { locale: 'de' },
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement }) => {
    await sectionsShow(canvasElement, [
      /^Identität$/,
      /^SCIM-Bereitstellung$/,
      /^Verzeichnissynchronisierung$/,
      /^Sitzungsdauer$/,
    ]);
  },
};

/** On a phone: one column, nothing wider than the screen. */
export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  parameters: identity({ prepare: activeScim }),
  decorators: [
    (Story) => (
      <div className="sb-Narrow">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    await sectionsShow(canvasElement, english);
    const frame = canvasElement.querySelector('.sb-Narrow') as HTMLElement;
    const wider = [...frame.querySelectorAll('*')].filter(
      (el) => el.getBoundingClientRect().right > frame.getBoundingClientRect().right + 1,
    );
    await expect(wider.map((el) => el.outerHTML.slice(0, 80))).toEqual([]);
  },
};

export const BusyWorkspace: Story = {
  parameters: identity({ seed: 'busy' }),
  play: async ({ canvasElement }) => sectionsShow(canvasElement, english),
};

/** Restyled by the host through the `--ik-*` custom properties alone (stories/host-theme.css). */
export const HostTheme: Story = {
  args: { className: 'acme-theme' },
  parameters: identity({ prepare: activeScim }),
  play: async ({ canvasElement }) => {
    await sectionsShow(canvasElement, english);
    const button = within(canvasElement).getAllByRole('button')[0] as HTMLElement;
    await expect(getComputedStyle(button).borderRadius).toBe('0px');
  },
};
