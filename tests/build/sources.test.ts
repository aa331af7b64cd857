/**
 * Catalogs of several sources, and of plugins fetched from where they live, built for real (`astro build`):
 *
 * - three sources (tests/fixtures/sources: a marketplace, a project's .claude/agents, a plain folder) under a base
 *   path: every agent once per source, its page naming its source, its raw file the source's bytes, its plugin's
 *   install command naming its own marketplace, and not one broken link (tests/e2e/link-check.ts);
 * - FETCH_PLUGINS=1 against a git server this test starts: the pinned plugin's agents get pages with `/plugin
 *   install`, a plugin that cannot be fetched is listed with the reason and the build goes on, `npm run check` warns
 *   at the entry's line, and with the server gone the cached commit is read again.
 *
 * Not a unit test (a build each): `node --test tests/build/` after the unit tests.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkLinks, describeBroken } from '../e2e/link-check.ts';
import { makeRepository } from '../fixtures/fetch/git-repos.ts';
import { startGitServer, type GitServer } from '../fixtures/fetch/git-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ASTRO = path.join(ROOT, 'node_modules/.bin/astro');
const FIXTURES = path.join(ROOT, 'tests/fixtures/sources');
const SITE = { siteUrl: 'https://agents.example.test', basePath: '/catalog/' };

let scratch: string;
before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'agent-docs-sources-build-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        SITE_URL: '',
        BASE_PATH: '',
        REPO_URL: '',
        MARKETPLACE_SOURCE: '',
        FETCH_PLUGINS: '',
        ASTRO_TELEMETRY_DISABLED: '1',
        PATH: [path.join(ROOT, 'node_modules/node/bin'), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const build = (outDir: string, env: Record<string, string>) => run(ASTRO, ['build', '--outDir', outDir], { AGENT_DOCS_CACHE_DIR: `${outDir}-cache`, ...env });
const page = (dist: string, slug: string) => readFile(path.join(dist, 'agents', slug, 'index.html'), 'utf8');
/** The text of an element with `data-testid`, tags stripped (commands are split into spans). */
function byTestId(html: string, id: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, 'g'))) out.push(m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
  return out;
}
const hrefOf = (html: string, id: string) => /<a[^>]*href="([^"]*)"[^>]*data-testid="/.exec(html.match(new RegExp(`<a[^>]*data-testid="${id}"[^>]*>`))?.[0] ?? '')?.[1] ?? html.match(new RegExp(`<a href="([^"]*)"[^>]*data-testid="${id}"`))?.[1];

