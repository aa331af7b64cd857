/**
 * Search and browsing for people who use the keyboard only: the header dialog opened with `/` or Ctrl+K, the
 * result list driven with the arrows, Enter and Alt+C, the filters reached with Tab, focus kept inside while the
 * dialog is open and given back when it closes; then the page a result opens (its words highlighted) and the
 * same page on paper. No test here clicks: every step is a key a reader presses.
 */
import type { Locator, Page } from 'playwright/test';
import { expect, expectAccessible, gotoWithTheme, SEED, test, type Theme } from './fixtures.ts';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search agents' });
const searchBox = (page: Page) => dialog(page).getByRole('combobox', { name: 'Search agents' });
const options = (page: Page) => dialog(page).getByRole('listbox', { name: 'Search results' }).getByRole('option');
const activeOption = (page: Page) => options(page).and(page.locator('[aria-selected="true"]'));
const trigger = (page: Page) => page.getByRole('banner').getByRole('button', { name: /search/i });

/** The slug of an agent page URL (`…/agents/<slug>/?highlight=…`), or undefined for any other page. */
const slugOf = (href: string) => /\/agents\/([^/]+)\/$/.exec(new URL(href).pathname)?.[1];

/** Opens `path` and waits for the header's search script: the trigger is a button only once it has run. */
async function ready(page: Page, path = ''): Promise<void> {
  await page.goto(path);
  await expect(trigger(page)).toBeVisible();
}

/** Types `term` into the open dialog and waits for the first result. */
async function searchFor(page: Page, term: string): Promise<void> {
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type(term);
  await expect(options(page).first()).toBeVisible();
  // Results appear one by one as their data loads: wait for the whole list, or a count taken now comes up short.
  await expect(dialog(page).getByRole('listbox')).not.toHaveAttribute('aria-busy', 'true');
}

/** Exactly one option is active, and it is the one the input's aria-activedescendant names. Returns its id. */
async function expectOneActive(page: Page): Promise<string> {
  await expect(activeOption(page)).toHaveCount(1);
  const id = (await activeOption(page).getAttribute('id'))!;
  await expect(searchBox(page)).toHaveAttribute('aria-activedescendant', id);
  return id;
}

/** True when `inner`'s box lies inside `outer`'s (a pixel of rounding allowed). */
async function isWithin(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return false;
  return a.y >= b.y - 1 && a.y + a.height <= b.y + b.height + 1 && a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1;
}

