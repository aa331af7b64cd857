/**
 * A catalog built from a plugin marketplace (tests/fixtures/repos/marketplace-plugins, the "marketplace" target, with
 * REPO_URL https://github.com/lighthouse-labs/kit): only the agents Claude Code would install are published, grouped
 * by category and plugin, and an agent's page offers its plugin as a third install choice whose commands copy exactly.
 */
import { readFile } from 'node:fs/promises';
import { expect, expectAccessible, test } from './fixtures.ts';

const ADD = '/plugin marketplace add lighthouse-labs/kit';

test('publishes the plugins\' agents and nothing else, with a page per category and per plugin', async ({ page, request }) => {
  await page.goto('all/');
  const rows = page.getByTestId('agent-row');
  await expect(rows).toHaveCount(9);
  const slugs = await rows.evaluateAll((all) => all.map((row) => (row as HTMLElement).dataset.slug).sort());
  expect(slugs).toEqual(['backfill-runner', 'docs-writer', 'lineage-notes', 'pipeline-architect', 'postmortem-editor', 'runbook-reader', 'sql-tuner', 'timeline-keeper', 'triage-lead']);
  // The skill, the command, the README and the file no manifest names have no page.
  for (const path of ['agents/backfill-planner/', 'agents/explain-dag/', 'agents/docs-reviewer/']) {
    expect((await request.get(path)).status(), path).toBe(404);
  }

  // The home page: a tile per category and, since plugins are not simply the categories here, per plugin.
  await page.goto('');
  // Categories read as words: the marketplace's "docs-writer" is "Docs writer" (src/site/category-label.ts).
  await expect(page.getByTestId('categories-grid').getByTestId('overview-link')).toHaveText(['Data', 'Docs writer', 'Operations']);
  const plugin = page.getByTestId('plugins-grid').locator('#plugin-incident-response');
  await expect(plugin.getByTestId('overview-count')).toHaveText('3 agents');
  await expect(plugin).toContainText('On-call helpers: triage, timelines and post-incident reviews.');
  await plugin.getByTestId('overview-link').click();
  await expect(page).toHaveURL((url) => url.pathname === '/plugins/incident-response/');
  await expect(page.getByTestId('plugin-description')).toHaveText('On-call helpers: triage, timelines and post-incident reviews.');
  await expect(page.getByTestId('plugin-install')).toHaveText('/plugin install incident-response@lighthouse-kit');
  await expect(page.getByTestId('agent-card')).toHaveCount(3);
  await page.goto('');

  await expect(page.getByTestId('marketplace-name')).toHaveText('lighthouse-kit');
  // The agents updated last name their plugin, as every listing does.
  const recent = page.getByTestId('recently-updated').getByRole('listitem');
  await expect(recent.first()).toBeVisible();
  for (const item of await recent.all()) await expect(item.getByTestId('recent-plugin')).toHaveText(/^ · (data-pipelines|incident-response|docs-writer)$/);
  await expect(page.getByTestId('marketplace-add').locator('code')).toHaveText(ADD);

  // Plugins from other sources: summed up on the home page, listed by name on their own page with their source and
  // install command, never read.
  const summary = page.getByTestId('remote-summary');
  await expect(summary.getByRole('heading')).toHaveText('Plugins from other sources 3 plugins');
  await expect(summary).toContainText('(1 from git URLs, 1 on GitHub and 1 on npm)');
  await expect(summary.getByTestId('remote-names').getByRole('link')).toHaveText(['cloud-costs', 'release-helper', 'schema-linter']);
  await summary.getByRole('link', { name: 'release-helper' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/other-sources/' && url.hash === '#plugin-release-helper');
  await expect(page.locator('#plugin-release-helper')).toBeInViewport();
  const remote = page.getByTestId('remote-plugins').getByTestId('plugin-head');
  await expect(remote).toHaveCount(3);
  await expect(remote.first().getByTestId('plugin-source')).toHaveText('GitHub lighthouse-labs/cloud-costs');
  await expect(remote.first().getByTestId('plugin-source')).toHaveAttribute('href', 'https://github.com/lighthouse-labs/cloud-costs');
  await expect(remote.nth(1).getByTestId('plugin-install')).toHaveText('/plugin install release-helper@lighthouse-kit');
  await expectAccessible(page);
  await page.goto('');
  await expectAccessible(page);
});

test('an agent page names its plugin and installs it with two commands that copy exactly', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto('agents/triage-lead/');
  const about = page.getByTestId('agent-plugin');
  await expect(about).toContainText('Ships in the plugin incident-response');
  await expect(page.getByTestId('agent-plugin-version')).toHaveText('v0.9.0');
  await expect(about).toContainText('On-call helpers: triage, timelines and post-incident reviews.');
  await expect(page.getByTestId('category-badge')).toHaveText(/Operations/);

  const main = page.getByRole('main');
  const add = page.getByTestId('install-command-plugin-add');
  const install = page.getByTestId('install-command-plugin-install');
  await expect(add).toBeHidden();
  await main.getByRole('radio', { name: /whole plugin/i }).check();
  await expect(add).toBeVisible();
  await expect(add).toHaveText(ADD);
  await expect(install).toHaveText('/plugin install incident-response@lighthouse-kit');
  // The shell does not matter for slash commands, and the file commands give way.
  await expect(page.getByTestId('install-shell')).toBeHidden();
  await expect(page.getByTestId('install-command-project-bash')).toBeHidden();
  await expect(page.getByTestId('install-panel-plugin')).toContainText('all 3 of its agents');

  for (const [button, text] of [['copy-command-plugin-add', ADD], ['copy-command-plugin-install', '/plugin install incident-response@lighthouse-kit']] as const) {
    await page.getByTestId(button).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  }
  await expectAccessible(page);

  // The plugin link goes to the plugin's page.
  await about.getByRole('link', { name: 'incident-response' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/plugins/incident-response/');
  await expect(page.getByTestId('listing-title')).toContainText('incident-response');
});

test('the plugin choice is remembered, and an agent page shows it again', async ({ page }) => {
  await page.goto('agents/sql-tuner/');
  await page.getByRole('radio', { name: /whole plugin/i }).check();
  await page.goto('agents/pipeline-architect/');
  await expect(page.getByRole('radio', { name: /whole plugin/i })).toBeChecked();
  await expect(page.getByTestId('install-command-plugin-install')).toHaveText('/plugin install data-pipelines@lighthouse-kit');
  await expect(page.getByTestId('install-command-project-bash')).toBeHidden();
});

test('a plugin\'s page gives both steps of its install, each with a copy button', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto('plugins/incident-response/');
  const steps = page.getByTestId('plugin-install-steps').getByRole('listitem');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0).getByTestId('plugin-add')).toHaveText(ADD);
  await expect(steps.nth(1).getByTestId('plugin-install')).toHaveText('/plugin install incident-response@lighthouse-kit');
  await steps.nth(0).getByRole('button').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(ADD);
  await expectAccessible(page);
});

