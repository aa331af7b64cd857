/**
 * Listings of a catalog too big for one page (the `scale` target: a generated marketplace of 450 agents, listing 250
 * plugins from other sources). Pages
 * split the list without losing or repeating an agent; filters match every agent of the listing, not only the
 * page's, from its rows.json; no page carries more than 1,500 elements.
 */
import type { Page } from 'playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';

const elements = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

test('the all-agents view splits every agent over its pages, a hundred rows each, A to Z', async ({ page }) => {
  const total = ((await (await page.request.get('agents.json')).json()) as { count: number }).count;
  const pages = Math.ceil(total / 100);
  expect(pages).toBeGreaterThan(2);
  const seen: string[] = [];
  for (let n = 1; n <= pages; n++) {
    await page.goto(n === 1 ? 'all/' : `all/${n}/`);
    await expect(page.getByTestId('filter-count')).toHaveText(`Showing ${(n - 1) * 100 + 1}–${Math.min(n * 100, total)} of ${total} agents`);
    const names = await page.getByTestId('row-list').locator('.row-name').allTextContents();
    expect(names.length).toBe(Math.min(100, total - (n - 1) * 100));
    seen.push(...names);
    expect(await elements(page), `elements on page ${n}`).toBeLessThanOrEqual(1500);
  }
  expect(new Set(seen).size).toBe(total);
  expect(seen).toEqual([...seen].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare));
});

test('filtering a paginated view matches agents of every page, a hundred at a time, and clears back to the page', async ({ page }) => {
  // Four page loads, two filters of 450 rows and an axe pass: 27 s with both cores busy (load 13), near the 30 s
  // default. Each step still waits for its state; only the bound on the whole test is wider.
  test.slow();
  await page.goto('all/');
  const last = (await page.getByTestId('pagination').getByRole('link').allTextContents()).filter((t) => /\d/.test(t)).at(-1)!.replace(/\D/g, '');
  await page.goto(`all/${last}/`);
  const far = (await page.getByTestId('row-list').locator('.row-name').last().textContent())!;
  await page.goto('all/');
  await expect(page.getByTestId('row-list').locator('.row-name', { hasText: far })).toHaveCount(0);

  const q = page.locator('#ad-filter-q');
  await q.fill(far);
  await expect(page.locator('catalog-filters')).not.toHaveAttribute('aria-busy');
  const results = page.getByTestId('result-rows');
  await expect(results.locator('.row-name', { hasText: far })).toHaveCount(1);
  await expect(results.locator('.row-name', { hasText: far })).toHaveAttribute('href', /\/agents\/[^/]+\/$/);
  await expect(page.getByTestId('pagination')).toBeHidden();
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === far);

  // A broad filter: more than a hundred matches come a hundred at a time; focus goes to the first new row.
  await q.fill('');
  await page.locator('input[name="tools"][value="custom"]').locator('xpath=..').click();
  await expect(page.locator('catalog-filters')).not.toHaveAttribute('aria-busy');
  const count = Number((await page.getByTestId('filter-count').textContent())!.match(/Showing (\d+)/)![1]);
  expect(count).toBeGreaterThan(100);
  await expect(results.locator('.agent-row')).toHaveCount(100);
  await page.getByRole('button', { name: /^Show \d+ more of/ }).click();
  await expect(results.locator('.agent-row')).toHaveCount(Math.min(count, 200));
  await expect(results.locator('.agent-row').nth(100).locator('a')).toBeFocused();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByTestId('row-list')).toBeVisible();
  await expect(page.getByTestId('pagination')).toBeVisible();
  await expect(page.getByTestId('filter-count')).toHaveText(/^Showing 1–100 of/);
});

