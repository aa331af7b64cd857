/**
 * Hostile and malformed agent files: nothing runs, nothing escapes, nothing is lost.
 *
 * The file builds its own site from tests/fixtures/hostile (copied to a temp folder with the files that are not
 * committed: a symlink to /etc/passwd, a 2 MiB file, binary and non-UTF-8 files, markup in file names) under
 * AGENTS_ON_ERROR=warn, serves it with `astro preview`, and checks the output tree, then every page in Chromium:
 * no script from content runs (no dialog, no `__pwned` global, no CSP violation), no live `on*` attribute,
 * `javascript:`/`data:` URL or `srcdoc` is in the DOM, and the hostile text is shown as text.
 *
 * It runs in one Playwright project only (the first target, or HOSTILE_PROJECT), serially, in one worker.
 */
import { visible } from '../../src/agents/text.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { freePort } from '../../scripts/free-port.ts';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright/test';
import { loadCatalog, type Agent } from '../../src/agents/index.ts';
import { parsePolicy, scanTags } from '../../src/site/csp.ts';
import { GENERATED, prepareHostileAgents } from '../fixtures/hostile/prepare.ts';
import { expect, test } from './fixtures.ts';
import { acquireAstroLock } from './astro-lock.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = path.join(os.tmpdir(), `hostile-e2e-${process.pid}`);
const agentsDir = path.join(work, 'agents');
// Inside the project: with an output folder elsewhere, Astro stages its prerender bundle in the project's shared
// `.astro/`, where a dev server of another test may be working at the same time.
const outDir = path.join(ROOT, 'test-results', `hostile-${process.pid}`, 'dist');

/** Files a payload would write if frontmatter or a name were ever executed or used as a path. */
const CANARIES = ['/tmp/hostile-pwned-js', '/tmp/hostile-pwned-javascript', '/tmp/hostile-pwned-coffee', '/tmp/hostile-escaped'];

let server: ChildProcess | undefined;
let origin = '';
let buildLog = '';
let agents: Agent[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeEach(({}, testInfo) => {
  const only = process.env.HOSTILE_PROJECT ?? testInfo.config.projects[0]?.name;
  test.skip(testInfo.project.name !== only, `hostile build is checked once, in the "${only}" project`);
});


function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/astro'), args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

const buildEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  // Its own content store: other tests run builds and dev servers of this project at the same time.
  AGENT_DOCS_CACHE_DIR: path.join(outDir, '..', 'cache'),
  AGENTS_DIR: agentsDir,
  AGENTS_ON_ERROR: 'warn',
  SITE_URL: '',
  BASE_PATH: '',
  ASTRO_TELEMETRY_DISABLED: '1',
  PATH: [path.join(ROOT, 'node_modules/node/bin'), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
});

test.beforeAll(async ({}, testInfo) => {
  const only = process.env.HOSTILE_PROJECT ?? testInfo.config.projects[0]?.name;
  if (testInfo.project.name !== only) return;
  test.setTimeout(240_000);
  for (const canary of CANARIES) await rm(canary, { recursive: true, force: true });
  await prepareHostileAgents(agentsDir);
  agents = (await loadCatalog(agentsDir)).agents;
  // A build writes `.astro/`, which would reload the pages of a dev server another test has open (astro-lock.ts).
  const release = await acquireAstroLock();
  const built = await run(['build', '--outDir', outDir], buildEnv()).finally(release);
  buildLog = built.output;
  expect(built.code, `astro build of the hostile folder failed:\n${buildLog.slice(-4000)}`).toBe(0);

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(path.join(ROOT, 'node_modules/.bin/astro'), ['preview', '--outDir', outDir, '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    cwd: ROOT,
    env: buildEnv(),
    stdio: 'ignore',
  });
  // Polls for the server's state (its port answering); the deadline is a bound for slow machines, not a wait.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(origin).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`astro preview did not answer on ${origin} within 60 s`);
});

