/**
 * A reader narrows the all-agents view (/all/) with the keyboard: text, a model, a category. The URL holds the
 * filters, so reload and back/forward bring back the same form and the same rows. Every state is checked against an
 * oracle that filters the rows' data-* attributes here, independently of the page's script. (A catalog of one page:
 * the rows are filtered in place. listings-scale.spec.ts covers listings of several pages.)
 */
import type { Page } from 'playwright/test';
import { expect, expectAccessible, gotoWithTheme, test, type Theme } from './fixtures.ts';

const FACETS = ['category', 'model', 'color', 'tools', 'can', 'model-id', 'plugin'] as const;
type Facet = (typeof FACETS)[number];
type Filters = { q: string } & Record<Facet, string[]>;

interface CardData {
  slug: string;
  values: Record<Facet, string[]>;
  text: string;
  visible: boolean;
}

const filters = (partial: Partial<Filters> = {}): Filters => ({ q: '', category: [], model: [], color: [], tools: [], can: [], 'model-id': [], plugin: [], ...partial });
const textField = (page: Page) => page.getByRole('searchbox', { name: 'Filter by name or summary' });
const form = (page: Page) => page.getByRole('form', { name: 'Filter agents' });

async function readCards(page: Page): Promise<CardData[]> {
  // data-facets: the row's values per facet, in FACETS order (facets.ts agentFacets), what the filters match.
  const read = await page.locator('[data-testid="agent-row"]').evaluateAll((cards: HTMLElement[]) =>
    cards.map((card) => ({
      slug: card.dataset.slug!,
      facets: JSON.parse(card.dataset.facets ?? '[]') as string[][],
      text: `${card.querySelector('.row-name')?.textContent} ${card.querySelector('.row-summary')?.textContent}`.toLowerCase(),
      visible: card.checkVisibility(),
    })),
  );
  return read.map(({ facets, ...card }) => ({ ...card, values: Object.fromEntries(FACETS.map((facet, i) => [facet, facets[i] ?? []])) as Record<Facet, string[]> }));
}

/** The oracle: does `card` pass the text and every facet, except the one named in `ignore`? */
function matches(card: CardData, f: Filters, ignore?: Facet): boolean {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.every((word) => card.text.includes(word))) return false;
  return FACETS.every((facet) => facet === ignore || !f[facet].length || card.values[facet].some((v) => f[facet].includes(v)));
}

/** Everything a reader sees of the filters at one moment, read in one round trip so the reading is consistent. */
interface Seen {
  url: string;
  q: string;
  checked: Record<Facet, string[]>;
  cards: CardData[];
  /** The text of the role="status" line that starts with "Showing". */
  status: string[];
  /** Per option, `facet=value` → its count text. */
  counts: Record<string, string>;
  emptyVisible: boolean;
}

async function readPage(page: Page): Promise<Seen> {
  const cards = await readCards(page);
  const rest = await form(page).evaluate((formElement: HTMLFormElement, facets: readonly string[]) => {
    const checked = Object.fromEntries(
      facets.map((facet) => [facet, [...formElement.querySelectorAll<HTMLInputElement>(`input[name="${facet}"]:checked`)].map((i) => i.value)]),
    );
    const counts: Record<string, string> = {};
    for (const facet of facets) {
      for (const input of formElement.querySelectorAll<HTMLInputElement>(`label input[name="${facet}"]`)) {
        counts[`${facet}=${input.value}`] = input.closest('label')!.querySelector('[data-count]')?.textContent ?? '(no count)';
      }
    }
    const status = [...document.querySelectorAll('[role="status"]')].map((node) => node.textContent ?? '').filter((text) => /^Showing/.test(text));
    const empty = [...document.querySelectorAll('p')].filter((p) => p.textContent === 'No agents match these filters.');
    return {
      url: location.href,
      q: (formElement.elements.namedItem('q') as HTMLInputElement).value,
      checked,
      status,
      counts,
      emptyVisible: empty.some((p) => p.checkVisibility()),
    };
  }, FACETS);
  return { ...rest, cards, checked: rest.checked as Record<Facet, string[]> };
}

/**
 * The page agrees with `expected` everywhere a reader looks: the URL, the form, which rows show,
 * the option counts, the status line and the empty state. Returns the visible slugs.
 *
 * The page is read whole in one round trip and compared at once, retried until it agrees: filtering runs on each
 * input event, so the state settles a moment after the key, and on a loaded machine one locator assertion per
 * option (~40 round trips a reading) took longer than the wait itself.
 */