test('an agent whose prompt uses its plugin starts on "Whole plugin", whatever was chosen before, and says why', async ({ page }) => {
  // The reader chose "This project" on an agent that works as a copy.
  await page.goto('agents/sql-tuner/');
  await page.getByRole('main').getByRole('radio', { name: /this project/i }).check();
  await page.goto('agents/backfill-runner/');
  const main = page.getByRole('main');
  await expect(main.getByRole('radio', { name: /whole plugin/i })).toBeChecked();
  await expect(page.getByTestId('install-command-plugin-install')).toBeVisible();
  await expect(page.getByTestId('install-command-project-bash')).toBeHidden();
  // The copy is still offered, with what it leaves out.
  await main.getByRole('radio', { name: /this project/i }).check();
  await expect(page.getByTestId('install-needs-plugin-project')).toHaveText(
    'Needs its plugin. Its prompt uses files under ${CLAUDE_PLUGIN_ROOT} and the skill data-pipelines:backfill-planner from the data-pipelines plugin, which a copy of this file alone leaves out: install the whole plugin instead.',
  );
  await expectAccessible(page);
  // An agent that does not need its plugin keeps the reader's choice.
  await page.goto('agents/sql-tuner/');
  await expect(page.getByRole('main').getByRole('radio', { name: /this project/i })).toBeChecked();
  await expect(page.getByTestId('install-needs-plugin-project')).toHaveCount(0);
});

