/**
 * The selection, as a reader uses it: agents picked on cards, in search and on an agent's page, kept across reloads
 * and pages; on /selection/ one install command for all of them (run here for real with bash against this build),
 * a .zip of their files, and a link that shows the same agents in a fresh browser. Runs on every target that builds
 * agents/, the BASE_PATH one included.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright/test';
import { loadCatalog } from '../../src/agents/index.ts';
import { expect, expectAccessible, gotoWithTheme, test, type Theme } from './fixtures.ts';
import { readZip } from './zip-reader.ts';

const run = promisify(execFile);

/** The agents/ folder: each agent's file on disk and the name it installs as (these agents' names are safe file names). */
const catalog = (await loadCatalog('agents', { render: false })).agents;
const fileOf = (slug: string) => path.join('agents', catalog.find((agent) => agent.slug === slug)!.file);
/** Four agents, from four places: two cards (on their category's page), a search result, an agent page. */
const PICKED = ['code-reviewer', 'test-writer', 'mlops-engineer', 'schema-migrator'];

/** An "Add to selection" button's name, which says "In selection" once the agent is in it. */
const TOGGLE = /(Add to|In) selection/;
const toggleOn = (page: Page, slug: string) => page.locator(`[data-testid="agent-card"][data-slug="${slug}"]`).getByRole('button', { name: TOGGLE });
const count = (page: Page) => page.getByTestId('selection-link');
const items = (page: Page) => page.getByTestId('selection-item');
const ready = (page: Page) => expect(page.getByTestId('selection-page')).toHaveAttribute('data-state', 'ready');

/** Puts `slugs` in the browser's selection before any page script runs. */
async function seed(page: Page, slugs: string[]): Promise<void> {
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) localStorage.setItem('ad-selection', value);
    sessionStorage.setItem('seeded', '1');
  }, JSON.stringify(slugs));
}

/** The install-all command this test expects, written out here rather than taken from the site's own code. */
function expected(siteUrl: string, basePath: string, scope: 'project' | 'user', shell: 'bash' | 'powershell', slugs: string[]): string {
  const url = (slug: string) => `${siteUrl}${basePath}agents/${slug}.md`;
  const dir = scope === 'project' ? '.claude/agents' : shell === 'bash' ? '~/.claude/agents' : '$HOME/.claude/agents';
  if (shell === 'bash') return [`mkdir -p ${dir}`, ...slugs.map((slug) => `curl -fsSL ${url(slug)} -o ${dir}/${slug}.md`)].join(' \\\n  && ');
  return [`New-Item -ItemType Directory -Force ${dir} | Out-Null`, ...slugs.map((slug) => `Invoke-WebRequest ${url(slug)} -OutFile ${dir}/${slug}.md`)].join('\n');
}

/** The page of the agent's category, where its card is. */
const categoryOf = (slug: string) => `categories/${catalog.find((agent) => agent.slug === slug)!.category}/`;

