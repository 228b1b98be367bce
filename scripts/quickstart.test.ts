import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

const script = readFileSync(new URL('./quickstart.mjs', import.meta.url), 'utf8');

it('is the quick start the README shows, word for word', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(`\`\`\`js\n${script}\`\`\``);
});

it('connects Okta, sees its users, sets 8 hours and signs everyone out', async () => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
  await import('./quickstart.mjs');
  vi.restoreAllMocks();
  const out = lines.join('\n');
  expect(out).toMatch(/Okta connected \(pending\)/);
  expect(out).toMatch(/SCIM connector base URL: https:\/\/\S+\/scim\/v2\//);
  expect(out).toMatch(/Verified at \S+: 3 users, 1 group\./);
  expect(lines.filter((line) => /^ {2}.+ <.+@.+> \(active\)$/.test(line))).toHaveLength(3);
  expect(out).toMatch(/Sessions now last 8 hours/);
  expect(out).toMatch(/Signed out \d+ users \(\d+ sessions\)\./);
});
