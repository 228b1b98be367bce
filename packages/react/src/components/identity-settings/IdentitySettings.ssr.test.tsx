// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { expect, it } from 'vitest';
import { IdentityKitProvider } from '../../provider/IdentityKitProvider';
import { IdentitySettings } from './IdentitySettings';

// Server rendering (Next.js, Remix): nothing may touch window, document or navigator while rendering.
it('renders on the server, with loading placeholders and no browser globals', () => {
  expect(typeof window).toBe('undefined');
  const html = renderToString(
    <IdentityKitProvider client={{ baseUrl: 'https://app.test/api/identity', workspaceId: 'ws_acme' }}>
      <IdentitySettings />
    </IdentityKitProvider>,
  );
  expect(html).toContain('Identity');
  expect(html).toContain('aria-busy="true"');
});
