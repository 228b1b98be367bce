// The static Storybook (`npm run build-storybook`) works when served from any folder and sends no request off
// the machine: serves storybook-static/ under a sub-path, opens it in Debian's Chromium, renders a story (its
// data comes from the mock service worker) and the Embedding docs page, and fails on any request that leaves
// 127.0.0.1 or any failed same-origin request.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = 'storybook-static';
const prefix = '/tools/design-review/';
if (!existsSync(`${root}/index.html`)) {
  console.error(`${root}/ is missing: run \`npm run build-storybook\` first.`);
  process.exit(1);
}

/** @type {Record<string, string>} */
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (!path.startsWith(prefix)) return res.writeHead(404).end();
  let file = normalize(join(root, path.slice(prefix.length)));
  if (!file.startsWith(root)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
/** @type {string[]} */
const problems = [];
let passed = 0;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      problems.push(`left the machine: ${request.method()} ${url}`);
  });
  page.on('response', (response) => {
    const url = response.url();
    // The identity API is answered by the service worker; anything else served from here must exist.
    if (url.startsWith(origin) && response.status() >= 400 && !url.includes('/api/identity/'))
      problems.push(`HTTP ${response.status()}: ${url}`);
  });

  /** @param {string} name @param {() => Promise<void>} run */
  const check = async (name, run) => {
    try {
      await run();
      passed++;
      console.log(`✓ ${name}`);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    }
  };

  await check('a story renders with data from the mock service worker', async () => {
    await page.goto(`${origin}${prefix}?path=/story/components-sessiondurationform--default`);
    const frame = page.frameLocator('#storybook-preview-iframe');
    await frame.getByText('People stay signed in for 24 hours.').waitFor({ timeout: 30_000 });
  });
  await check('the Embedding docs page renders', async () => {
    await page.goto(`${origin}${prefix}?path=/docs/embedding--docs`);
    const frame = page.frameLocator('#storybook-preview-iframe');
    await frame.getByRole('heading', { name: 'Embedding Identity Kit' }).waitFor({ timeout: 30_000 });
  });
  await check('a component docs page renders its props table', async () => {
    await page.goto(`${origin}${prefix}?path=/docs/components-connectscimprovider--docs`);
    const frame = page.frameLocator('#storybook-preview-iframe');
    await frame.getByText('onConnected').first().waitFor({ timeout: 30_000 });
  });
} finally {
  await browser.close();
  server.close();
}

for (const problem of problems) console.error(`✗ ${problem}`);
console.log(`${passed} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