describe('a catalog of three sources, under a base path', { timeout: 600_000 }, () => {
  let dist: string;
  let result: { code: number; output: string };
  before(async () => {
    dist = path.join(scratch, 'three');
    result = await build(dist, {
      AGENTS_DIR: ['acme-market', 'web-app', 'personal'].map((s) => path.join('tests/fixtures/sources', s)).join(path.delimiter),
      SITE_URL: SITE.siteUrl,
      BASE_PATH: SITE.basePath,
      REPO_URL: 'https://github.com/acme/site',
    });
  });

  test('the build succeeds and says what it read', () => {
    assert.equal(result.code, 0, result.output.slice(-3000));
    assert.match(result.output, /6 agents, 1 skipped, from 3 sources \(acme-market, web-app, personal\)/);
  });

  test('every agent once per source, each page naming its source; its raw file is the source\'s bytes', async () => {
    const index = JSON.parse(await readFile(path.join(dist, 'agents.json'), 'utf8')) as { agents: Array<{ slug: string; name: string }> };
    const slugs = index.agents.map((a) => a.slug).sort();
    assert.equal(slugs.length, 6);
    const other = slugs.find((s) => /^style-checker-[0-9a-f]{6}$/.test(s))!;
    assert.ok(other, 'the second style-checker has a slug of its own');
    const expected: Array<[string, string, string]> = [
      ['diff-reader', 'acme-market', 'acme-market/plugins/review-kit/agents/diff-reader.md'],
      ['test-gap-finder', 'acme-market', 'acme-market/plugins/review-kit/agents/test-gap-finder.md'],
      ['release-notes', 'web-app', 'web-app/.claude/agents/release-notes.md'],
      ['style-checker', 'web-app', 'web-app/.claude/agents/style-checker.md'],
      [other, 'personal', 'personal/writing/style-checker.md'],
      ['disk-watcher', 'personal', 'personal/ops/disk-watcher.md'],
    ];
    for (const [slug, source, file] of expected) {
      const html = await page(dist, slug);
      // (The badge holds a span of its own: its text runs to the end of its list item.)
      const badge = /data-testid="source-badge"[^>]*>([\s\S]*?)<\/li>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
      assert.equal(badge, `source ${source}`, slug);
      assert.equal(await readFile(path.join(dist, 'agents', `${slug}.md`), 'utf8'), await readFile(path.join(FIXTURES, file), 'utf8'), `${slug}.md`);
    }
    // Which is which: each of the two pages names the other's source.
    assert.match(await page(dist, 'style-checker'), /also in the source &quot;personal&quot;|also in the source "personal"/);
    assert.match(await page(dist, other), /also in the source &quot;web-app&quot;|also in the source "web-app"/);
  });

  test('a plugin\'s agents install from their own marketplace; the first source links as REPO_URL says', async () => {
    const html = await page(dist, 'diff-reader');
    assert.ok(byTestId(html, 'plugin-install').includes('/plugin install review-kit@acme-tools') || html.replace(/<[^>]+>/g, '').includes('/plugin install review-kit@acme-tools'), 'the plugin install command');
    assert.equal(hrefOf(html, 'view-source'), 'https://github.com/acme/site/blob/main/tests/fixtures/sources/acme-market/plugins/review-kit/agents/diff-reader.md');
    // The folder's agent installs as a file, never as a plugin.
    assert.ok(!(await page(dist, 'disk-watcher')).includes('/plugin install'));
  });

  test('no broken link under the base path', async () => {
    const report = await checkLinks(dist, SITE);
    assert.ok(report.checked > 100, `links checked: ${report.checked}`);
    assert.deepEqual(report.broken, [], describeBroken(report.broken));
  });
});

