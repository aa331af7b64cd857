/**
 * A reader who knows roughly what they want types it into search and goes straight there.
 */
import type { Locator, Page } from 'playwright/test';
import { expect, SEED, test } from './fixtures.ts';

test('searching "mlops" finds the seed and Enter opens it', async ({ page, basePath }) => {
  await page.goto('');
  await page.getByRole('banner').getByRole('button', { name: /search/i }).click();

  const box = page.getByRole('dialog', { name: /search/i }).getByRole('combobox', { name: /search/i });
  await expect(box).toBeFocused();
  await box.fill('mlops');

  const options = page.getByRole('dialog').getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText(SEED.slug);
  await box.press('Enter');

  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${SEED.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(SEED.slug));
});

test('the search page finds the seed as the reader types', async ({ page, basePath }) => {
  await page.goto('search/');
  const main = page.getByRole('main');
  const box = main.getByRole('combobox', { name: /search/i });
  await expect(box).toBeFocused();
  // Typed key by key: the page loads its search code on the first key press.
  await box.pressSequentially('mlops');
  const first = main.getByRole('listbox').getByRole('option').first();
  await expect(first).toContainText(SEED.slug);

  await box.press('Enter');
  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${SEED.slug}/`);
});

test('a shared search link (?q=) shows its results', async ({ page }) => {
  await page.goto('search/?q=mlops');
  const main = page.getByRole('main');
  await expect(main.getByRole('combobox', { name: /search/i })).toHaveValue('mlops');
  await expect(main.getByRole('listbox').getByRole('option').first()).toContainText(SEED.slug);
});

test("the filter selects show the counts Pagefind's own index has, without loading its filters", async ({ page, basePath }) => {
  await page.goto('search/');
  const pagefindFilters: string[] = [];
  page.on('request', (request) => void (request.url().endsWith('.pf_filter') && pagefindFilters.push(request.url())));
  const box = page.getByRole('main').getByRole('combobox', { name: /search/i });
  await box.pressSequentially('review');
  await expect(page.getByRole('main').getByRole('listbox').getByRole('option').first()).toBeVisible();
  expect(pagefindFilters, 'a query without a filter fetches none of Pagefind filter indexes').toEqual([]);

  const [ours, pagefinds] = await page.evaluate(async (base) => {
    const pagefind = await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`);
    await pagefind.init();
    return [await (await fetch(`${base}search-filters.json`)).json(), await pagefind.filters()];
  }, basePath);
  type Options = Record<string, Array<{ value: string; label: string; count: number }>>;
  // Ours lists each filter's values with labels; Pagefind counts the same values (a filter no agent has, it leaves out).
  const counts = (options: Options) =>
    Object.fromEntries(Object.entries(options).filter(([, values]) => values.length).map(([name, values]) => [name, Object.fromEntries(values.map((v) => [v.value, v.count]))]));
  const sorted = (counts: Record<string, Record<string, number>>) =>
    Object.fromEntries(Object.entries(counts).sort().map(([name, values]) => [name, Object.fromEntries(Object.entries(values).sort())]));
  // Ours leaves out a value every agent has: it would narrow nothing (facets.ts `narrowing`).
  const total = ((await (await page.request.get('agents.json')).json()) as { count: number }).count;
  const narrowing = (counts: Record<string, Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(counts)
        .map(([name, values]) => [name, Object.fromEntries(Object.entries(values).filter(([, n]) => n < total))] as const)
        .filter(([, values]) => Object.keys(values).length),
    );
  expect(sorted(counts(ours as Options))).toEqual(sorted(narrowing(pagefinds)));

  // The selects read as the catalog's filters: model families, colour groups, tool access, in the catalog's words.
  const select = (name: string) => page.getByRole('main').locator(`select[data-search-filter="${name}"]`);
  const sonnet = (ours as Options).model.find((o) => o.value === 'sonnet')!;
  await expect(select('model').locator('option', { hasText: `Sonnet (${sonnet.count})` })).toHaveCount(1);
  const labels = async (name: string) => (await select(name).locator('option').allTextContents()).slice(1).map((text) => text.replace(/ \(\d+\)$/, ''));
  expect(await labels('model')).toEqual((ours as Options).model.map((o) => o.label));
  expect((await labels('model')).every((label) => ['Opus', 'Sonnet', 'Haiku', 'Inherit', 'Other'].includes(label))).toBe(true);
  expect((await labels('color')).every((label) => /^(red|blue|green|yellow|purple|orange|pink|cyan|other colours|no colour)$/.test(label))).toBe(true);
  expect((await labels('tools')).every((label) => ['All tools (inherits)', 'Read-only: no Write, Edit or Bash', 'Custom list', 'Uses MCP tools'].includes(label))).toBe(true);
});

