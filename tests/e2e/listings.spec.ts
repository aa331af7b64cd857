/**
 * The listings on any catalog: a page per category and per plugin with exactly its agents, links to them from the
 * home page, breadcrumbs and badges, the all-agents view's filters with their state in the URL, and the home page's
 * old links (`/?model=…`, `/#category-…`) still arriving where they meant to.
 */
import type { APIResponse, Page } from 'playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';

interface JsonAgent {
  slug: string;
  category: string;
  categoryUrl: string;
  plugin: { name: string; url: string } | null;
  url: string;
}

async function catalog(page: Page): Promise<JsonAgent[]> {
  const response = await page.request.get('agents.json');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { agents: JsonAgent[] }).agents;
}

/** The path of an absolute URL of agents.json, to open on the server under test. */
const pathOf = (url: string) => new URL(url).pathname;

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Slugs of every card or row of a listing, following its pages by their "Next" links. The pages are fetched and
 * read as text rather than opened: a catalog of several hundred agents has dozens of listing pages. (Only cards and
 * rows carry these test ids; the filters' row template has none.)
 */
async function listed(page: Page, path: string): Promise<string[]> {
  const slugs: string[] = [];
  for (let next: string | undefined = path; next; ) {
    const response: APIResponse = await page.request.get(next);
    expect(response.ok(), next).toBe(true);
    const html: string = await response.text();
    slugs.push(...[...html.matchAll(/data-testid="agent-(?:card|row)" data-slug="([^"]*)"/g)].map((m) => unescape(m[1])));
    const link: string | undefined = /<a [^>]*rel="next"[^>]*>/.exec(html)?.[0];
    next = link && unescape(/href="([^"]*)"/.exec(link)![1]);
  }
  return slugs;
}

test('every category page and every plugin page lists exactly its agents, over all its pages', async ({ page }) => {
  const agents = await catalog(page);
  const expected = new Map<string, string[]>();
  for (const agent of agents) {
    for (const url of [agent.categoryUrl, agent.plugin?.url]) if (url) expected.set(pathOf(url), [...(expected.get(pathOf(url)) ?? []), agent.slug]);
  }
  expect(expected.size).toBeGreaterThan(0);
  for (const [path, slugs] of expected) expect((await listed(page, path)).sort(), path).toEqual(slugs.sort());
});

test('the home page links each category once, with its count; an agent page links its category and plugin pages', async ({ page, basePath }) => {
  const agents = await catalog(page);
  const categories = [...new Set(agents.map((a) => pathOf(a.categoryUrl)))];
  await page.goto('');
  const tiles = page.getByTestId('categories-grid').getByTestId('overview-link');
  expect((await tiles.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).sort()).toEqual(categories.sort());
  const first = agents[0];
  const tile = page.getByTestId('categories-grid').locator('li', { has: page.locator(`a[href="${pathOf(first.categoryUrl)}"]`) });
  await expect(tile.getByTestId('overview-count')).toHaveText(`${agents.filter((a) => a.category === first.category).length} agent${agents.filter((a) => a.category === first.category).length === 1 ? '' : 's'}`);

  // From an agent page: the breadcrumb and the category badge lead to the category page, which lists the agent.
  await page.goto(pathOf(first.url));
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link');
  await expect(crumbs).toHaveCount(2);
  await expect(crumbs.first()).toHaveAttribute('href', basePath);
  await expect(page.getByTestId('category-badge')).toHaveAttribute('href', pathOf(first.categoryUrl));
  await crumbs.last().click();
  await expect(page).toHaveURL((url) => url.pathname === pathOf(first.categoryUrl));
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link')).toHaveCount(1);
  const withPlugin = agents.find((a) => a.plugin);
  if (withPlugin) {
    await page.goto(pathOf(withPlugin.url));
    await page.getByTestId('plugin-badge').click();
    await expect(page).toHaveURL((url) => url.pathname === pathOf(withPlugin.plugin!.url));
    await expect(page.getByTestId('listing-title')).toContainText(withPlugin.plugin!.name);
  }
});

test("the home page's old links arrive: a filter opens the all-agents view filtered, a section's anchor its page", async ({ page, basePath }) => {
  await page.goto('?q=e');
  await expect(page).toHaveURL((url) => url.pathname === `${basePath}all/` && url.searchParams.get('q') === 'e');
  await expect(page.locator('#ad-filter-q')).toHaveValue('e');
  await expect(page.getByTestId('filter-count')).toHaveText(/^Showing \d+ of \d+ agents?$/);

  await page.goto('');
  const tile = page.getByTestId('categories-grid').locator('li[id^="category-"]').first();
  const [id, href] = [await tile.getAttribute('id'), await tile.getByTestId('overview-link').getAttribute('href')];
  await page.goto(`#${id}`);
  await expect(page).toHaveURL((url) => url.pathname === href);
  await expect(page.getByTestId('listing-title')).toBeVisible();
});

test('the all-agents view filters by every facet, keeps the state in the URL, and passes axe', async ({ page }) => {
  await page.goto('all/');
  const filters = page.locator('catalog-filters');
  await expect(page.locator('[data-filter-fields]')).toBeEnabled();
  const status = page.getByTestId('filter-count');
  const total = (await catalog(page)).length;
  const facets = await page.locator('fieldset.ad-filters__facet input[type=checkbox]').evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
  expect(facets.length, 'facets with more than one option').toBeGreaterThan(1);
  for (const facet of facets) {
    const option = page.locator(`input[name="${facet}"]`).first();
    const value = await option.getAttribute('value');
    const label = option.locator('xpath=..');
    const count = Number((await label.locator('[data-count]').textContent())!.replace(/,/g, ''));
    await label.click();
    await expect(filters).not.toHaveAttribute('aria-busy');
    await expect(status).toHaveText(`Showing ${count.toLocaleString('en')} of ${total.toLocaleString('en')} agent${total === 1 ? '' : 's'}`);
    await expect(page).toHaveURL((url) => url.searchParams.getAll(facet).includes(value!));
    const shown = page.getByTestId('listing').locator('.agent-row:visible');
    await expect(shown).toHaveCount(Math.min(count, 100));
    // The state comes back on reload, and Back undoes the tick.
    await page.reload();
    await expect(page.locator(`input[name="${facet}"][value="${value}"]`)).toBeChecked();
    await expect(status).toHaveText(`Showing ${count.toLocaleString('en')} of ${total.toLocaleString('en')} agent${total === 1 ? '' : 's'}`);
    await page.goBack();
    await expect(page).toHaveURL((url) => !url.searchParams.has(facet));
    await expect(page.locator(`input[name="${facet}"][value="${value}"]`)).not.toBeChecked();
  }
  await expectAccessible(page);
});