async function expectFilters(page: Page, expected: Filters): Promise<string[]> {
  let visible: string[] = [];
  await expect(async () => {
    const seen = await readPage(page);
    const params = new URL(seen.url).searchParams;
    expect(params.get('q') ?? '', 'q in the URL').toBe(expected.q);
    for (const facet of FACETS) expect(params.getAll(facet).sort(), `${facet} in the URL`).toEqual([...expected[facet]].sort());

    expect(seen.q, 'the text field').toBe(expected.q);
    for (const facet of FACETS) expect([...seen.checked[facet]].sort(), `${facet} checkboxes`).toEqual([...expected[facet]].sort());

    const { cards } = seen;
    const wanted = cards.filter((card) => matches(card, expected)).map((card) => card.slug);
    visible = cards.filter((card) => card.visible).map((card) => card.slug);
    expect(visible, 'visible cards').toEqual(wanted);

    const active = expected.q.trim() !== '' || FACETS.some((facet) => expected[facet].length > 0);
    const agents = (n: number) => `${n} agent${n === 1 ? '' : 's'}`;
    expect(seen.status, 'the status line').toEqual([active ? `Showing ${wanted.length} of ${agents(cards.length)}` : `Showing all ${agents(cards.length)}`]);

    // Each option's count: the cards that would show with that option ticked (alone in its facet).
    const counts: Record<string, string> = {};
    for (const key of Object.keys(seen.counts)) {
      const [facet, value] = key.split(/=(.*)/s) as [Facet, string];
      counts[key] = String(cards.filter((card) => matches(card, expected, facet) && card.values[facet].includes(value)).length);
    }
    expect(Object.keys(counts).length, 'options with counts').toBeGreaterThan(0);
    expect(seen.counts, 'option counts').toEqual(counts);

    expect(seen.emptyVisible, 'the empty state').toBe(wanted.length === 0);
  }).toPass();
  return visible;
}

