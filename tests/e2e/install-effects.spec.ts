/**
 * What installing really does, on the marketplace target (tests/fixtures/repos/marketplace-plugins): the plugin page
 * lists every component of data-pipelines (a plugin that has all of them), hooks and MCP servers as text, readable at
 * 375 px and accessible in both themes; an agent with `tools: Read, Grep` and `memory: project` is read-only nowhere;
 * a plugin agent's `permissionMode` is applied when its file is copied and ignored when its plugin is installed.
 */
import { expect, expectAccessible, gotoWithTheme, test, type Theme } from './fixtures.ts';
import type { Page } from 'playwright/test';
import { FACETS } from '../../src/scripts/filter-match.ts';

const ROWS = ['Agents', 'Skills', 'Commands', 'Hooks', 'MCP servers', 'LSP servers', 'Monitors', 'bin/', 'Settings', 'Output styles'];

/** Nothing runs off the side at this width: the page does not scroll sideways, and no command block is cut off. */
async function expectReadableAt375(page: Page, scope: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  const cut = await page.locator(`${scope} pre`).evaluateAll((blocks) => blocks.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.textContent));
  expect(cut, 'command blocks wrap instead of scrolling').toEqual([]);
}

test('a plugin page lists every component of the plugin, each command as text', async ({ page }) => {
  await page.goto('plugins/data-pipelines/');
  const adds = page.getByRole('region', { name: 'What installing this plugin adds' });
  await expect(adds.getByTestId('plugin-adds-summary')).toContainText(
    '5 agents, 1 skill, 1 command, 3 hooks, 2 MCP servers, 1 LSP server, 1 monitor, 1 file in bin/, 2 settings, 1 output style.',
  );
  await expect(adds.locator('dt')).toHaveText(ROWS);
  await expect(adds.locator('[data-row="agents"] li')).toHaveCount(5);
  await expect(adds.locator('[data-row="skills"]')).toContainText('data-pipelines:backfill-planner — Plans a backfill of a partitioned table in safe batches.');
  await expect(adds.locator('[data-row="commands"]')).toContainText('/data-pipelines:explain-dag');
  await expect(adds.getByTestId('plugin-hook')).toHaveText([
    /^PreToolUse on \* runs:\s*"\$\{CLAUDE_PLUGIN_ROOT\}\/bin\/dag-status" --check-freeze\s*Look: runs a shell command before every tool use\.$/,
    /^SessionStart runs:\s*echo 'Pipelines frozen until 06:00 UTC' >&2\s*Look: runs a shell command each time a session starts\.$/,
    /^PostToolUse on Edit\|Write runs:\s*sqlfluff lint --dialect ansi "\$CLAUDE_PROJECT_DIR\/models"$/,
  ]);
  const servers = adds.getByTestId('plugin-mcp-server');
  await expect(servers.filter({ hasText: 'warehouse' })).toHaveAttribute('data-remote', 'false');
  await expect(servers.filter({ hasText: 'warehouse' }).locator('pre')).toHaveText('npx -y @lighthouse/warehouse-mcp --read-only');
  await expect(servers.filter({ hasText: 'lineage' })).toHaveAttribute('data-remote', 'true');
  await expect(servers.filter({ hasText: 'lineage' })).toContainText('Look: reaches a server over the network (lineage.example.com)');
  await expect(adds.locator('[data-row="lsp"]')).toContainText('sql for .sql files starts:sql-language-server up --method stdio');
  await expect(adds.locator('[data-row="monitors"]')).toContainText('keeps a command running in the background for the whole session');
  await expect(adds.locator('[data-row="bin"]')).toContainText('bin/dag-status (executable)');
  await expect(adds.locator('[data-row="settings"]')).toContainText('makes every session run as the agent data-pipelines:pipeline-architect');
  await expect(adds.locator('[data-row="settings"]')).toContainText('(left out: Claude Code applies only agent and subagentStatusLine from a plugin)');
  await expect(adds.getByText('Look:', { exact: true })).toHaveCount(6);
  // Text, never markup: what would run sits in <code> inside <pre>, nothing else.
  expect(await adds.locator('pre script, pre img, pre a').count()).toBe(0);
  // A plugin of agents only says so, and nothing more.
  await page.goto('plugins/incident-response/');
  await expect(page.getByTestId('plugin-adds-summary')).toHaveText('3 agents.');
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`the plugin's components, accessible in the ${theme} theme and readable at 375 px`, async ({ page }) => {
    await gotoWithTheme(page, 'plugins/data-pipelines/', theme);
    await expect(page.getByTestId('plugin-contents')).toBeVisible();
    await expectAccessible(page);
    await expectReadableAt375(page, '[data-testid="plugin-adds"]');
    await expect(page.getByTestId('plugin-hook').first().locator('pre')).toBeVisible();
    await expectAccessible(page);
  });
}