/**
 * Full text: "discrepancies" is in api-docs-writer's prompt only, in its last section ("Output Format"), and nowhere
 * above it on the page (not its description, examples or principles) nor on any other page of the seed catalog.
 */
const DEEP = { word: 'discrepancies', slug: 'api-docs-writer', section: 'output-format', title: 'Output Format' } as const;

/** Follows the result's section option and checks the page opens at that section, with the word marked in it. */
async function opensAtSection(page: Page, basePath: string, section: Locator) {
  await expect(section).toHaveAttribute('href', new RegExp(`/agents/${DEEP.slug}/.*#${DEEP.section}$`));
  await section.click();
  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${DEEP.slug}/` && url.hash === `#${DEEP.section}`);
  const heading = page.getByRole('main').locator(`h3#${DEEP.section}`);
  await expect(heading).toHaveText(DEEP.title);
  await expect(heading).toBeInViewport();
  const mark = page.getByRole('main').locator('mark.pagefind-highlight', { hasText: new RegExp(DEEP.word, 'i') });
  await expect(mark).toBeVisible();
  await expect(mark).toBeInViewport();
}

test('a word found only deep inside a prompt is found in the dialog and opens the prompt at its section', async ({ page, basePath }) => {
  await page.goto('');
  await page.getByRole('banner').getByRole('button', { name: /search/i }).click();
  const dialog = page.getByRole('dialog', { name: /search/i });
  await dialog.getByRole('combobox', { name: /search/i }).fill(DEEP.word);

  const options = dialog.getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText(DEEP.slug);
  const section = options.filter({ hasText: DEEP.title }).first();
  await expect(section).toContainText(DEEP.word, { ignoreCase: true });
  await opensAtSection(page, basePath, section);
});

test('the search page finds a word deep inside a prompt and opens the prompt at its section', async ({ page, basePath }) => {
  await page.goto(`search/?q=${DEEP.word}`);
  const options = page.getByRole('main').getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText(DEEP.slug);
  await opensAtSection(page, basePath, options.filter({ hasText: DEEP.title }).first());
});

/** Opens the dialog from the home page with `/`, searches `term` and returns the first option. */
async function searchFromHome(page: Page, term: string): Promise<Locator> {
  await page.goto('');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: /search/i });
  await dialog.getByRole('combobox', { name: /search/i }).fill(term);
  return dialog.getByRole('listbox').getByRole('option').first();
}

/** The paths the page and its workers request, as they come. */
function pathsRequestedBy(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => void paths.push(new URL(request.url()).pathname));
  return paths;
}

/** The page's search workers (src/scripts/search-worker.ts) running now. */
const searchWorkers = (page: Page) => page.workers().filter((worker) => /search-worker/.test(new URL(worker.url()).pathname));

/** The page's console warnings, as they come. */
function warningsOf(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())));
  return warnings;
}

/**
 * The search runs in a worker of its own (src/scripts/search-worker.ts), which keeps Pagefind and every result it
 * finds: the page gets the count and the results it shows, so typing stays smooth however many pages match.
 */
test('the search runs in its own worker: Pagefind neither loads in the page nor starts a worker of its own', async ({ page }) => {
  const fetched = pathsRequestedBy(page);
  await expect(await searchFromHome(page, 'review')).toBeVisible();
  expect(searchWorkers(page)).toHaveLength(1);
  // Pagefind loaded in the page would start a worker of its own to search in.
  expect(fetched.filter((path) => path.endsWith('/pagefind-worker.js')), "Pagefind's own worker is not started").toEqual([]);
  expect(fetched.filter((path) => path.endsWith('/pagefind.js')), 'the search worker loads Pagefind').toHaveLength(1);
});