describe('FETCH_PLUGINS=1 against a local git server', { timeout: 600_000 }, () => {
  let server: GitServer;
  let market: string;
  let cache: string;
  let pinned: string;
  let dist: string;
  let result: { code: number; output: string };
  const fetchEnv = () => ({ FETCH_PLUGINS: '1', FETCH_PLUGINS_ALLOW: 'http,local-hosts', FETCH_PLUGINS_CACHE: cache });

  before(async () => {
    const srv = path.join(scratch, 'srv');
    await mkdir(srv, { recursive: true });
    pinned = makeRepository(path.join(srv, 'kit.git'), {
      head: 'main',
      branches: { main: { commits: [{ files: { '.claude-plugin/plugin.json': '{"name":"fetched-kit","version":"0.3.0"}', 'agents/log-reader.md': '---\nname: log-reader\ndescription: Use this agent to read a failing job\'s log and name the first real error.\n---\nYou skip the noise and quote the first line that explains the failure.\n' } }] } },
    }).main![0]!;
    server = await startGitServer(srv);
    market = path.join(scratch, 'market');
    cache = path.join(scratch, 'plugin-cache');
    await mkdir(path.join(market, '.claude-plugin'), { recursive: true });
    const plugins = [
      { name: 'fetched-kit', description: 'Reads CI logs.', source: { source: 'url', url: `${server.origin}/kit.git`, sha: pinned } },
      { name: 'gone-kit', source: { source: 'url', url: `${server.origin}/kit.git`, sha: '0'.repeat(40) } },
      { name: 'nowhere-kit', source: { source: 'url', url: 'http://127.0.0.1:9/none.git' } },
    ];
    await writeFile(path.join(market, '.claude-plugin/marketplace.json'), `${JSON.stringify({ name: 'ops-tools', owner: { name: 'Ops' }, plugins }, null, 2)}\n`);
    dist = path.join(scratch, 'fetched');
    result = await build(dist, { AGENTS_DIR: market, ...fetchEnv() });
  });
  after(() => server?.stop());

  test('the fetched plugin\'s agents are published, with /plugin install; the failures cost their plugins only', async () => {
    assert.equal(result.code, 0, result.output.slice(-3000));
    const html = await page(dist, 'log-reader');
    assert.ok(html.replace(/<[^>]+>/g, '').includes('/plugin install fetched-kit@ops-tools'), 'the install command');
    assert.equal(hrefOf(html, 'view-source'), `${server.origin}/kit/blob/${pinned}/agents/log-reader.md`);
    // A plugin that could not be fetched has no agents here: it is listed with the plugins from other sources, with why.
    const plugins = await readFile(path.join(dist, 'other-sources', 'index.html'), 'utf8');
    assert.match(plugins, /has no commit 0{40}/);
    assert.ok(existsSync(path.join(cache)), 'the cache was written');
  });

  test('npm run check warns at each failed entry\'s line; with the server gone the pinned commit is read from the cache', async () => {
    const text = await readFile(path.join(market, '.claude-plugin/marketplace.json'), 'utf8');
    const lines = text.split('\n');
    const line = (name: string) => lines.findIndex((l, i) => l.includes('"source": {') && lines[i - 1]!.includes(`"name": "${name}"`)) + 1;
    const check = await run(process.execPath, ['scripts/check.ts', market], fetchEnv());
    assert.equal(check.code, 0, check.output);
    assert.match(check.output, new RegExp(`marketplace\\.json:${line('gone-kit')}:\\d+: warning: The plugin "gone-kit" could not be fetched`));
    assert.match(check.output, new RegExp(`marketplace\\.json:${line('nowhere-kit')}:\\d+: warning: The plugin "nowhere-kit" could not be fetched`));
    assert.match(check.output, /1 agents? load/);
    await server.stop();
    const offline = await run(process.execPath, ['scripts/check.ts', '--format', 'json', market], fetchEnv());
    const entries = JSON.parse(offline.output) as Array<{ file: string }>;
    assert.ok(entries.some((e) => /^fetched-kit@[0-9a-f]{12}\/agents\/log-reader\.md$/.test(e.file)), offline.output.slice(0, 2000));
  });
});

