/**
 * A marketplace with an aggregate plugin repeating its topic plugins' files (tests/fixtures/repos/aggregate-market,
 * the "aggregate" target): in Claude Code `all-agents:diff-reader` and `review-tools:diff-reader` are two agents, so
 * both are published, and wherever an agent is listed its plugin tells them apart: rows, cards, search results, a
 * Plugin filter, and each page saying where the same file also ships.
 */
import { expect, expectAccessible, test } from './fixtures.ts';

test('every listing names the plugin, and the Plugin filter keeps one of them', async ({ page }) => {
  await page.goto('all/');
  const rows = page.getByTestId('agent-row');
  await expect(rows).toHaveCount(6);
  const twins = rows.filter({ has: page.locator('.row-name', { hasText: /^diff-reader$/ }) });
  await expect(twins.getByTestId('row-plugin')).toHaveText(['plugin all-agents', 'plugin review-tools']);

  const form = page.getByRole('form', { name: 'Filter agents' });
  await form.getByRole('group', { name: 'Plugin' }).getByRole('checkbox', { name: /review-tools/ }).check();
  await expect(page.getByTestId('filter-count')).toHaveText('Showing 2 of 6 agents');
  await expect(rows.filter({ visible: true }).getByTestId('row-plugin')).toHaveText(['plugin review-tools', 'plugin review-tools']);
  await expect(page).toHaveURL(/[?&]plugin=review-tools/);
  await expectAccessible(page);

  // A category's cards carry their plugin too.
  await page.goto('categories/quality/');
  await expect(page.getByTestId('agent-card').getByTestId('plugin-badge')).toHaveText(['plugin review-tools', 'plugin review-tools']);
});

test('each copy says where the same file also ships, and links to it', async ({ page }) => {
  await page.goto('all/');
  await page.getByTestId('agent-row').filter({ has: page.getByTestId('row-plugin').filter({ hasText: 'review-tools' }) }).getByRole('link', { name: 'diff-reader' }).click();
  await expect(page.getByTestId('plugin-agent-name')).toHaveText('In Claude Code it is review-tools:diff-reader.');
  const same = page.getByTestId('same-text');
  await expect(same).toHaveText('The same file, byte for byte, also ships in the plugin all-agents: in Claude Code each is an agent of its own plugin.');
  await same.getByRole('link', { name: 'in the plugin all-agents' }).click();
  await expect(page.getByTestId('plugin-agent-name')).toHaveText('In Claude Code it is all-agents:diff-reader.');
  await expect(page.getByTestId('same-text')).toContainText('also ships in the plugin review-tools');
  await expectAccessible(page);
  // The copy that drifted by two words is another text: no such line.
  await page.goto('all/');
  await page.getByTestId('agent-row').filter({ has: page.getByTestId('row-plugin').filter({ hasText: 'ops-tools' }) }).getByRole('link').first().click();
  await expect(page.getByTestId('agent-name')).toHaveText('pager-scribe');
  await expect(page.getByTestId('same-text')).toHaveCount(0);
});

test('search results name each copy\'s plugin first', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('/');
  await page.keyboard.type('diff-reader');
  const options = page.getByRole('dialog').getByRole('option').filter({ has: page.locator('.ad-search-option__title', { hasText: /^diff-reader$/ }) });
  await expect(options).toHaveCount(2);
  await expect(options.locator('.ad-search-option__facets')).toHaveText([/^(all-agents|review-tools) · /, /^(all-agents|review-tools) · /]);
  const plugins = (await options.locator('.ad-search-option__facets').allTextContents()).map((text) => text.split(' · ')[0]).sort();
  expect(plugins).toEqual(['all-agents', 'review-tools']);
});