test('a category of several pages: its pages link each other, its filters reach all of them, and pages stay small', async ({ page }) => {
  await page.goto('');
  expect(await elements(page), 'elements on the home page').toBeLessThanOrEqual(1500);
  // The largest category (tiles give counts).
  const tiles = page.getByTestId('categories-grid').locator('li');
  const counts = await tiles.getByTestId('overview-count').allTextContents();
  const biggest = counts.map((c) => Number(c.replace(/\D/g, ''))).reduce((best, n, i, all) => (n > all[best] ? i : best), 0);
  const total = Number(counts[biggest].replace(/\D/g, ''));
  expect(total, 'a category with more than one page of cards').toBeGreaterThan(40);
  await tiles.nth(biggest).getByTestId('overview-link').click();
  await expect(page.getByTestId('card-list').getByTestId('agent-card')).toHaveCount(40);
  expect(await elements(page), 'elements on a category page').toBeLessThanOrEqual(1500);
  await expectAccessible(page);
  await page.getByTestId('pagination').getByRole('link', { name: 'Next' }).click();
  await expect(page.getByTestId('card-list').getByTestId('agent-card')).toHaveCount(Math.min(40, total - 40));
  const onFirst = await page.getByTestId('pagination').getByRole('link', { name: 'Previous' }).getAttribute('href');

  // From page 2, filtering by the category's first card's name finds it on page 1.
  await page.goto(onFirst!);
  const first = (await page.getByTestId('agent-card-link').first().textContent())!;
  await page.getByTestId('pagination').getByRole('link', { name: 'Next' }).click();
  await page.locator('#ad-filter-q').fill(first);
  await expect(page.getByTestId('result-rows').locator('.row-name', { hasText: first })).toHaveCount(1);
});

test('a category named as a slug reads as words: "ai-agents" is "AI agents" on its tile, its page and its agents', async ({ page }) => {
  await page.goto('');
  const tile = page.getByTestId('categories-grid').getByTestId('overview-link').filter({ hasText: 'AI agents' });
  await expect(tile).toHaveCount(1);
  await expect(tile).toHaveAttribute('href', /\/categories\/ai-agents\/$/);
  const labels = await page.getByTestId('categories-grid').getByTestId('overview-link').allTextContents();
  expect(labels.filter((label) => /-/.test(label)), 'no tile names a category as a slug').toEqual([]);
  await tile.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('AI agents');
  await page.getByTestId('agent-card-link').first().click();
  await expect(page.getByRole('navigation', { name: /breadcrumb/i })).toContainText('AI agents');
  await expect(page.getByTestId('category-badge')).toHaveText(/category\s+AI agents/);
});

test('agents that all date from one day are not listed as "recently updated": the home page says so', async ({ page }) => {
  // The generated catalog dates every file alike (scripts/generate-agents.ts GENERATED_DATE), as a shallow clone does.
  await page.goto('');
  const recent = page.getByRole('region', { name: 'Recently updated' });
  await expect(recent.getByTestId('recently-updated-same-day')).toHaveText(/^All 450 agents date from 2026-01-15: the history this site was built from does not tell their updates apart\.$/);
  await expect(recent.getByRole('listitem')).toHaveCount(0);
  await expect(recent.getByRole('link', { name: /^RSS/ })).toBeVisible();
});

test('250 plugins from other sources: a summary on the home page, and pages of their own, fifty each, A to Z', async ({ page }) => {
  // Six page loads and two axe passes: past 30 s with both cores busy. Each step waits for its state.
  test.slow();
  const catalog = (await (await page.request.get('agents.json')).json()) as { plugins: Array<{ name: string; source: string }> };
  const remote = catalog.plugins.filter((p) => p.source !== 'local').map((p) => p.name);
  expect(remote).toHaveLength(250);
  const sorted = [...remote].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare);

  await page.goto('');
  const summary = page.getByTestId('remote-summary');
  await expect(summary.getByRole('heading')).toHaveText('Plugins from other sources 250 plugins');
  // The generator takes GitHub, a git URL, a git sub-folder and npm in turn.
  await expect(summary).toContainText('(125 from git URLs, 63 on GitHub and 62 on npm)');
  await expect(summary.getByTestId('remote-names').getByRole('link')).toHaveText(sorted.slice(0, 6));
  expect(await elements(page), 'elements on the home page').toBeLessThanOrEqual(1500);

  await summary.getByTestId('remote-all').click();
  const seen: string[] = [];
  for (let n = 1; n <= 5; n++) {
    if (n > 1) await page.getByTestId('pagination').getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL((url) => url.pathname === (n === 1 ? '/other-sources/' : `/other-sources/${n}/`));
    await expect(page.getByTestId('remote-count')).toHaveText(`250 plugins, by name: ${(n - 1) * 50 + 1}–${n * 50}, page ${n} of 5`);
    const names = await page.getByTestId('remote-plugins').locator('.plugin-name').evaluateAll((all) => all.map((h) => h.lastChild!.textContent!.trim()));
    expect(names).toHaveLength(50);
    seen.push(...names);
    expect(await elements(page), `elements on page ${n}`).toBeLessThanOrEqual(1500);
    if (n === 1) await expectAccessible(page);
  }
  expect(seen).toEqual(sorted);
});