/** Presses `key` (Tab or Shift+Tab) until the focused element matches `selector`; fails if it never does. */
async function tabTo(page: Page, selector: string, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

async function openCatalog(page: Page, query = ''): Promise<void> {
  await page.goto(`all/${query}`);
  await expect(textField(page), 'the filters are enabled once their script runs').toBeEnabled();
}

test('keyboard only: filter by text, model and category; reload, back/forward and clear keep one coherent state', async ({ page }) => {
  await openCatalog(page);
  const total = (await readCards(page)).length;
  await expectFilters(page, filters());

  await tabTo(page, 'input[type="search"][name="q"]');
  await page.keyboard.type('review');
  const byText = await expectFilters(page, filters({ q: 'review' }));
  expect(byText.length, 'the text filter narrows the catalog but keeps some agents').toBeGreaterThan(0);
  expect(byText.length).toBeLessThan(total);

  await tabTo(page, 'input[name="model"][value="sonnet"]');
  await page.keyboard.press('Space');
  const byModel = await expectFilters(page, filters({ q: 'review', model: ['sonnet'] }));

  // Categories come before models: back up to one.
  await tabTo(page, 'input[name="category"][value="security"]', 'Shift+Tab');
  await page.keyboard.press('Space');
  const all = filters({ q: 'review', model: ['sonnet'], category: ['security'] });
  const byCategory = await expectFilters(page, all);
  expect(byCategory.length, 'each step narrows, so back/forward can tell the states apart').toBeGreaterThan(0);
  expect(byCategory.length).toBeLessThan(byModel.length);
  expect(byModel.length).toBeLessThan(byText.length);

  await page.reload();
  await expect(textField(page)).toBeEnabled();
  expect(await expectFilters(page, all), 'the same cards after a reload').toEqual(byCategory);

  await page.goBack();
  expect(await expectFilters(page, filters({ q: 'review', model: ['sonnet'] }))).toEqual(byModel);
  await page.goBack();
  expect(await expectFilters(page, filters({ q: 'review' }))).toEqual(byText);
  await page.goForward();
  await page.goForward();
  await expectFilters(page, all);

  await tabTo(page, 'form button[data-filter-clear]');
  await page.keyboard.press('Enter');
  await expectFilters(page, filters());
  await expect(textField(page), 'focus returns to the text field, not to a hidden button').toBeFocused();
  await page.goBack();
  await expectFilters(page, all);
});

test('a shared link with several values per facet shows their union; unknown values are dropped from the URL', async ({ page }) => {
  await openCatalog(page, '?model=opus&model=haiku&tools=read-only&tools=mcp&color=no-such-colour&utm_source=x');
  await expectFilters(page, filters({ model: ['opus', 'haiku'], tools: ['read-only', 'mcp'] }));
  expect(new URL(page.url()).searchParams.get('utm_source'), 'other parameters are kept').toBe('x');
});

test('"Can" narrows the list to agents that run shell commands, or have hooks, as agents.json says', async ({ page }) => {
  await openCatalog(page, '?can=runs-commands');
  const running = await expectFilters(page, filters({ can: ['runs-commands'] }));
  expect(running.length, 'some agents run commands, not all').toBeGreaterThan(0);
  expect(running.length).toBeLessThan((await readCards(page)).length);
  // The facet agrees with what agents.json publishes (which cards and pages say in words), and a read-only agent is out.
  const { agents } = (await (await page.request.get('agents.json')).json()) as { agents: { slug: string; capabilities: { flags: string[] } }[] };
  expect(running.sort()).toEqual(agents.filter((a) => a.capabilities.flags.includes('runs-commands')).map((a) => a.slug).sort());
  expect(running).not.toContain('code-reviewer');
  await page.getByRole('group', { name: 'Can' }).getByRole('checkbox', { name: /has hooks/i }).check();
  const withHooks = await expectFilters(page, filters({ can: ['runs-commands', 'hooks'] }));
  expect(withHooks.length).toBeGreaterThanOrEqual(running.length);
});

test('no match shows an empty state whose button clears the filters', async ({ page }) => {
  await openCatalog(page, '?q=zzzz-matches-nothing&model=sonnet');
  await expectFilters(page, filters({ q: 'zzzz-matches-nothing', model: ['sonnet'] }));
  await expect(page.locator('[data-testid="agent-row"]:visible')).toHaveCount(0);
  await page.getByText('No agents match these filters.').locator('..').getByRole('button', { name: 'Clear filters' }).click();
  await expectFilters(page, filters());
});

test('without scripts every agent is listed and the filters are not shown', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('all/?model=sonnet');
  const rows = page.locator('[data-testid="agent-row"]');
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(rows.filter({ visible: true })).toHaveCount(await rows.count());
  await expect(page.getByRole('form', { name: 'Filter agents' })).toBeHidden();
  // The home page's category tiles need no script either.
  await page.goto('');
  await expect(page.getByTestId('categories-grid').getByTestId('overview-link').first()).toBeVisible();
  await context.close();
});

test('on a narrow screen the checkbox groups fold behind a Filters button', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openCatalog(page, '?model=sonnet');
  const toggle = page.getByRole('button', { name: 'Filters 1 selected' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('group', { name: 'Model' })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('group', { name: 'Model' }).getByRole('checkbox', { name: /^Sonnet/ })).toBeChecked();
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`filtered list and its empty state have no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
    await gotoWithTheme(page, 'all/?tools=custom&model=sonnet', theme);
    await expectFilters(page, filters({ tools: ['custom'], model: ['sonnet'] }));
    await expectAccessible(page);

    await textField(page).fill('zzzz-matches-nothing');
    await expect(page.getByText('No agents match these filters.')).toBeVisible();
    await expectAccessible(page);
  });
}

test('a category page offers only options that narrow it: none that every one of its agents has', async ({ page }) => {
  const agents = ((await (await page.request.get('agents.json')).json()) as { agents: Array<{ categoryUrl: string }> }).agents;
  const sizes = new Map<string, number>();
  for (const { categoryUrl } of agents) sizes.set(new URL(categoryUrl).pathname, (sizes.get(new URL(categoryUrl).pathname) ?? 0) + 1);
  let checked = 0;
  for (const [path, size] of sizes) {
    await page.goto(path.replace(/^.*?\/categories\//, 'categories/'));
    await expect(form(page).locator('fieldset[data-filter-fields]')).toBeEnabled();
    const counts = await form(page).locator('[data-count]').allTextContents();
    for (const count of counts) expect(Number(count), `an option on ${path} (${size} agents)`).toBeLessThan(size);
    checked += counts.length;
  }
  expect(checked, 'options checked over all category pages').toBeGreaterThan(0);
});
