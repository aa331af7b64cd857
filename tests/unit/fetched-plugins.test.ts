/**
 * A marketplace whose plugins live elsewhere, read with fetching on (loadCatalog's `fetch`, FETCH_PLUGINS): real
 * bare repositories written here, served over http by a server this test starts and over file://. Each remote source
 * shape is a row: pinned sha, ref, default branch, git-subdir; and each failure costs its plugin only (a missing sha,
 * an unreachable host), with a warning at the entry's line. A pinned commit fetched once is read again with the
 * server down. With fetching off the catalog is the one it always was.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadCatalog, type Catalog } from '../../src/agents/index.ts';
import { mountOf } from '../../src/agents/mounts.ts';
import { makeRepository } from '../fixtures/fetch/git-repos.ts';
import { startGitServer, type GitServer } from '../fixtures/fetch/git-server.ts';

const POLICY = { protocols: ['https', 'http', 'file'] as const, localHosts: true };
const agent = (name: string, text = `Reviews ${name}.`) => `---\nname: ${name}\ndescription: Use this agent to ${text}\n---\nYou ${text}\n`;

const box = mkdtempSync(path.join(tmpdir(), 'agent-docs-fetched-'));
const srv = path.join(box, 'srv');
const market = path.join(box, 'market');
const cache = path.join(box, 'cache');
let server: GitServer;
let pinned: string;
let laterOnMain: string;

before(async () => {
  mkdirSync(srv, { recursive: true });
  const ids = makeRepository(path.join(srv, 'pinned.git'), {
    head: 'main',
    branches: {
      main: {
        commits: [
          { when: 1_690_000_000, files: { '.claude-plugin/plugin.json': '{"name":"pinned-kit"}', 'agents/first.md': agent('first'), 'agents/deep/second.md': agent('second') } },
          // After the pinned commit: a build must not show it.
          { files: { '.claude-plugin/plugin.json': '{"name":"pinned-kit"}', 'agents/first.md': agent('first'), 'agents/later.md': agent('later') } },
        ],
      },
    },
  });
  pinned = ids.main![0]!;
  laterOnMain = ids.main![1]!;
  makeRepository(path.join(srv, 'branches.git'), {
    head: 'main',
    branches: {
      main: { commits: [{ files: { 'agents/on-main.md': agent('on-main') } }] },
      stable: { commits: [{ files: { 'agents/on-stable.md': agent('on-stable'), 'skills/tidy/SKILL.md': '---\nname: tidy\ndescription: Tidies.\n---\nTidy.\n' } }] },
    },
  });
  makeRepository(path.join(srv, 'mono.git'), {
    head: 'main',
    branches: { main: { commits: [{ files: { 'README.md': '# mono\n', 'plugins/sub/agents/in-sub.md': agent('in-sub'), 'plugins/sub/agents/escape.md': { link: '../../../../outside.md' }, 'other/agents/not-this.md': agent('not-this') } }] } },
  });
  server = await startGitServer(srv);
  const entries = [
    { name: 'pinned', source: { source: 'url', url: `${server.origin}/pinned.git`, sha: pinned } },
    { name: 'stable', source: { source: 'url', url: `file://${srv}/branches.git`, ref: 'stable' } },
    { name: 'default', source: { source: 'url', url: `${server.origin}/branches.git` } },
    { name: 'subdir', source: { source: 'git-subdir', url: `${server.origin}/mono.git`, path: 'plugins/sub' } },
    { name: 'no-such-sha', source: { source: 'url', url: `${server.origin}/pinned.git`, sha: 'f'.repeat(40) } },
    { name: 'no-host', source: { source: 'github', repo: 'acme/tools' } },
  ];
  mkdirSync(path.join(market, '.claude-plugin'), { recursive: true });
  writeFileSync(path.join(market, '.claude-plugin/marketplace.json'), `${JSON.stringify({ name: 'team', owner: { name: 'Team' }, plugins: entries }, null, 2)}\n`);
  mkdirSync(path.join(market, 'agents'));
});

after(async () => {
  await server?.stop();
  rmSync(box, { recursive: true, force: true });
});

const load = (more: Partial<Parameters<typeof loadCatalog>[1]> = {}) =>
  // The GitHub entry is refused before git runs (https only to github.com, which this machine cannot reach): the
  // policy here allows http and file for the local server, and github.com stays unreachable.
  loadCatalog(market, { render: false, fetch: { cache, policy: POLICY, limits: { timeoutMs: 20_000 } }, ...more });

const names = (catalog: Catalog) => catalog.agents.map((a) => `${a.plugin} ${a.pluginAgentName} ${a.file}`).sort();

describe('a marketplace with fetching on', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await load();
  });

  test('each remote source shape publishes its agents, at the commit it names', () => {
    const short = (id: string) => id.slice(0, 12);
    const byPlugin = Object.fromEntries(catalog.plugins.map((p) => [p.name, p]));
    assert.equal(byPlugin.pinned!.fetched?.commit, pinned, 'the pinned sha, not the branch');
    assert.notEqual(byPlugin.pinned!.fetched?.commit, laterOnMain);
    assert.equal(byPlugin.stable!.fetched?.ref, 'stable');
    assert.equal(byPlugin.default!.fetched?.ref, 'main', 'the default branch, recorded');
    const rows = names(catalog);
    assert.deepEqual(
      rows.filter((r) => !r.startsWith('stable') && !r.startsWith('default')),
      [`pinned pinned-kit:deep:second pinned@${short(pinned)}/agents/deep/second.md`, `pinned pinned-kit:first pinned@${short(pinned)}/agents/first.md`, `subdir subdir:in-sub subdir@${short(byPlugin.subdir!.fetched!.commit)}/agents/in-sub.md`],
    );
    assert.ok(rows.some((r) => /^stable stable:on-stable stable@[0-9a-f]{12}\/agents\/on-stable\.md$/.test(r)));
    assert.ok(rows.some((r) => /^default default:on-main default@[0-9a-f]{12}\/agents\/on-main\.md$/.test(r)));
    assert.ok(!rows.some((r) => r.includes('later') || r.includes('not-this')), 'nothing after the pin, nothing outside the sub-folder');
  });

  test('a fetched plugin\'s agents are dated by the commit read, not by when their files were written', () => {
    const pinnedAgents = catalog.agents.filter((a) => a.plugin === 'pinned');
    assert.equal(pinnedAgents.length, 2);
    for (const a of pinnedAgents) assert.equal(a.updated, new Date(1_690_000_000 * 1000).toISOString(), a.file);
    assert.equal(catalog.agents.find((a) => a.plugin === 'stable')?.updated, new Date(1_700_000_000 * 1000).toISOString());
  });

  test('a fetched plugin\'s contents are read too, under its mount', () => {
    const stable = catalog.plugins.find((p) => p.name === 'stable')!;
    assert.deepEqual(stable.contents?.skills.map((s) => s.file), [`${stable.fetched!.at}skills/tidy/SKILL.md`]);
    assert.deepEqual(stable.contents?.agents.map((a) => a.name), ['stable:on-stable']);
  });

  test('every agent file is read again from its own folder', () => {
    assert.ok(catalog.mounts?.length === 5, 'the marketplace and four fetched plugins');
    for (const agent of catalog.agents) {
      const found = mountOf(agent.file, catalog.mounts!);
      assert.ok(found && found.mount.at !== '', `${agent.file} is in a fetched plugin's folder`);
      assert.ok(found.mount.dir.startsWith(cache), 'inside the cache');
    }
    const pinnedMount = catalog.mounts!.find((m) => m.at.startsWith('pinned@'))!;
    assert.deepEqual(pinnedMount.repository, { url: `${server.origin}/pinned`, commit: pinned, path: '' });
  });

  test('a failure costs its plugin: listed with the reason, a warning at its entry\'s source line', () => {
    const failed = catalog.plugins.filter((p) => p.fetchFailed).map((p) => p.name);
    assert.deepEqual(failed, ['no-such-sha', 'no-host']);
    const warnings = catalog.problems.filter((p) => p.code === 'plugin-fetch-failed');
    // The line of each entry's `"source"`, as written.
    const lines = readFileSync(path.join(market, '.claude-plugin/marketplace.json'), 'utf8').split('\n');
    const sourceLine = (name: string) => lines.findIndex((l, i) => l.includes('"source": {') && lines[i - 1]!.includes(`"name": "${name}"`)) + 1;
    assert.deepEqual(warnings.map((w) => [w.severity, w.file, w.line]), [
      ['warning', '.claude-plugin/marketplace.json', sourceLine('no-such-sha')],
      ['warning', '.claude-plugin/marketplace.json', sourceLine('no-host')],
    ]);
    assert.ok(sourceLine('no-host') > 1);
    assert.match(warnings[0]!.message, /"no-such-sha".*has no commit f{40}/);
    assert.match(warnings[1]!.message, /"no-host"/);
  });

  test('a link leaving the fetched tree is never read', () => {
    assert.ok(!catalog.agents.some((a) => a.file.endsWith('escape.md')));
  });

  test('a pinned commit in the cache is read again without the network', async () => {
    await server.stop();
    try {
      const again = await load();
      const pinnedAgents = again.agents.filter((a) => a.plugin === 'pinned').map((a) => a.file);
      assert.deepEqual(pinnedAgents, catalog.agents.filter((a) => a.plugin === 'pinned').map((a) => a.file));
      // A branch's commit fetched before stands in, saying why.
      assert.ok(again.plugins.find((p) => p.name === 'default')?.fetched?.stale);
      assert.ok(again.problems.some((p) => p.code === 'plugin-fetch-stale'));
    } finally {
      await server.start();
    }
  });
});

test('with fetching off the marketplace is read as before: remote plugins listed, not fetched', async () => {
  const off = await loadCatalog(market, { render: false });
  assert.equal(off.agents.length, 0);
  assert.equal(off.mounts, undefined);
  assert.ok(off.plugins.every((p) => !p.fetched && !p.fetchFailed));
  assert.ok(!off.problems.some((p) => p.code.startsWith('plugin-fetch')));
});