test('an empty search worker starts while the page is idle, and Pagefind loads only once the reader searches', async ({ page }) => {
  const fetched = pathsRequestedBy(page);
  await page.goto('');
  await expect.poll(() => searchWorkers(page).length, 'started once the page is idle').toBe(1);
  expect(fetched.filter((path) => path.includes('/pagefind/')), 'no Pagefind file before the reader searches').toEqual([]);

  await page.keyboard.press('/');
  await page.getByRole('dialog', { name: /search/i }).getByRole('combobox', { name: /search/i }).fill('mlops');
  await expect(page.getByRole('dialog').getByRole('listbox').getByRole('option').first()).toContainText(SEED.slug);
  expect(searchWorkers(page), 'the search took the idle worker rather than starting another').toHaveLength(1);
});

test('where the search worker cannot start, the search runs in the page and finds the same', async ({ page }) => {
  const warnings = warningsOf(page);
  // The worker's own script (search-worker-<hash>.js), not the code that starts it (search-worker-start.<hash>.js).
  await page.route(/\/search-worker-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
  await expect(await searchFromHome(page, 'mlops')).toContainText(SEED.slug);
  expect(warnings.some((text) => text.includes('searching in the page'))).toBe(true);
});

test('where Pagefind does not load in the search worker, the page loads it and finds the same', async ({ page }) => {
  const warnings = warningsOf(page);
  // The worker's requests for pagefind.js fail (it sends the worker's script as referrer), as in a browser whose
  // workers cannot import modules; the page's go through.
  const asked: string[] = [];
  await page.route(/\/pagefind\/pagefind\.js$/, async (route) => {
    const fromWorker = /search-worker/.test((await route.request().headerValue('referer')) ?? '');
    asked.push(fromWorker ? 'worker' : 'page');
    await (fromWorker ? route.abort() : route.continue());
  });
  await expect(await searchFromHome(page, 'mlops')).toContainText(SEED.slug);
  expect(asked, 'the worker tried, then the page').toContain('worker');
  expect(asked.at(-1)).toBe('page');
  expect(warnings.some((text) => text.includes('Pagefind did not load in it'))).toBe(true);
});

test('the dialog shows how many results there are, and more than the first of them', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog');
  await dialog.locator('[data-search-input]').fill('review');
  const count = dialog.getByTestId('search-count');
  await expect(count).toHaveText(/^\d+ results$|^\d+ of \d+ results$/);
  // Results arrive one by one; the count is checked against the list once it is complete.
  await expect(dialog.getByRole('listbox')).not.toHaveAttribute('aria-busy', 'true');
  const options = dialog.getByRole('listbox').locator('[data-search-option="page"]');
  const shown = await options.count();
  const total = Number((await count.textContent())!.match(/(\d+) results/)![1]);
  expect(total).toBeGreaterThan(1);
  await expect(count).toHaveText(shown < total ? `${shown} of ${total} results` : `${total} results`);
  // One section under each result in the dialog: the second result starts inside the box, not below its fold.
  await expect(dialog.getByRole('listbox').locator('.ad-search-result').first().locator('[data-search-option="section"]')).toHaveCount(1);
  const [box, second] = await Promise.all([dialog.locator('.ad-search-body').boundingBox(), options.nth(1).boundingBox()]);
  expect(second!.y, 'the second result begins in sight').toBeLessThan(box!.y + box!.height);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the open dialog stands out from the page behind it in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('');
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const { backdrop, page: behind, surface } = await dialog.evaluate((node) => ({
      backdrop: getComputedStyle(node, '::backdrop').backgroundColor,
      page: getComputedStyle(document.documentElement).backgroundColor,
      surface: getComputedStyle(node).backgroundColor,
    }));
    // The page as the backdrop leaves it, against the dialog's surface: in a dark theme the page is near black
    // already, so a backdrop that only dims leaves the dialog looking like more of the same page (1.2:1 measured).
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const [r, g, b, a = 1] = rgb(backdrop);
    const under = rgb(behind);
    const dimmed = [r!, g!, b!].map((c, i) => c * a + under[i]! * (1 - a));
    const luminance = (c: number[]) =>
      c.slice(0, 3).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [hi, lo] = [luminance(rgb(surface)), luminance(dimmed)].sort((x, y) => y - x);
    expect((hi! + 0.05) / (lo! + 0.05), `dialog ${surface} against the page under ${backdrop}`).toBeGreaterThanOrEqual(1.5);
  });
}
