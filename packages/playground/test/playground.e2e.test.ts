// End to end, in Debian's Chromium: the playground's server on a SQLite file, Acme's settings page, an identity
// provider pushing users over SCIM, and a member's browser. Screenshots go to .artifacts/e2e/.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdpSimulator } from '@identity-kit/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { FAKE_OKTA, startPlayground } from '../src/server.mjs';

const artifacts = join(import.meta.dirname, '..', '..', '..', '.artifacts', 'e2e');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let playground: Awaited<ReturnType<typeof startPlayground>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  const database = join(mkdtempSync(join(tmpdir(), 'ik-playground-')), 'identity.db');
  playground = await startPlayground({ database, port: 0 });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

/** A signed-in browser profile of its own (cookies are not shared). */
async function signedIn(as: 'admin' | 'member'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${playground.url}/demo/sign-in?as=${as}`);
  return page;
}

async function expectNoAxeViolations(page: Page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (c: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

describe('the playground', () => {
  it('connects Okta, sees the users it pushes arrive, sets 8 hours, and signs a member out', async () => {
    const admin = await signedIn('admin');
    await admin.getByRole('heading', { level: 2, name: 'Identity' }).waitFor();
    await admin.getByRole('button', { name: 'Connect SCIM provider' }).click();
    await admin.getByRole('radio', { name: 'Okta' }).check();
    await admin.getByRole('button', { name: 'Create connection' }).click();
    const baseUrl = await admin.getByRole('textbox', { name: 'SCIM base URL' }).inputValue();
    const token = await admin.getByRole('textbox', { name: 'Bearer token' }).inputValue();
    expect(baseUrl).toMatch(new RegExp(`^${playground.url}/scim/v2/ws_acme/`));
    await admin.getByText('Waiting for Okta’s first request…').waitFor();
    await shot(admin, '1-okta-token');

    // Okta, given the base URL and the token, pushes five people and a group.
    const okta = createIdpSimulator({ baseUrl, token, provider: 'okta' });
    expect(await okta.provision({ users: 5, groups: 1 })).toMatchObject({ created: 5, groups: 1 });
    await admin.getByText('Okta connected: 5 users and 1 group provisioned.').waitFor({ timeout: 10_000 });
    await admin
      .getByRole('list', { name: 'First users provisioned' })
      .getByRole('listitem')
      .first()
      .waitFor();
    await shot(admin, '2-okta-verified');
    await expectNoAxeViolations(admin);
    await admin.getByRole('button', { name: 'Done' }).click();
    await admin.getByRole('article', { name: 'Okta' }).getByText('Active').waitFor();

    await admin.getByRole('radio', { name: '8 hours' }).check();
    await admin.getByRole('button', { name: 'Save session length' }).click();
    await admin.getByText('Saved. People now stay signed in for 8 hours.').waitFor();
    expect((await playground.storage.sessionPolicies.get('ws_acme')).sessionDurationSeconds).toBe(28_800);

    const member = await signedIn('member');
    await member.getByTestId('session-expires').waitFor();
    expect((await member.request.get(`${playground.url}/demo/me`)).status()).toBe(200);
    await shot(member, '3-member-signed-in');

    await admin.getByRole('button', { name: 'Sign everyone out…' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Sign everyone out of this workspace?' });
    await dialog.getByText(/people are signed in|person is signed in/).waitFor();
    await shot(admin, '4-sign-everyone-out');
    await dialog.getByRole('button', { name: 'Sign everyone out' }).click();
    await admin.getByText(/^Done: 1 person was signed out/).waitFor();

    // The member's very next request is refused, and their page says so.
    expect((await member.request.get(`${playground.url}/demo/me`)).status()).toBe(401);
    await member.getByTestId('signed-out').waitFor({ timeout: 10_000 });
    await shot(member, '5-member-signed-out');
    // The admin chose to stay signed in.
    expect((await admin.request.get(`${playground.url}/demo/me`)).status()).toBe(200);
  }, 60_000);

  it('syncs a directory: a wrong token is refused with Okta’s reason, the right one brings people in', async () => {
    const admin = await signedIn('admin');
    const section = admin.getByRole('region', { name: 'Directory sync' });
    await section.getByRole('button', { name: 'Connect a directory' }).click();
    await section.getByRole('radio', { name: 'Okta' }).check();
    await section.getByLabel('Okta org URL').fill(FAKE_OKTA.orgUrl);
    await section.getByLabel('API token', { exact: true }).fill('00wrongToken0123456789abcdefghijklmnopqrst');
    await section.getByRole('button', { name: 'Save and connect' }).click();
    const card = section.getByRole('article', { name: 'Okta' });
    await card.getByText('Invalid credentials').waitFor({ timeout: 15_000 });
    await card.getByText(/Okta rejected the API token \(E0000011/).waitFor();
    await shot(admin, '6-directory-invalid-credentials');

    await card.getByRole('button', { name: 'Update credentials' }).click();
    await section.getByLabel('API token', { exact: true }).fill(FAKE_OKTA.apiToken);
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await card.getByText('Active').waitFor({ timeout: 20_000 });
    await card
      .getByRole('list', { name: 'Synced users' })
      .getByRole('listitem')
      .first()
      .waitFor({ timeout: 10_000 });
    const run = card.getByRole('heading', { name: 'Recent syncs' });
    await run.waitFor();
    await shot(admin, '7-directory-active');
    const members = await playground.storage.members.list('ws_acme', { limit: 1, sourceType: 'directory' });
    expect(members.totalCount).toBeGreaterThan(200);
    await expectNoAxeViolations(admin);
  }, 60_000);

  it('serves the page under a strict Content-Security-Policy, and the kit works under it', async () => {
    const admin = await signedIn('admin');
    const csp: string[] = [];
    admin.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
    });
    const response = await admin.goto(playground.url);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'; style-src 'self'/);
    await admin.getByRole('heading', { name: 'Session duration' }).waitFor();
    expect(csp).toEqual([]);
  }, 30_000);
});
