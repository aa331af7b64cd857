/**
 * Search in `astro dev`, where there is no build to index: the dev server builds its index from the agent files
 * (src/integrations/pagefind-dev.ts). Each project starts its own dev server with the project's SITE_URL and
 * BASE_PATH, on a scratch copy of the catalog, so a test can edit an agent file and see search pick it up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { freePort } from '../../scripts/free-port.ts';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright/test';
import { expect, SEED, test } from './fixtures.ts';
import { targetEnv, TARGETS } from './targets.ts';
import { acquireAstroLock } from './astro-lock.ts';
import { loadCatalog } from '../../src/agents/index.ts';

// One dev server per project, started once; the edit test changes what the first test searched.
test.describe.configure({ mode: 'serial' });

let server: ChildProcess | undefined;
let scratch = '';
/** The dev server's URL for the site root, BASE_PATH included. */
let root = '';
let log = '';
/** Gives back the lock on `.astro/` (astro-lock.ts), held while this suite's dev server runs. */
let release: (() => Promise<void>) | undefined;


/** The catalog the dev server indexes: every agent of agents/. */
const AGENTS = (await loadCatalog('agents', { render: false })).agents.length;

/** How many times the dev server has logged that it built its search index. */
const indexBuilds = () => log.split(`search index (dev): built from ${AGENTS} agents`).length - 1;

/** Resolves when `ready()` holds for the dev server's log; fails with the log when the server exits first. */
function waitForLog(ready: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (ready()) done(resolve);
    };
    const exited = () => done(() => reject(new Error(`astro dev exited before ${what}:\n${log}`)));
    const done = (settle: () => void) => {
      server!.stdout!.off('data', check);
      server!.off('exit', exited);
      settle();
    };
    server!.stdout!.on('data', check);
    server!.once('exit', exited);
    check();
  });
}

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  const target = TARGETS.find((t) => t.name === testInfo.project.name);
  if (!target) throw new Error(`No target named "${testInfo.project.name}" in tests/e2e/targets.ts`);
  // No other astro process may write `.astro/` while this server's pages are open: it would reload them.
  release = await acquireAstroLock();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'agent-docs-dev-'));
  await cp('agents', path.join(scratch, 'agents'), { recursive: true });
  const port = await freePort();
  root = `http://127.0.0.1:${port}${target.basePath}`;
  // --ignore-lock: stay in the foreground (Astro backgrounds a dev server it thinks an agent started) beside any
  // other dev server of this project. Detached, so the whole process group can be stopped afterwards.
  server = spawn(path.resolve('node_modules/.bin/astro'), ['dev', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    env: { ...process.env, ...targetEnv(target), AGENTS_DIR: path.join(scratch, 'agents'), AGENT_DOCS_CACHE_DIR: path.join(scratch, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  await waitForLog(() => indexBuilds() >= 1, 'building its search index');
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
  await release?.();
  release = undefined;
});

/**
 * Opens the home page, presses `/` and types `term`; returns the dialog once its search has settled: results shown
 * and rendered, or "no match". Retried from the start because Vite reloads a page when it first optimises a
 * dependency that page imports (dev only), which closes the dialog.
 */
async function search(page: Page, term: string) {
  const dialog = page.getByRole('dialog', { name: /search/i });
  await expect(async () => {
    await page.goto(root);
    // The header's link becomes a button once the search script has run; `/` works from then on.
    await expect(page.getByRole('banner').getByRole('button', { name: /search/i })).toBeVisible();
    await page.keyboard.press('/');
    await dialog.getByRole('combobox', { name: /search/i }).fill(term);
    await expect(dialog.locator('[data-search-panel]')).toHaveAttribute('data-state', /^(results|none)$/);
    await expect(dialog.getByRole('listbox', { includeHidden: true })).not.toHaveAttribute('aria-busy', 'true');
  }).toPass({ timeout: 45_000 });
  return dialog;
}

test('in astro dev, "mlops" finds the seed, with its sections, and Enter opens it', async ({ page, basePath }) => {
  test.setTimeout(90_000);
  const dialog = await search(page, 'mlops');
  const first = dialog.getByRole('listbox').getByRole('option').first();
  await expect(first).toContainText(SEED.slug);
  await expect(first).toContainText('infrastructure'); // the category filter, as on the built pages
  // Headings with ids become sub-results, as in the production index (the dialog shows one under each result).
  await expect(dialog.locator('[data-search-option="section"]').first()).toHaveAttribute('href', new RegExp(`/agents/${SEED.slug}/(\\?[^#]*)?#[\\w-]+$`));
  await expect(dialog.getByRole('note')).toHaveText(new RegExp(`^Dev index: built from ${AGENTS} agent files`));

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${SEED.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(SEED.slug));
});

test('in astro dev, a word only deep inside a prompt finds its section, as in the build (search.spec.ts)', async ({ page }) => {
  test.setTimeout(90_000);
  const dialog = await search(page, 'discrepancies');
  const options = dialog.getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText('api-docs-writer');
  const section = options.filter({ hasText: 'Output Format' }).first();
  await expect(section).toHaveAttribute('href', /\/agents\/api-docs-writer\/.*#output-format$/);
  await expect(section).toContainText(/discrepancies/i);
});

test('editing an agent file updates the dev index', async ({ page }) => {
  test.setTimeout(90_000);
  const file = path.join(scratch, SEED.file);
  const word = 'zanzibarquux';
  const text = await readFile(file, 'utf8');
  const builds = indexBuilds();
  await writeFile(file, text.replace(/^description: /m, `description: The ${word} specialist. `));
  // The server says when it has rebuilt the index; a page loaded before that would search the old one.
  await waitForLog(() => indexBuilds() > builds, 'rebuilding its search index after the edit');

  const dialog = await search(page, word);
  await expect(dialog.locator('[data-search-panel]'), 'the edited word is found').toHaveAttribute('data-state', 'results');
  await expect(dialog.getByRole('listbox').getByRole('option').first()).toContainText(SEED.slug);
});

test('removing an agent file in astro dev: the catalog drops it, and every page still renders while the site catches up', async ({ request }) => {
  test.setTimeout(90_000);
  const removed = 'agents/docs/changelog-curator.md';
  const text = await readFile(path.join(scratch, removed), 'utf8');
  const synced = () => log.split(`${AGENTS - 1} agents, 0 skipped`).length - 1;
  const indexed = () => log.split(`search index (dev): built from ${AGENTS - 1} agents`).length - 1;
  const before = { synced: synced(), indexed: indexed() };
  await rm(path.join(scratch, removed));
  try {
    // From the moment the loader has synced until the dev index has caught up (and a round after), every page that
    // lists agents must render (pages once read Astro's store and the loader's agents, which could disagree).
    await waitForLog(() => synced() > before.synced, 'the loader syncing after the removal');
    const pages = ['', 'all/', 'categories/docs/', 'agents.json', `agents/${SEED.slug}/`, 'agents/api-docs-writer/'];
    for (let round = 0, settled = false; !settled; round++) {
      settled = indexed() > before.indexed;
      for (const page of pages) expect((await request.get(`${root}${page}`)).status(), `${page || 'home'} (round ${round})`).toBe(200);
    }
    expect((await request.get(`${root}agents.json`).then((r) => r.json())).count).toBe(AGENTS - 1);
    expect((await request.get(`${root}agents/changelog-curator/`)).status()).not.toBe(500);
  } finally {
    await writeFile(path.join(scratch, removed), text);
  }
});