test.describe('opening and closing', () => {
  test('`/` on the page opens the dialog with focus in the field; Ctrl K is the hint on this platform', async ({ page }) => {
    await ready(page);
    await expect(page.getByRole('banner').locator('[data-search-kbd]')).toHaveText('Ctrl K');
    await expect(trigger(page)).toHaveAttribute('aria-keyshortcuts', 'Control+K /');
    expect(await page.evaluate(() => document.activeElement === document.body), 'focus starts on the body').toBe(true);

    await page.keyboard.press('/');
    await expect(dialog(page)).toBeVisible();
    await expect(searchBox(page)).toBeFocused();
    await expect(searchBox(page), 'the `/` that opened search is not typed into it').toHaveValue('');
  });

  test('Ctrl+K opens the dialog with focus in the field', async ({ page }) => {
    await ready(page);
    await expect(dialog(page)).toBeHidden();
    await page.keyboard.press('Control+k');
    await expect(dialog(page)).toBeVisible();
    await expect(searchBox(page)).toBeFocused();
    await expect(searchBox(page)).toHaveValue('');
  });

  test('Escape closes the dialog and gives focus back to where it was', async ({ page }) => {
    await ready(page);
    // The skip link is the first stop; `/` there opens search.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('/');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    await expect(skip).toBeFocused();

    // A header link, this time with Ctrl+K and with results showing when Escape is pressed.
    const guide = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' });
    for (let i = 0; i < 5 && !(await guide.evaluate((link) => link === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(guide).toBeFocused();
    await page.keyboard.press('Control+k');
    await searchFor(page, 'review');
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    await expect(guide).toBeFocused();
  });

  test('`/` in a text field types a slash instead of opening search', async ({ page }) => {
    await ready(page, 'all/');
    const filter = page.getByRole('searchbox', { name: 'Filter by name or summary' });
    // The catalog filters stay disabled until their script has run; a disabled field cannot take focus.
    await expect(filter).toBeEnabled();
    await filter.focus();
    await page.keyboard.press('/');
    await expect(filter).toHaveValue('/');
    await expect(filter).toBeFocused();
    await expect(dialog(page)).toBeHidden();
  });
});

test.describe('the result list', () => {
  test('↑ and ↓ move the active option, which stays scrolled into view', async ({ page }) => {
    await ready(page);
    await page.keyboard.press('/');
    await searchFor(page, 'review');

    const first = await expectOneActive(page);
    expect(first, 'the first option is active as results appear').toBe(await options(page).first().getAttribute('id'));
    const count = await options(page).count();
    const scroller = dialog(page).getByRole('region', { name: 'Results' });
    // Otherwise "stays in view" would hold without any scrolling.
    expect(await scroller.evaluate((box) => box.scrollHeight > box.clientHeight), 'results overflow their box').toBe(true);

    const seen = [first];
    for (let i = 1; i < count; i++) {
      await page.keyboard.press('ArrowDown');
      const id = await expectOneActive(page);
      expect(id, `ArrowDown #${i} moves to the next option`).toBe(await options(page).nth(i).getAttribute('id'));
      expect(await isWithin(activeOption(page), scroller), `option ${i} (${id}) is scrolled into view`).toBe(true);
      seen.push(id);
    }
    expect(new Set(seen).size, 'every option was active once').toBe(count);
    expect(await scroller.evaluate((box) => box.scrollTop), 'the list scrolled down').toBeGreaterThan(0);

    await page.keyboard.press('ArrowDown'); // wraps to the top
    expect(await expectOneActive(page)).toBe(first);
    expect(await isWithin(activeOption(page), scroller), 'the first option is back in view').toBe(true);
    await page.keyboard.press('ArrowUp'); // and back round to the bottom
    expect(await expectOneActive(page)).toBe(seen.at(-1));
    await page.keyboard.press('ArrowUp');
    expect(await expectOneActive(page)).toBe(seen.at(-2));
    expect(await isWithin(activeOption(page), scroller)).toBe(true);
    await expect(searchBox(page), 'focus never leaves the input').toBeFocused();
  });

  test('Enter opens the active result', async ({ page }) => {
    await ready(page);
    await page.keyboard.press('/');
    await searchFor(page, 'review');
    // Move to the second agent, so Enter is seen to follow the active option rather than the first.
    const firstHref = await options(page).first().evaluate((link: HTMLAnchorElement) => link.href);
    let href = firstHref;
    for (let i = 0; i < 10 && slugOf(href) === slugOf(firstHref); i++) {
      await page.keyboard.press('ArrowDown');
      href = await activeOption(page).evaluate((link: HTMLAnchorElement) => link.href);
    }
    expect(slugOf(href), 'a second agent among the results').toBeTruthy();
    expect(slugOf(href)).not.toBe(slugOf(firstHref));

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(href);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(slugOf(href)!);
  });

  test('excerpts cut out of the middle of a sentence say so', async ({ page }) => {
    await ready(page);
    await page.keyboard.press('/');
    await searchFor(page, 'review');
    const excerpts = (await dialog(page).locator('.ad-search-option__excerpt').allTextContents()).map((text) => text.trim());
    expect(excerpts.length, 'results with excerpts').toBeGreaterThan(0);
    for (const text of excerpts) {
      expect(text, 'no excerpt starts mid-sentence without an ellipsis').not.toMatch(/^[a-z]/);
      expect(text, 'none stops mid-sentence without one').toMatch(/[.!?:)”"…]$/);
    }
  });

  test('Alt+C copies the active result’s install command and says so', async ({ page, context, baseURL, basePath }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
    await ready(page);
    await page.keyboard.press('/');
    await searchFor(page, 'review');
    const copy = dialog(page).locator('[data-search-copy]');
    await expect(copy.locator('[data-search-copy-key]'), 'the hint names the key on this platform').toHaveText('Alt+C');
    await expect(copy).toBeEnabled();

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const slug = slugOf(await activeOption(page).evaluate((link: HTMLAnchorElement) => link.href));
    expect(slug, 'the active option belongs to an agent').toBeTruthy();

    await page.keyboard.press('Alt+c');
    // The button says "Copied" for 2 s only: checked first, before the announcement that stays. Its other labels keep
    // their place, unseen (.stack), so the row does not move.
    await expect(copy).toHaveAttribute('data-state', 'copied');
    await expect(copy.locator('[data-when="copied"]')).toBeVisible();
    await expect(copy.locator('[data-when="idle"]')).toBeHidden();
    const live = dialog(page).locator('[data-search-live]');
    await expect(live).toHaveText(`Copied install command for ${slug}`);
    await expect(live).toHaveAttribute('role', 'status');
    // The file where this page was loaded from (scripts/site-url.ts), as the agent page's command names it.
    const url = `${new URL(baseURL!).origin}${basePath}agents/${slug}.md`;
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `mkdir -p .claude/agents && curl -fsSL ${url} -o .claude/agents/${slug}.md`,
    );
    await expect(searchBox(page), 'nothing was typed: Alt+C is a shortcut here').toHaveValue('review');
    await expect(searchBox(page)).toBeFocused();
  });
});

test('Tab keeps focus inside the open dialog, both ways round', async ({ page }) => {
  await ready(page);
  await page.keyboard.press('/');
  await searchFor(page, 'review'); // results showing: the region and the copy button are tab stops too
  /** Where focus is: "outside" once it has left the dialog, else a short name for the control. */
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el?.closest('dialog[open]')) return `outside (${el?.tagName.toLowerCase()})`;
      if (el.matches('[data-search-input]')) return 'search field';
      return `${el.tagName.toLowerCase()} ${el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.textContent?.trim()}`;
    });
  for (const key of ['Tab', 'Shift+Tab']) {
    await searchBox(page).focus();
    const stops: string[] = [];
    // Two full rounds: five filter selects, the results, their buttons and the search field (up to ~11 stops each).
    for (let i = 0; i < 24; i++) {
      await page.keyboard.press(key);
      stops.push(await focused());
    }
    expect(stops.filter((stop) => stop.startsWith('outside')), `${key}: ${stops.join(' → ')}`).toEqual([]);
    // A cycle: back to the search field after the last stop, then the same stops again in the same order.
    const period = stops.indexOf('search field') + 1;
    expect(period, `${key} visits the filters, the results and the copy button before coming round`).toBeGreaterThan(3);
    expect(stops.slice(period, 2 * period), `${key} repeats the same round`).toEqual(stops.slice(0, period));
  }
});

