import type { IdentityKitProviderProps } from '@identity-kit/react';
import { IdentityKitProvider } from '@identity-kit/react';
import { de } from '@identity-kit/react/locales/de';
import type { Decorator, Preview } from '@storybook/react-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { type IdentityParameters, startStoryKit, storyKit } from '../stories/support/mock-api';
import '../packages/react/src/styles.css';
import './preview.css';

/** The kit inside the provider, on a page of the chosen theme, against the story's own mock workspace. */
const withIdentityKit: Decorator = (Story, context) => {
  const { client, queryClient } = storyKit(context.id);
  const theme = context.globals.theme as IdentityKitProviderProps['theme'];
  const locale = context.globals.locale as string;
  return (
    <div className="sb-Host" data-theme={theme} data-view={context.viewMode}>
      <IdentityKitProvider
        client={client}
        queryClient={queryClient}
        theme={theme}
        locale={locale}
        messages={locale === 'de' ? de : undefined}
      >
        <Story />
      </IdentityKitProvider>
    </div>
  );
};

const preview: Preview = {
  // Relative, so a static Storybook works from any folder; quiet, and blind to Storybook's own requests.
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({
        serviceWorker: { url: './mockServiceWorker.js' },
        onUnhandledRequest: 'bypass',
        quiet: true,
      });
      return worker;
    }),
  ],
  async beforeEach({ id, parameters, globals, msw }) {
    await startStoryKit(id, parameters.identity as IdentityParameters | undefined, globals, msw);
  },
  decorators: [withIdentityKit],
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    // Every axe violation fails the story's test, in Chromium, with real layout (colour contrast included).
    a11y: { test: 'error' },
    controls: { expanded: true },
    options: { storySort: { order: ['Embedding', 'IdentitySettings', '*'] } },
  },
  initialGlobals: { theme: 'light', locale: 'en', seed: '', scenario: '', latency: '' },
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
    seed: {
      description: 'The workspace the story starts from',
      toolbar: {
        title: 'Workspace',
        icon: 'database',
        items: [
          { value: '', title: 'As the story sets it' },
          { value: 'empty', title: 'Empty: only the admin' },
          { value: 'default', title: 'Default: the admin and six members' },
          { value: 'busy', title: 'Busy: 400 users, SCIM and a directory' },
        ],
        dynamicTitle: true,
      },
    },
    scenario: {
      description: 'How the mock server behaves',
      toolbar: {
        title: 'Server',
        icon: 'lightning',
        items: [
          { value: '', title: 'As the story sets it' },
          { value: 'forbidden', title: 'Forbidden: signed in as a member (403)' },
          { value: 'signedOut', title: 'Signed out (401)' },
          { value: 'serverError', title: 'Server error (500)' },
          { value: 'unavailable', title: 'Unavailable (503, Retry-After)' },
          { value: 'rateLimited', title: 'Rate limited (429 three times)' },
          { value: 'offline', title: 'Offline: no answer' },
          { value: 'invalidCredentials', title: 'Directory rejects credentials' },
          { value: 'syncError', title: 'Directory syncs fail' },
          { value: 'slowSync', title: 'Directory syncs take 20 s' },
          { value: 'autoVerify', title: 'IdP sends users 3 s after connecting' },
        ],
        dynamicTitle: true,
      },
    },
    latency: {
      description: 'Latency of every request',
      toolbar: {
        title: 'Latency',
        icon: 'timer',
        items: [
          { value: '', title: 'As the story sets it' },
          { value: '0', title: 'None' },
          { value: '400', title: '400 ms' },
          { value: '1500', title: '1.5 s' },
          { value: '5000', title: '5 s' },
        ],
        dynamicTitle: true,
      },
    },
  },
};

export default preview;