describe('AGENTS_SOURCES with a git source: a plugin of one name in two sources, under a base path', { timeout: 600_000 }, () => {
  let server: GitServer;
  let list: string;
  let cache: string;
  let pinned: string;
  let dist: string;
  let result: { code: number; output: string };
  const env = () => ({ AGENTS_SOURCES: list, FETCH_PLUGINS_ALLOW: 'http,local-hosts', FETCH_PLUGINS_CACHE: cache, SITE_URL: SITE.siteUrl, BASE_PATH: SITE.basePath });
  const WHEN = 1_710_000_000;

  before(async () => {
    const srv = path.join(scratch, 'git-srv');
    await mkdir(srv, { recursive: true });
    // A plugin named as the fixture marketplace's plugin, with an agent named as one of that plugin's.
    pinned = makeRepository(path.join(srv, 'team-kit.git'), {
      head: 'main',
      branches: {
        main: {
          commits: [
            {
              when: WHEN,
              files: {
                '.claude-plugin/plugin.json': '{"name":"review-kit","version":"2.0.0"}',
                'agents/diff-reader.md': '---\nname: diff-reader\ndescription: Use this agent to read a diff the team way, hunk by hunk.\n---\nYou read each hunk and say what it changes.\n',
                'agents/lint-reader.md': '---\nname: lint-reader\ndescription: Use this agent to explain a linter\'s complaint in plain words.\n---\nYou explain the rule and the smallest fix.\n',
              },
            },
          ],
        },
      },
    }).main![0]!;
    server = await startGitServer(srv);
    cache = path.join(scratch, 'git-source-cache');
    list = path.join(scratch, 'sources.json');
    const sources = [
      path.join(FIXTURES, 'acme-market'),
      { git: `${server.origin}/team-kit.git`, name: 'team', sha: pinned },
      { git: `${server.origin}/team-kit.git`, name: 'gone', sha: 'e'.repeat(40) },
    ];
    await writeFile(list, `${JSON.stringify({ sources }, null, 2)}\n`);
    dist = path.join(scratch, 'git-source');
    result = await build(dist, env());
  });
  after(() => server?.stop());

  const cardLinks = (html: string) => [...html.matchAll(/<a href="([^"]*)"[^>]*data-testid="agent-card-link"/g)].map((m) => m[1]).sort();

  test('the build succeeds, names the source it left out, and dates the git source\'s agents by its commit', async () => {
    assert.equal(result.code, 0, result.output.slice(-3000));
    assert.match(result.output, /from 3 sources \(acme-market, team, gone\)/);
    assert.match(result.output, /The source "gone" was left out: .*team-kit\.git has no commit e{40}/);
    const index = JSON.parse(await readFile(path.join(dist, 'agents.json'), 'utf8')) as { agents: Array<{ name: string; slug: string; updated: string | null; plugin: { url: string } | null }> };
    const lint = index.agents.find((a) => a.name === 'lint-reader')!;
    assert.equal(lint.updated, new Date(WHEN * 1000).toISOString());
    assert.equal(lint.plugin?.url, `${SITE.siteUrl}${SITE.basePath}plugins/review-kit-team/`);
    const html = await page(dist, lint.slug);
    assert.equal(hrefOf(html, 'view-source'), `${server.origin}/team-kit/blob/${pinned}/agents/lint-reader.md`);
  });

  test('two plugins of one name: two pages, each with its own agents, each saying its source', async () => {
    const first = await readFile(path.join(dist, 'plugins/review-kit/index.html'), 'utf8');
    const second = await readFile(path.join(dist, 'plugins/review-kit-team/index.html'), 'utf8');
    const index = JSON.parse(await readFile(path.join(dist, 'agents.json'), 'utf8')) as { agents: Array<{ name: string; slug: string; plugin: { url: string } | null }> };
    const teamDiff = index.agents.find((a) => a.name === 'diff-reader' && a.slug !== 'diff-reader')!;
    assert.deepEqual(cardLinks(first), [`${SITE.basePath}agents/diff-reader/`, `${SITE.basePath}agents/test-gap-finder/`]);
    assert.deepEqual(cardLinks(second), [`${SITE.basePath}agents/${teamDiff.slug}/`, `${SITE.basePath}agents/lint-reader/`]);
    assert.deepEqual(byTestId(first, 'plugin-from'), ['from the source acme-market']);
    assert.deepEqual(byTestId(second, 'plugin-from'), ['from the source team']);
    assert.match(byTestId(second, 'listing-title')[0]!, /review-kit \(team\)/);
    // Each agent's page links to its own plugin's page.
    assert.match(await page(dist, teamDiff.slug), new RegExp(`href="${SITE.basePath}plugins/review-kit-team/"[^>]*data-testid="plugin-badge"`));
    assert.match(await page(dist, 'diff-reader'), new RegExp(`href="${SITE.basePath}plugins/review-kit/"[^>]*data-testid="plugin-badge"`));
  });

  test('no broken link under the base path', async () => {
    const report = await checkLinks(dist, SITE);
    assert.deepEqual(report.broken, [], describeBroken(report.broken));
  });

  test('npm run check: the source left out at its line of the file; the name in two sources with its page under BASE_PATH', async () => {
    const lines = (await readFile(list, 'utf8')).split('\n');
    const gone = lines.findIndex((l, i) => l.trim() === '{' && lines[i + 2]?.includes('"name": "gone"')) + 1;
    assert.ok(gone > 1);
    const check = await run(process.execPath, ['scripts/check.ts'], env());
    assert.equal(check.code, 0, check.output);
    assert.match(check.output, new RegExp(`sources\\.json:${gone}:5: warning: The source "gone" \\(git .*team-kit\\.git\\) could not be fetched`));
    assert.match(check.output, /also in the source "team" \(team\/agents\/diff-reader\.md, page \/catalog\/agents\/diff-reader-[0-9a-f]{6}\/\)/);
  });
});