test('an agent page\'s "Whole plugin" choice says what installing the plugin adds', async ({ page }) => {
  await gotoWithTheme(page, 'agents/sql-tuner/', 'dark');
  await page.getByRole('main').getByRole('radio', { name: /whole plugin/i }).check();
  const details = page.getByTestId('install-plugin-adds');
  await expect(details.locator('summary')).toHaveText('What installing this plugin adds (6 marked “Look”)');
  await expect(details.getByTestId('plugin-contents')).toBeHidden();
  await details.locator('summary').click();
  await expect(details.getByTestId('plugin-contents')).toBeVisible();
  await expect(details.getByTestId('plugin-hook')).toHaveCount(3);
  // The plugin's agents are counted and linked, not listed: an agent page does not grow with its plugin.
  await expect(details.getByTestId('plugin-agents-link')).toHaveText('5 agents, this one included: listed on the plugin\'s page');
  await expect(details.getByTestId('plugin-agents-link').getByRole('link')).toHaveAttribute('href', /\/plugins\/data-pipelines\/$/);
  await expectAccessible(page);
  await expectReadableAt375(page, '[data-testid="install-plugin-adds"]');
});

test('tools: Read, Grep with memory: project is read-only nowhere: page, card, facet and search', async ({ page }) => {
  await page.goto('agents/lineage-notes/');
  const can = page.getByRole('region', { name: 'What it can do' });
  await expect(can.getByTestId('caps-memory')).toContainText('project: keeps notes across sessions in .claude/agent-memory/lineage-notes/');
  await expect(can.getByTestId('caps-memory')).toContainText('Memory adds Write and Edit to its tools');
  await expect(can.getByTestId('caps-memory')).toContainText('Installed with its plugin, the folder is .claude/agent-memory/data-pipelines-lineage-notes/.');
  await expect(can.locator('[data-group="change"] li')).toHaveText(['Write (added by memory)', 'Edit (added by memory)']);

  await page.goto('plugins/data-pipelines/');
  const card = page.locator('[data-testid="agent-card"][data-slug="lineage-notes"]');
  await expect(card.getByTestId('capability-badge')).toHaveText(['changes files', 'keeps a memory']);
  await expect(card.getByTestId('tools-summary')).toContainText('4 tools');
  // What the filters match: the card's tools facet (filter-match.ts FACETS) is a custom list, not read-only.
  const facets = JSON.parse((await card.getAttribute('data-facets'))!) as string[][];
  expect(facets[FACETS.indexOf('tools')]).toEqual(['custom']);

  // The read-only filter keeps sql-tuner (Read, Grep, Glob) and leaves lineage-notes out; "keeps a memory" finds it.
  await page.goto('all/?tools=read-only');
  const shown = page.locator('[data-testid="agent-row"]:visible');
  await expect(page.getByTestId('filter-count')).toHaveText(/^Showing \d+ of 9 agents/);
  const readOnly = await shown.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.slug));
  expect(readOnly).toContain('sql-tuner');
  expect(readOnly).not.toContain('lineage-notes');
  await page.goto('all/?can=memory');
  await expect(page.getByTestId('filter-count')).toHaveText(/^Showing 1 of 9 agents/);
  await expect(shown).toHaveCount(1);
  await expect(shown.first()).toHaveAttribute('data-slug', 'lineage-notes');

  await page.goto('');
  await page.keyboard.press('/');
  await page.keyboard.type('lineage');
  const result = page.getByRole('dialog').getByRole('option').filter({ hasText: 'lineage-notes' }).first();
  await expect(result.locator('.ad-search-option__can')).toHaveText('changes files · keeps a memory');
});

test('a plugin agent\'s bypassPermissions: applied when its file is copied, ignored when its plugin is installed', async ({ page }) => {
  await page.goto('agents/backfill-runner/');
  const can = page.getByRole('region', { name: 'What it can do' });
  await expect(can.getByTestId('caps-routes')).toContainText('installed with its plugin, Claude Code ignores its permissionMode');
  const permission = can.getByTestId('caps-permission');
  await expect(permission).toContainText('Skips permission prompts. bypassPermissions: skips every permission prompt');
  await expect(permission.getByTestId('caps-route-note')).toHaveText('Applied when the file is copied into .claude/agents/; ignored when its plugin is installed.');
  await expect(can.getByTestId('caps-ignored')).toContainText(
    'permissionMode: “sets permissionMode, which is ignored for plugin agents. Use .claude/agents/ for this level of control.”',
  );
  await expect(can.getByTestId('caps-runs')).toContainText('Works in a temporary git worktree');
  // Claude Code's warning is npm run check's warning, on the page too.
  await expect(page.getByTestId('diagnostic').filter({ hasText: 'Installed with its plugin, Claude Code ignores permissionMode' })).toHaveAttribute('data-severity', 'warning');
});