test('four agents picked from cards, search and an agent page stay selected across reloads and pages', async ({ page }) => {
  await page.goto(categoryOf(PICKED[0]));
  for (const slug of PICKED.slice(0, 2)) {
    await toggleOn(page, slug).click();
    await expect(toggleOn(page, slug)).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(toggleOn(page, 'test-writer'), 'the state in words too').toHaveAccessibleName(/^In selection/);
  await expect(toggleOn(page, 'test-writer').getByText('In selection')).toBeVisible();
  await expect(toggleOn(page, 'test-writer').getByText('Add to selection')).toBeHidden();
  await expect(toggleOn(page, 'flaky-test-hunter')).toHaveAccessibleName(/^Add to selection/);
  await expect(toggleOn(page, 'flaky-test-hunter')).toHaveAttribute('aria-pressed', 'false');
  await expect(count(page)).toHaveText(/Selection\s*2 selected/);

  // Search: the active result, with Alt+A.
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search agents' });
  await page.keyboard.type('mlops');
  const active = dialog.getByRole('listbox', { name: 'Search results' }).getByRole('option', { selected: true });
  await expect(active).toContainText('mlops-engineer');
  const select = dialog.getByRole('button', { name: TOGGLE });
  await expect(select).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Alt+a');
  await expect(select).toHaveAttribute('aria-pressed', 'true');
  await expect(active.locator('[data-select-chip]')).toHaveText('✓ In selection');
  await expect(dialog.locator('[data-search-live]')).toHaveText('Added mlops-engineer to your selection');
  await page.keyboard.press('Escape');
  await expect(count(page)).toHaveText(/Selection\s*3 selected/);

  await page.goto('agents/schema-migrator/');
  const onPage = page.getByRole('main').getByRole('button', { name: TOGGLE });
  await onPage.click();
  await expect(onPage).toHaveAttribute('aria-pressed', 'true');
  await expect(count(page)).toHaveText(/Selection\s*4 selected/);

  await page.reload();
  await expect(onPage, 'after a reload').toHaveAttribute('aria-pressed', 'true');
  for (const slug of PICKED) {
    await page.goto(categoryOf(slug));
    await expect(toggleOn(page, slug), `${slug} on its category's page`).toHaveAttribute('aria-pressed', 'true');
  }

  await count(page).click();
  await ready(page);
  await expect(items(page)).toHaveCount(4);
  expect(await items(page).evaluateAll((all) => all.map((item) => (item as HTMLElement).dataset.slug))).toEqual(PICKED);
  await expect(page.getByRole('heading', { name: 'Your selection (4)' })).toBeVisible();

  // A second click removes; so does Remove on the selection page.
  await items(page).filter({ hasText: 'test-writer' }).getByRole('button', { name: /^Remove/ }).click();
  await expect(items(page)).toHaveCount(3);
  await expect(count(page)).toHaveText(/Selection\s*3 selected/);

  // Emptied, the header says "Selection" with no count: never "Selection 0".
  await page.getByRole('button', { name: 'Clear the selection' }).click();
  await expect(page.getByTestId('selection-empty')).toBeVisible();
  await expect(count(page)).toHaveText(/^Selection$/, { useInnerText: true });
  await page.goto('');
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog')).toBeVisible();
  // The search's code brings the selection's (selection-ui.ts), which paints the header's count.
  await expect(page.getByRole('dialog').locator('[data-search-hints]')).toBeVisible();
  await expect(count(page), 'with the selection code loaded by the search').toHaveText(/^Selection$/, { useInnerText: true });
});

test('the install-all command is exactly right for each scope and shell, and copies as shown', async ({ page, context, baseURL, basePath }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await seed(page, PICKED);
  await page.goto('selection/');
  await ready(page);
  const main = page.getByRole('main');
  for (const scope of ['project', 'user'] as const) {
    await main.getByRole('radio', { name: scope === 'project' ? 'This project' : 'All my projects' }).check();
    for (const shell of ['bash', 'powershell'] as const) {
      await main.getByRole('radio', { name: shell === 'bash' ? 'bash' : 'PowerShell' }).check();
      const code = page.getByTestId(`selection-command-${scope}-${shell}`);
      await expect(code).toBeVisible();
      // The files where this page was loaded from, whatever SITE_URL the build had (scripts/site-url.ts).
      const want = expected(new URL(baseURL!).origin, basePath, scope, shell, PICKED);
      expect(await code.textContent(), `${scope} ${shell}`).toBe(want);
      await page.getByTestId(`copy-selection-${scope}-${shell}`).getByRole('button').click();
      await expect(page.getByTestId(`copy-selection-${scope}-${shell}`)).toHaveAttribute('data-state', 'copied');
      expect(await page.evaluate(() => navigator.clipboard.readText()), `${scope} ${shell} on the clipboard`).toBe(want);
    }
  }
  // The choice is the single-agent snippet's, remembered: an agent page opens on the same scope and shell.
  await page.goto('agents/code-reviewer/');
  await expect(page.getByRole('main').getByRole('radio', { name: 'All my projects' })).toBeChecked();
  await expect(page.getByRole('main').getByRole('radio', { name: 'PowerShell' })).toBeChecked();
});

test('the bash command, run for real against this build, writes every agent file byte for byte', async ({ page, baseURL }) => {
  await seed(page, PICKED);
  await page.goto('selection/');
  await ready(page);
  const served = new URL(baseURL!).origin;
  for (const scope of ['project', 'user'] as const) {
    const command = (await page.getByTestId(`selection-command-${scope}-bash`).textContent())!;
    // The command names the files where this page was loaded from, so it runs exactly as the page shows it.
    expect(command.split(served).length - 1, 'one URL per agent, on the server the page came from').toBe(PICKED.length);
    const local = command;
    const work = await mkdtemp(path.join(os.tmpdir(), 'selection-install-'));
    try {
      const home = path.join(work, 'home');
      const cwd = path.join(work, 'project');
      await run('mkdir', ['-p', home, cwd]);
      await run('bash', ['-c', local], { cwd, env: { ...process.env, HOME: home } });
      const dir = scope === 'project' ? path.join(cwd, '.claude/agents') : path.join(home, '.claude/agents');
      for (const slug of PICKED) {
        const [got, want] = await Promise.all([readFile(path.join(dir, `${slug}.md`)), readFile(fileOf(slug))]);
        expect(got.equals(want), `${scope}: ${slug}.md is the agent file, byte for byte (${got.length} vs ${want.length} bytes)`).toBe(true);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
});

test('"Download all" gives one .zip whose files are the raw agent files, byte for byte', async ({ page }) => {
  await seed(page, PICKED);
  await page.goto('selection/');
  await ready(page);
  const button = page.getByRole('button', { name: 'Download all (.zip)' });
  await expect(button).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('agents.zip');
  const files = readZip(await readFile((await download.path())!));
  expect([...files.keys()].sort()).toEqual(PICKED.map((slug) => `${slug}.md`).sort());
  for (const slug of PICKED) expect(files.get(`${slug}.md`)!.equals(await readFile(fileOf(slug))), `${slug}.md`).toBe(true);
});

test('a selection link in a fresh browser shows the same agents, names an unknown slug and drops it, and merges or replaces', async ({ browser, baseURL, basePath }) => {
  const origin = new URL(baseURL!).origin;
  const mine = await browser.newContext({ baseURL });
  const first = await mine.newPage();
  await seed(first, ['code-reviewer', 'mlops-engineer']);
  await first.goto('selection/');
  await ready(first);
  const link = (await first.getByTestId('selection-link-url').textContent())!;
  expect(link).toBe(`${origin}${basePath}selection/?agents=code-reviewer,mlops-engineer`);
  await mine.close();

  // Someone else opens it, with an agent of their own already selected and a slug this catalog does not have.
  const theirs = await browser.newContext({ baseURL });
  const page = await theirs.newPage();
  await seed(page, ['test-writer']);
  const shared = new URL(link);
  await page.goto(`selection/${shared.search.replace('code-reviewer,', 'code-reviewer,no-such-agent,')}`);
  await ready(page);
  expect(await items(page).evaluateAll((all) => all.map((item) => (item as HTMLElement).dataset.slug))).toEqual(['code-reviewer', 'mlops-engineer']);
  await expect(page.getByTestId('selection-unknown')).toHaveText('One agent of this link is not in this catalog and left out: “no-such-agent”.');
  expect(new URL(page.url()).search, 'the address drops it too').toBe('?agents=code-reviewer,mlops-engineer');
  await expect(page.getByTestId('selection-shared')).toContainText('This link names 2 agents. Your selection in this browser has 1 agent.');
  await expect(page.getByTestId('selection-command-project-bash')).toHaveText(expected(origin, basePath, 'project', 'bash', ['code-reviewer', 'mlops-engineer']));
  await expect(page.getByRole('heading', { name: 'The agents of this link (2)' })).toBeVisible();

  await page.getByRole('button', { name: 'Merge into my selection' }).click();
  await expect(page.getByRole('heading', { name: 'Your selection (3)' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('ad-selection'))).toBe(JSON.stringify(['test-writer', 'code-reviewer', 'mlops-engineer']));
  expect(new URL(page.url()).search).toBe('');

  await page.goto(`selection/${shared.search}`);
  await ready(page);
  await page.getByRole('button', { name: 'Replace my selection with these' }).click();
  await expect(page.getByRole('heading', { name: 'Your selection (2)' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('ad-selection'))).toBe(JSON.stringify(['code-reviewer', 'mlops-engineer']));
  await theirs.close();
});

test('a selection link keeps working after a rebuild that adds agents', async ({ page }) => {
  // The next build's /selection.json: the same agents and one more.
  await page.route('**/selection.json', async (route) => {
    const data = await (await route.fetch()).json();
    data.agents['brand-new-agent'] = { name: 'brand-new-agent', summary: 'Added by a later build.', fileName: 'brand-new-agent.md' };
    await route.fulfill({ json: data });
  });
  await page.goto('selection/?agents=mlops-engineer,code-reviewer');
  await ready(page);
  expect(await items(page).evaluateAll((all) => all.map((item) => (item as HTMLElement).dataset.slug))).toEqual(['mlops-engineer', 'code-reviewer']);
  await expect(page.getByTestId('selection-unknown')).toBeHidden();
});

test('the selection page has its own link-preview card', async ({ page, request, siteUrl, basePath }) => {
  await page.goto('selection/?agents=mlops-engineer');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toBe(`${siteUrl}${basePath}og/selection.png`);
  const card = await request.get('og/selection.png');
  expect(card.status()).toBe(200);
  expect(card.headers()['content-type']).toContain('image/png');
  expect((await card.body()).subarray(1, 4).toString()).toBe('PNG');
});

test('keyboard only: select on a card, in search and on a page, then install from the selection page', async ({ page, context, baseURL }) => {
  // Dozens of key presses, each checked in the page: with both cores busy this took 32 s, past the 30 s bound.
  // A larger bound, not a wait: the test still moves on as soon as each focus state is reached.
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto(categoryOf('code-reviewer'));
  /** Presses Tab until `target` has focus; fails if it never does. */
  const tabTo = async (target: ReturnType<Page['locator']>, key = 'Tab') => {
    for (let i = 0; i < 120; i++) {
      if (await target.evaluate((node) => node === document.activeElement).catch(() => false)) return;
      await page.keyboard.press(key);
    }
    throw new Error(`${key} never reached the control`);
  };
  const card = toggleOn(page, 'code-reviewer');
  await expect(card).toBeEnabled();
  await tabTo(card);
  await page.keyboard.press('Space');
  await expect(card).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('Control+k');
  await page.keyboard.type('terraform');
  await expect(page.getByRole('dialog').getByRole('listbox', { name: 'Search results' }).getByRole('option', { selected: true })).toContainText('terraform-reviewer');
  await page.keyboard.press('Alt+a');
  await expect(page.getByRole('dialog').getByRole('button', { name: TOGGLE })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter'); // opens the agent page
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('terraform-reviewer');
  const onPage = page.getByRole('main').getByRole('button', { name: TOGGLE });
  await expect(onPage).toHaveAttribute('aria-pressed', 'true');

  await page.goto('agents/sql-optimizer/');
  const sql = page.getByRole('main').getByRole('button', { name: TOGGLE });
  await expect(sql).toBeEnabled();
  await tabTo(sql);
  await page.keyboard.press('Enter');
  await expect(sql).toHaveAttribute('aria-pressed', 'true');

  const link = count(page);
  await tabTo(link, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await ready(page);
  await expect(items(page)).toHaveCount(3);
  const remove = items(page).filter({ hasText: 'terraform-reviewer' }).getByRole('button', { name: /^Remove/ });
  await tabTo(remove);
  await page.keyboard.press('Enter');
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).filter({ hasText: 'sql-optimizer' }).getByRole('button', { name: /^Remove/ }), 'focus moves to the next Remove').toBeFocused();

  const copy = page.getByTestId('copy-selection-project-bash').getByRole('button');
  await page.getByRole('main').getByRole('radio', { name: 'This project' }).check(); // the default; keeps the test independent of a remembered choice
  await tabTo(copy);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('copy-selection-project-bash')).toHaveAttribute('data-state', 'copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('selection-command-project-bash').textContent());
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`the selection page, with a selection and with a shared link, has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
    await seed(page, PICKED);
    await gotoWithTheme(page, 'selection/', theme);
    await ready(page);
    await expect(items(page)).toHaveCount(4);
    await expectAccessible(page);
    await page.goto('selection/?agents=code-reviewer,nope');
    await ready(page);
    await expect(page.getByTestId('selection-unknown')).toBeVisible();
    await expectAccessible(page);
  });
}