test.afterAll(async () => {
  if (server?.pid) server.kill('SIGTERM');
  server = undefined;
  await rm(work, { recursive: true, force: true });
  await rm(path.dirname(outDir), { recursive: true, force: true });
});

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.map((e) => path.join(e.parentPath, e.name));
}

const agentBy = (file: string) => {
  const agent = agents.find((a) => a.file === file);
  if (!agent) throw new Error(`no agent from ${file}`);
  return agent;
};

// ── The build: what it reports and what it writes ────────────────────────────────────────────────────────────

test('the build reports every unreadable file by name and goes on', async () => {
  const log = buildLog.replace(/\x1b\[[0-9;]*m/g, '');
  const expectations: Array<[string, string]> = [
    [GENERATED.big, 'file-too-large'],
    [GENERATED.nul, 'file-binary'],
    [GENERATED.latin1, 'file-encoding'],
    [GENERATED.passwdLink, 'link-outside'],
    [GENERATED.etcLink, 'link-outside'],
    [GENERATED.danglingLink, 'link-outside'],
    ['frontmatter/js.md', ''],
    ['frontmatter/javascript.md', ''],
    ['frontmatter/coffee.md', ''],
  ];
  for (const [file, code] of expectations) {
    const line = log.split('\n').find((l) => l.includes(file) && l.includes(code));
    expect(line, `the build log names ${file}${code ? ` with [${code}]` : ''}`).toBeTruthy();
  }
});

test('frontmatter is never executed and no name writes outside the output folder', async () => {
  for (const canary of CANARIES) expect(existsSync(canary), `${canary} must not exist`).toBe(false);
  for (const file of await walk(outDir)) {
    const info = await stat(file);
    const rel = path.relative(outDir, file);
    expect(rel.startsWith('..') || path.isAbsolute(rel), `${file} is inside the output folder`).toBe(false);
    expect(info.isSymbolicLink(), `${rel} is not a link`).toBe(false);
    expect(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\\]/.test(rel), `${JSON.stringify(rel)} has a safe name`).toBe(false);
  }
});

test('nothing from /etc/passwd is published', async () => {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const secret = passwd.split('\n').find((line) => line.trim()) ?? 'root:x:0:0';
  for (const file of await walk(outDir)) {
    if (!(await stat(file)).isFile()) continue;
    const bytes = await readFile(file);
    expect(bytes.includes('root:x:0:0'), `${file} contains root:x:0:0`).toBe(false);
    expect(bytes.includes(secret), `${file} contains a line of /etc/passwd`).toBe(false);
  }
});

test('every agent gets its own page, also when names collide or are unsafe', async () => {
  const slugs = agents.map((a) => a.slug);
  expect(new Set(slugs).size).toBe(slugs.length);
  expect(new Set(slugs.map((s) => s.toLowerCase())).size).toBe(slugs.length);
  for (const agent of agents) {
    expect(agent.slug, `slug of ${agent.file}`).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(existsSync(path.join(outDir, 'agents', agent.slug, 'index.html')), `page for ${agent.file}`).toBe(true);
  }
  for (const file of ['collide/one.md', 'collide/two.md', 'collide/three.md', 'collide/space.md', 'collide/underscore.md']) agentBy(file);
  // Unsafe names are reported (a warning, or an error when Claude Code refuses the name).
  for (const file of ['names/traversal.md', 'names/dots.md', 'names/dot.md', 'names/slashes.md', 'names/bidi.md', 'names/control.md']) {
    expect(agentBy(file).diagnostics.some((d) => d.code === 'name-format' || d.code === 'name-refused'), `${file} is reported`).toBe(true);
  }
});