test('a model filter chosen with the keyboard narrows the results to that model', async ({ page, request }) => {
  const { agents } = (await (await request.get('agents.json')).json()) as { agents: { slug: string; model?: string }[] };
  const haiku = agents.filter((agent) => agent.model === 'haiku').map((agent) => agent.slug).sort();
  expect(haiku.length, 'the catalog has haiku agents').toBeGreaterThan(0);
  expect(haiku.length, 'and agents on other models').toBeLessThan(agents.length);

  await ready(page);
  await page.keyboard.press('/');
  await searchFor(page, 'agent');
  const resultSlugs = async () =>
    (await options(page).evaluateAll((links: HTMLAnchorElement[]) => links.filter((l) => l.dataset.searchOption === 'page').map((l) => l.href)))
      .map((href) => slugOf(href) ?? href)
      .sort();
  expect((await resultSlugs()).some((slug) => !haiku.includes(slug)), 'before filtering, other models show').toBe(true);

  await page.keyboard.press('Tab');
  const model = dialog(page).getByRole('combobox', { name: 'Model' });
  await expect(model).toBeFocused();
  for (let i = 0; i < 10 && (await model.inputValue()) !== 'haiku'; i++) await page.keyboard.press('ArrowDown');
  await expect(model).toHaveValue('haiku');

  // "agent" with the filter: only haiku agents.
  await expect.poll(async () => (await resultSlugs()).every((slug) => haiku.includes(slug))).toBe(true);
  // Each result names its category and model as the selects do ("Quality · Haiku"), not as indexed.
  for (const facets of await dialog(page).locator('.ad-search-option__facets').allTextContents()) expect(facets).toMatch(/^[A-Z][^·]* · Haiku$/);

  // The filter alone: exactly the haiku agents.
  await page.keyboard.press('Shift+Tab');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect.poll(resultSlugs).toEqual(haiku);
});

