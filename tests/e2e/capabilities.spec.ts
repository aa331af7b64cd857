/**
 * "What it can do" before installing: on the agent page in words (the seed has every tool, said plainly; the agent
 * with hooks shows each hook's command as text), and in short on cards and in search results.
 */
import { expect, SEED, test } from './fixtures.ts';

test('the seed agent has every tool, said plainly, above the install snippet', async ({ page }) => {
  await page.goto(`agents/${SEED.slug}/`);
  const section = page.getByRole('region', { name: 'What it can do' });
  await expect(section.getByTestId('caps-tools')).toHaveText('All tools. It has no tools field, so it may read files, change files, run commands, use the web, use MCP tools and start other agents.');
  await expect(section.getByTestId('caps-model')).toHaveText('sonnet');
  const order = await page.locator('section[aria-labelledby]').evaluateAll((all) => all.map((s) => s.getAttribute('aria-labelledby')));
  expect(order.indexOf('can-do'), 'before Install').toBe(order.indexOf('install') - 1);
});

test('an agent with hooks and MCP servers shows each command as text, and flags skipping permission prompts', async ({ page }) => {
  await page.goto('agents/schema-migrator/');
  const section = page.getByRole('region', { name: 'What it can do' });
  await expect(section.getByTestId('caps-hook')).toHaveText([
    'PreToolUse on Bash runs:./scripts/refuse-production-urls.sh',
    'PostToolUse on Edit|Write runs:npx squawk --reporter compact migrations/',
  ]);
  await expect(section.getByTestId('caps-mcp-server')).toHaveText(['scratchdb starts:npx -y @acme/scratchdb-mcp --database postgres://localhost:5433/scratch']);
  await expect(section.getByTestId('caps-permission')).toContainText('Skips permission prompts. acceptEdits: edits files without asking you first.');
  await expect(section.locator('[data-group="run"]')).toContainText('Bash');
  await expect(section.locator('[data-group="mcp"]')).toContainText('scratchdb: query');
  await expect(section.getByText('Shown as text: Claude Code runs these when the agent works; this page never does.')).toBeVisible();
  // Text, never markup: the commands are in <code> inside <pre>, nothing else.
  expect(await section.locator('pre script, pre img, pre a').count()).toBe(0);
});

test('what disallowedTools removes is listed', async ({ page }) => {
  await page.goto('agents/release-manager/');
  await expect(page.getByTestId('caps-removed').getByRole('listitem')).toHaveText(['Bash(git push:*) only', 'Bash(npm publish:*) only', 'Bash(gh release create:*) only', 'WebFetch']);
  // WebSearch is left, and Bash with rules: the sentence still says so, and points at the removals.
  await expect(page.getByTestId('caps-tools')).toHaveText(
    'All tools. It has no tools field, so it may read files, change files, run commands, use the web, use MCP tools and start other agents, less what is removed below.',
  );
});

test('cards and search results say it in short', async ({ page }) => {
  const badges = (slug: string) => page.locator(`[data-testid="agent-card"][data-slug="${slug}"]`).getByTestId('capability-badge');
  await page.goto('categories/quality/');
  await expect(badges('code-reviewer')).toHaveText(['read-only']);
  await page.goto('categories/data/');
  await expect(badges('schema-migrator')).toHaveText(['skips permission prompts', 'runs shell commands', 'changes files', 'has hooks', 'starts MCP servers']);
  await page.keyboard.press('/');
  await page.keyboard.type('migration');
  const result = page.getByRole('dialog').getByRole('option').filter({ hasText: 'schema-migrator' }).first();
  await expect(result.locator('.ad-search-option__can')).toHaveText('skips permission prompts · runs shell commands · changes files · has hooks · starts MCP servers');
});