test('a plugin\'s file without a name, or without frontmatter: named after the file, as Claude Code does', async ({ page }) => {
  await page.goto('agents/timeline-keeper/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('timeline-keeper');
  await expect(page.getByTestId('name-source')).toContainText('Claude Code uses the file name');
  await expect(page.getByTestId('plugin-agent-name')).toHaveText('In Claude Code it is incident-response:timeline-keeper.');
  await page.goto('agents/runbook-reader/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('runbook-reader');
  await expect(page.getByText('Loads in Claude Code', { exact: true }).first()).toBeVisible();
  // A subfolder of agents/ is part of the name.
  await page.goto('agents/postmortem-editor/');
  await expect(page.getByTestId('plugin-agent-name')).toHaveText('In Claude Code it is incident-response:reviews:postmortem-editor.');
  await expect(page.getByTestId('name-source')).toHaveCount(0);
});

test('agents.json carries each agent\'s plugin and marketplace', async ({ request }) => {
  const catalog = await (await request.get('agents.json')).json();
  const triage = catalog.agents.find((a: { name: string }) => a.name === 'triage-lead');
  expect(triage.plugin).toEqual({
    name: 'incident-response',
    url: 'http://localhost:4321/plugins/incident-response/',
    version: '0.9.0',
    description: 'On-call helpers: triage, timelines and post-incident reviews.',
    install: '/plugin install incident-response@lighthouse-kit',
    agentName: 'incident-response:triage-lead',
    refused: null,
  });
  expect(triage.marketplace).toEqual({ name: 'lighthouse-kit', source: 'lighthouse-labs/kit' });
  expect(triage.category).toBe('operations');
  // The file the test reads is the fixture the target was built from.
  const manifest = JSON.parse(await readFile('tests/fixtures/repos/marketplace-plugins/.claude-plugin/marketplace.json', 'utf8'));
  expect(manifest.name).toBe(triage.marketplace.name);
});

test('a selection of plugin agents installs with the /plugin lines, each plugin once, instead of file downloads', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('ad-selection', JSON.stringify(['triage-lead', 'timeline-keeper', 'sql-tuner'])));
  await page.goto('selection/');
  await expect(page.getByTestId('selection-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('selection-item')).toHaveCount(3);
  await expect(page.getByTestId('selection-item').first()).toContainText('plugin incident-response');
  await expect(page.getByTestId('selection-command-plugins')).toHaveText(
    [ADD, '/plugin install incident-response@lighthouse-kit', '/plugin install data-pipelines@lighthouse-kit'].join('\n'),
  );
  await expect(page.getByTestId('selection-command-project-bash'), 'no file downloads').toBeHidden();
  await expectAccessible(page);
});

test('a model id counts as its family in the filters; the page shows the id itself', async ({ page }) => {
  await page.goto('all/?model=sonnet');
  const shown = page.locator('[data-testid="agent-row"]:visible');
  await expect(page.getByTestId('filter-count')).toHaveText(/^Showing 2 of 9 agents/);
  await expect(shown).toHaveCount(2);
  expect(await shown.evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.slug).sort())).toEqual(['sql-tuner', 'triage-lead']);
  // One Sonnet option, counting the alias and the dated id together.
  await expect(page.locator('input[name="model"]')).toHaveCount(4);
  await expect(page.locator('label', { has: page.locator('input[name="model"][value="sonnet"]') })).toContainText(/Sonnet\s*,?\s*2/);
  // Where a family is written more than one way, the exact ids are a choice of their own: every id the agents use
  // (sonnet, claude-sonnet-4-5-20250929, opus, haiku, inherit), so none seems missing beside the others.
  await expect(page.locator('input[name="model-id"]')).toHaveCount(5);
  await page.locator('input[name="model-id"][value="claude-sonnet-4-5-20250929"]').locator('xpath=..').click();
  await expect(page.getByTestId('filter-count')).toHaveText(/^Showing 1 of 9 agents/);
  await expect(page).toHaveURL((url) => url.searchParams.get('model-id') === 'claude-sonnet-4-5-20250929');
  expect(await shown.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.slug))).toEqual(['triage-lead']);
  await page.goto('agents/triage-lead/');
  await expect(page.getByTestId('model-badge')).toHaveText('model claude-sonnet-4-5-20250929');
});