test('the page a result opens highlights the searched word', async ({ page, basePath }) => {
  await ready(page);
  await page.keyboard.press('/');
  await searchFor(page, 'mlops');
  await expect(activeOption(page)).toContainText(SEED.slug);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${SEED.slug}/` && url.searchParams.get('highlight') === 'mlops');
  const marks = page.getByRole('main').locator('mark.pagefind-highlight');
  await expect(marks.first()).toBeVisible();
  for (const text of await marks.allTextContents()) expect(text.toLowerCase()).toContain('mlops');
});

test('the empty field shows the hint, and a search with no match says so', async ({ page }) => {
  await ready(page);
  await page.keyboard.press('/');
  const empty = dialog(page).getByText('Search agent names, descriptions, example conversations, principles and prompts.');
  const status = dialog(page).locator('[data-search-status]');
  await expect(empty).toBeVisible();
  await expect(status).toBeHidden();

  await page.keyboard.type('zzzzqqq');
  await expect(status).toHaveText('No agents match “zzzzqqq”. Try fewer or other words.');
  await expect(status).toBeVisible();
  await expect(empty).toBeHidden();
  await expect(dialog(page).getByRole('listbox')).toBeHidden();
  await expect(searchBox(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(searchBox(page)).not.toHaveAttribute('aria-activedescendant', /./);

  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect(empty).toBeVisible();
  await expect(status).toBeHidden();
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`the open dialog with results has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
    await gotoWithTheme(page, '', theme);
    await expect(trigger(page)).toBeVisible();
    await page.keyboard.press('Control+k'); // the theme select has focus, where `/` would be a key for it
    await searchFor(page, 'review');
    await page.keyboard.press('ArrowDown'); // an active option, with its highlight colours
    await expectOneActive(page);
    await expectAccessible(page);
  });
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`the agent page prints without chrome, on white, with link URLs, from the ${theme} theme`, async ({ page }) => {
    await gotoWithTheme(page, `agents/${SEED.slug}/`, theme);
    // No agent's prompt links out today; add the link a prompt's Markdown renders to, to see what paper shows.
    await page.getByTestId('prompt-body').evaluate((body) => {
      const p = body.appendChild(document.createElement('p'));
      p.innerHTML = 'See <a href="https://example.com/runbook" rel="nofollow noopener noreferrer">the runbook</a>.';
    });
    await page.emulateMedia({ media: 'print' });

    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(trigger(page)).toBeHidden();
    await expect(page.locator('search-dialog')).toBeHidden();
    for (const button of await page.getByRole('button', { includeHidden: true }).all()) await expect(button).toBeHidden();

    const colours = await page.evaluate(() => ({
      html: getComputedStyle(document.documentElement).backgroundColor,
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('main h1')!).color,
    }));
    expect(colours.html).toBe('rgb(255, 255, 255)');
    expect(['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'], 'the body lets the white show or is white').toContain(colours.body);
    expect(colours.text, 'headings print dark').toMatch(/^rgb\((\d{1,2}), (\d{1,2}), (\d{1,2})\)$/);

    const link = page.getByTestId('prompt-body').getByRole('link', { name: 'the runbook' });
    expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('" (https://example.com/runbook)"');
  });
}