test('every built page carries the policy first and no live handler, script URL or srcdoc', async () => {
  const pages = (await walk(outDir)).filter((f) => f.endsWith('.html'));
  expect(pages.length).toBeGreaterThan(agents.length);
  const problems: string[] = [];
  for (const file of pages) {
    const tags = scanTags(await readFile(file, 'utf8'));
    const rel = path.relative(outDir, file);
    const headTags = tags.slice(tags.findIndex((t) => t.name === 'head') + 1);
    if (!headTags[0]?.attrs.has('charset')) problems.push(`${rel}: <meta charset> is not first in <head>`);
    if (headTags[1]?.attrs.get('http-equiv') !== 'content-security-policy') problems.push(`${rel}: the policy is not second in <head>`);
    const policy = parsePolicy(headTags[1]?.attrs.get('content') ?? '');
    const scripts = policy.get('script-src') ?? [];
    if (scripts.includes("'unsafe-inline'") || scripts.includes("'unsafe-eval'")) problems.push(`${rel}: script-src ${scripts.join(' ')}`);
    if (policy.get('default-src')?.join(' ') !== "'self'") problems.push(`${rel}: default-src is not 'self'`);
    for (const tag of tags) {
      if (['iframe', 'object', 'embed', 'frame'].includes(tag.name)) problems.push(`${rel}: <${tag.name}>`);
      for (const [name, value] of tag.attrs) {
        if (/^on/i.test(name) || name === 'srcdoc') problems.push(`${rel}: <${tag.name} ${name}="${value}">`);
        if (/^(href|src|action|formaction|xlink:href|poster|data)$/.test(name) && /^(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ''))) {
          problems.push(`${rel}: <${tag.name} ${name}="${value}">`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
});

test('agents.json keeps every hostile value exactly, as JSON strings', async () => {
  const json = JSON.parse(await readFile(path.join(outDir, 'agents.json'), 'utf8'));
  const everywhere = agentBy('xss/everywhere.md');
  const entry = json.agents.find((a: { slug: string }) => a.slug === everywhere.slug);
  expect(entry.name).toBe(everywhere.name);
  expect(entry.color).toBe('red;}body{display:none');
  expect(json.agents.length).toBe(agents.length);
  const rss = await readFile(path.join(outDir, 'rss.xml'), 'utf8');
  expect(rss).not.toMatch(/<script/i);
  const llms = await readFile(path.join(outDir, 'llms.txt'), 'utf8');
  for (const line of llms.split('\n')) expect(line).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
});

// ── In the browser ───────────────────────────────────────────────────────────────────────────────────────────

interface Tripwires {
  dialogs: string[];
  violations: string[];
}

/** Dialogs, CSP violations (event and console), and a trap on `__pwned` that records any write. */
async function arm(page: Page): Promise<Tripwires> {
  const wires: Tripwires = { dialogs: [], violations: [] };
  page.on('dialog', (dialog) => {
    wires.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) wires.violations.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __hostile: { pwned: unknown[]; violations: string[] } };
    w.__hostile = { pwned: [], violations: [] };
    Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => w.__hostile.pwned.push(v) });
    document.addEventListener('securitypolicyviolation', (e) => w.__hostile.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return wires;
}

/** Fails on anything live in the DOM that content could have put there. */
async function expectInert(page: Page, wires: Tripwires): Promise<void> {
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset'];
    for (const el of document.querySelectorAll('*')) {
      if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME'].includes(el.tagName)) problems.push(`<${el.tagName.toLowerCase()}>`);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) problems.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
        if (attr.name === 'srcdoc') problems.push(`<${el.tagName.toLowerCase()} srcdoc>`);
        if (URL_ATTRS.includes(attr.name) && /^(javascript|data|vbscript):/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))) {
          problems.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
        }
      }
    }
    for (const link of document.links) if (/^(javascript|data|vbscript):$/.test(link.protocol)) problems.push(`link ${link.href}`);
    const w = window as unknown as { __hostile: { pwned: unknown[]; violations: string[] } };
    return { problems, pwned: w.__hostile.pwned.map(String), violations: w.__hostile.violations };
  });
  expect(found.problems, `live markup from content on ${page.url()}`).toEqual([]);
  expect(found.pwned, `scripts from content ran on ${page.url()}`).toEqual([]);
  expect(wires.dialogs, `dialogs on ${page.url()}`).toEqual([]);
  expect([...found.violations, ...wires.violations], `CSP violations on ${page.url()}`).toEqual([]);
}

