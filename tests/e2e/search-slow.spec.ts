/**
 * Search on a slow machine or a slow network: whatever order Pagefind's answers arrive in, and however far behind
 * the typing they fall, the list ends up showing the results of what is in the field, in Pagefind's order, and says
 * how many there are. Slowness is forced, not hoped for: the index and result files are held back in the order they
 * are asked for (the first the longest, so answers to early keystrokes arrive after later ones), and the CPU is
 * throttled through the Chrome DevTools Protocol. The expected list comes from Pagefind itself, asked once the
 * dialog has settled. Against a controller without its checks for superseded searches, the first test failed in 3
 * of 4 runs (the list mixed the answers to "r", "re", … "review").
 */
import type { Page } from 'playwright/test';
import { expect, test } from './fixtures.ts';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search agents' });
const searchBox = (page: Page) => dialog(page).getByRole('combobox', { name: 'Search agents' });
const list = (page: Page) => dialog(page).getByRole('listbox', { name: 'Search results', includeHidden: true });

/** Holds back each request for Pagefind's index, fragments and filters: the first by `longest` ms, each later one less. */
async function slowIndex(page: Page, longest: number): Promise<void> {
  let held = 0;
  await page.route(/\/pagefind\/(index|fragment|filter)\//, async (route) => {
    const delay = Math.max(50, longest - 150 * held++);
    await new Promise((resolve) => setTimeout(resolve, delay));
    await route.continue();
  });
}

/** Waits until the dialog has settled on `term`: not loading, not busy, and showing results for it. */
async function settled(page: Page, term: string): Promise<void> {
  await expect(searchBox(page)).toHaveValue(term);
  await expect(dialog(page).locator('[data-search-panel]')).toHaveAttribute('data-state', 'results');
  await expect(list(page)).not.toHaveAttribute('aria-busy', 'true');
}

/** The page options shown, in order, against Pagefind's own first results for `term` (as many as are shown). */
async function shownAndExpected(page: Page, basePath: string, term: string): Promise<{ shown: string[]; expected: string[]; total: number }> {
  const shown = await list(page)
    .locator('[data-search-option="page"]')
    .evaluateAll((links: HTMLAnchorElement[]) => links.map((link) => link.href));
  const { urls, total } = await page.evaluate(
    async ({ term, count, basePath }) => {
      // Pagefind in the page, configured as the search worker configures its own (src/scripts/search-pagefind.ts).
      const pagefind = await import(/* @vite-ignore */ `${basePath}pagefind/pagefind.js`);
      await pagefind.options({ basePath: `${basePath}pagefind/`, baseUrl: basePath, highlightParam: 'highlight', excerptLength: 20 });
      const found = await pagefind.search(term);
      const data = await Promise.all(found.results.slice(0, count).map((result: { data(): Promise<{ url: string }> }) => result.data()));
      return { urls: data.map((fragment) => new URL(fragment.url, location.href).href), total: found.results.length as number };
    },
    { term, count: shown.length, basePath },
  );
  return { shown, expected: urls, total };
}

/**
 * Opens the dialog and searches "mlops" once, so Pagefind and its index are loaded and every later keystroke is a
 * search of its own (before Pagefind loads, keystrokes only wait for it and one search runs for the whole word).
 * Then selects the field's text, so the next key replaces it.
 */
test.beforeEach(async ({ page }) => {
  await page.goto('');
  await expect(page.getByRole('banner').getByRole('button', { name: /search/i })).toBeVisible();
  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('mlops');
  await settled(page, 'mlops');
  await page.keyboard.press('Control+a');
});

test('answers that arrive late and out of order still end on the results of the last keystroke', async ({ page, basePath }) => {
  await slowIndex(page, 1_200);
  // Key by key, each a search of its own while the ones before it are still waiting for their files.
  await page.keyboard.type('review', { delay: 80 });
  await settled(page, 'review');
  const { shown, expected, total } = await shownAndExpected(page, basePath, 'review');
  expect(shown.length, 'some results are shown').toBeGreaterThan(0);
  expect(shown, 'the results of "review", in Pagefind’s order').toEqual(expected);
  await expect(dialog(page).locator('[data-search-live]')).toHaveText(`${total} result${total === 1 ? '' : 's'}`);
});

test('on a CPU slowed four times, deleting back to a shorter word shows that word’s results', async ({ page, basePath }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await slowIndex(page, 600);
  await page.keyboard.type('reviewer');
  // Backspaces land while "reviewer" (and its prefixes) are still being searched.
  for (let i = 0; i < 'ewer'.length; i++) await page.keyboard.press('Backspace');
  await settled(page, 'revi');
  const { shown, expected, total } = await shownAndExpected(page, basePath, 'revi');
  expect(shown.length, 'some results are shown').toBeGreaterThan(0);
  expect(shown, 'the results of "revi", in Pagefind’s order').toEqual(expected);
  await expect(dialog(page).locator('[data-search-live]')).toHaveText(`${total} result${total === 1 ? '' : 's'}`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});
