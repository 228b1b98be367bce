// Renders components inside IdentityKitProvider against a fresh @identity-kit/mocks workspace. Tests only.
import { createIdentityHandlers, createMockWorkspace, type MockWorkspaceOptions } from '@identity-kit/mocks';
import { createIdentityClient } from '@identity-kit/sdk';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { ReactElement } from 'react';
import { expect } from 'vitest';
import type { MessageOverrides } from '../i18n/messages';
import { IdentityKitProvider } from '../provider/IdentityKitProvider';
import { server } from './server';

export interface RenderKitOptions extends MockWorkspaceOptions {
  locale?: string;
  messages?: MessageOverrides;
}

export function renderKit(ui: ReactElement, options: RenderKitOptions = {}) {
  const { locale, messages, ...workspaceOptions } = options;
  const workspace = createMockWorkspace(workspaceOptions);
  server.use(...createIdentityHandlers(workspace));
  /** Every request the components sent, as `METHOD /path` under the workspace. */
  const requests: string[] = [];
  const log = ({ request }: { request: Request }) => {
    const path = new URL(request.url).pathname.replace(`/api/identity/workspaces/${workspace.id}`, '');
    requests.push(`${request.method} ${path}`);
  };
  server.events.on('request:start', log);
  const client = createIdentityClient({
    baseUrl: 'https://app.test/api/identity',
    workspaceId: workspace.id,
    retry: { maxRetries: 0 },
  });
  const queryClient = new QueryClient();
  const user = userEvent.setup();
  const result = render(
    <IdentityKitProvider client={client} queryClient={queryClient} locale={locale} messages={messages}>
      {ui}
    </IdentityKitProvider>,
  );
  return {
    ...result,
    user,
    workspace,
    client,
    queryClient,
    requests,
  };
}

/**
 * axe-core over the whole document (Radix portals render into <body>). Colour contrast needs real layout and is
 * checked in Chromium by the Storybook tests; everything else is checked here.
 */
export async function expectNoAxeViolations(root: Element = document.body) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}