const pagePaths = () => ['', 'search/', 'selection/', 'guide/', '404.html', ...agents.map((a) => `agents/${a.slug}/`)];

test('no page runs content, breaks its policy or carries live markup', async ({ page }) => {
  test.setTimeout(120_000);
  const wires = await arm(page);
  for (const pathname of pagePaths()) {
    const response = await page.goto(`${origin}/${pathname}`);
    if (pathname === 'guide/' && response?.status() === 404) continue; // the guide is optional
    expect(response?.status() ?? 0, pathname).toBeLessThan(pathname === '404.html' ? 500 : 400);
    await page.waitForLoadState('load');
    // Hover and toggle everything once, so a live onmouseover/ontoggle would have fired.
    await page.evaluate(async () => {
      for (const el of document.querySelectorAll('body *')) el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      for (const d of document.querySelectorAll('details')) d.open = !d.open;
      // `toggle` events are queued as tasks: a task queued after them runs once they have fired.
      await new Promise((resolve) => setTimeout(resolve));
    });
    await expectInert(page, wires);
  }
});

test('hostile text is shown exactly as written, as text', async ({ page }) => {
  const wires = await arm(page);
  const agent = agentBy('xss/everywhere.md');
  await page.goto(`${origin}/agents/${agent.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(agent.name);
  await expect(page).toHaveTitle(new RegExp(`^${agent.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const prompt = page.getByTestId('prompt-body');
  await expect(prompt).toContainText(`Raw HTML stays text: <script>window.__pwned='body'</script> and <img src=x onerror="window.__pwned='body-img'">.`);
  await expect(prompt).toContainText(`<iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>`);
  await expect(prompt.getByRole('link', { name: 'js link' })).toHaveCount(0);
  await expect(prompt.getByRole('link', { name: 'safe' })).toHaveAttribute('href', 'https://example.com/ok');
  await expect(page.locator('body')).toBeVisible(); // the colour `red;}body{display:none` reached no CSS
  await expect(page.getByTestId('color-badge')).toContainText('red;}body{display:none');
  await expect(page.getByTestId('color-badge')).toHaveAttribute('data-color-kind', 'unknown');
  await expect(page.getByTestId('example').first()).toContainText(`<script>window.__pwned='user-turn'</script>`);
  await expect(page.getByTestId('category-badge')).toContainText(`<b onmouseover="window.__pwned='category'">cat</b>`);
  await expectInert(page, wires);

  for (const file of ['names/bidi.md', 'names/traversal.md', 'names/slashes.md']) {
    const named = agentBy(file);
    await page.goto(`${origin}/agents/${named.slug}/`);
    // Control and text-direction characters are shown as escapes, so the heading shows what the name really is.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(visible(named.name));
  }
  await page.goto(`${origin}/`);
  await expect(page.locator('body')).toContainText(`<svg onload=window.__pwned=1>`);
  await expectInert(page, wires);
  await page.goto(`${origin}/all/`);
  await expect(page.getByTestId('agent-row')).toHaveCount(agents.length);
  await expect(page.locator('body')).toContainText(`<svg onload=window.__pwned=1>`);
  await expectInert(page, wires);
});

test('search with Pagefind loaded shows hostile results as text, under the policy', async ({ page }) => {
  const wires = await arm(page);
  await page.goto(`${origin}/`);
  await page.getByRole('banner').getByRole('button', { name: /search/i }).click();
  const box = page.getByRole('dialog', { name: /search/i }).getByRole('combobox', { name: /search/i });
  await box.fill('pwned');
  const options = page.getByRole('dialog').getByRole('listbox').getByRole('option');
  await expect(options.first()).toBeVisible();
  // Excerpts are the one place HTML from the index is used: only <mark> may appear in them.
  const tags = await page.locator('.ad-search-option__excerpt *').evaluateAll((els) => els.map((el) => el.tagName.toLowerCase()));
  expect(new Set(tags.filter((t) => t !== 'mark'))).toEqual(new Set());
  await expectInert(page, wires);

  await page.goto(`${origin}/search/?q=pwned`);
  await expect(page.getByRole('main').getByRole('listbox').getByRole('option').first()).toBeVisible();
  await expectInert(page, wires);
});

test('the selection page shows every hostile agent and a hostile slug as text, under the policy', async ({ page }) => {
  const wires = await arm(page);
  await page.addInitScript((slugs) => localStorage.setItem('ad-selection', slugs), JSON.stringify(agents.map((a) => a.slug)));
  await page.goto(`${origin}/selection/`);
  await expect(page.getByTestId('selection-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('selection-item')).toHaveCount(agents.length);
  const everywhere = agentBy('xss/everywhere.md');
  await expect(page.locator(`[data-testid="selection-item"][data-slug="${everywhere.slug}"] .selection-item__name`)).toHaveText(visible(everywhere.name));
  await expectInert(page, wires);

  const slug = `<img src=x onerror="window.__pwned='slug'">`;
  await page.goto(`${origin}/selection/?agents=${encodeURIComponent(`${everywhere.slug},${slug}`)}`);
  await expect(page.getByTestId('selection-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('selection-unknown')).toContainText(slug);
  await expect(page.getByTestId('selection-item')).toHaveCount(1);
  await expectInert(page, wires);
});

test('raw files and machine-readable outputs are never served as HTML', async ({ page, request }) => {
  const wires = await arm(page);
  // Chromium asks for /favicon.ico when it shows a file that is not HTML; the site has only favicon.svg.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  const agent = agentBy('xss/everywhere.md');
  for (const pathname of [`agents/${agent.slug}.md`, 'agents.json', 'llms.txt', 'llms-full.txt', 'rss.xml', 'sitemap-0.xml']) {
    const response = await request.get(`${origin}/${pathname}`);
    expect(response.status(), pathname).toBe(200);
    expect(response.headers()['content-type'] ?? '', `${pathname} content type`).not.toMatch(/html/i);
    await page.goto(`${origin}/${pathname}`);
    await expectInert(page, wires);
  }
});

test('the policy itself blocks an injected handler, and the tripwires see it', async ({ page, consoleErrors }) => {
  // A negative control: if markup ever escaped, the policy is the second wall. Inject some and watch it fail.
  const wires = await arm(page);
  await page.goto(`${origin}/`);
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.innerHTML = `<img src="/favicon.svg" onload="window.__pwned='injected'">`;
    document.body.append(box);
    const script = document.createElement('script');
    script.textContent = "window.__pwned='inline'";
    document.body.append(script);
  });
  const seen = () =>
    page.evaluate(() => {
      const w = window as unknown as { __hostile: { pwned: unknown[]; violations: string[] } };
      return { pwned: w.__hostile.pwned.map(String), violations: w.__hostile.violations.length };
    });
  // The image's load and both violation reports arrive as events after the insertion: wait until both are in.
  await expect.poll(async () => (await seen()).violations, 'securitypolicyviolation events').toBeGreaterThanOrEqual(2);
  await expect.poll(() => wires.violations.length, 'CSP reports on the console').toBeGreaterThanOrEqual(2);
  await expect(page.locator('body > div > img[src="/favicon.svg"]'), 'the injected image loaded, so its handler was due').toHaveJSProperty('complete', true);
  expect((await seen()).pwned).toEqual([]);
  expect(wires.dialogs).toEqual([]);
  // The console reported the violations too: expected here, so they leave the shared console-error guard.
  for (let i = consoleErrors.length - 1; i >= 0; i--) if (/Content Security Policy/i.test(consoleErrors[i])) consoleErrors.splice(i, 1);
});
