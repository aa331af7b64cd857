/**
 * Sources given as git repositories (AGENTS_SOURCES `{"git": …}`, src/agents/git-sources.ts): real bare repositories
 * written here, served over http by a server this test starts and over file://, each of a shape the catalog reads
 * (a marketplace at a pinned sha, a project's .claude/agents at a ref, a plugin on the default branch, a sub-folder of
 * agents), and the failures (a sha the repository lacks, a host nothing answers on), each costing its source only,
 * with a warning at its line of the file. The whole file runs with a global git config whose hook and LFS filter
 * write to a log when they run: the fetches run neither (plain git, the control, runs them), and nothing outside the
 * cache is written. With the server gone, the pinned commits are read again from the cache.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { commitDate } from '../../src/agents/fetch/index.ts';
import { gitSourceFolder } from '../../src/agents/git-sources.ts';
import { loadSources, sourceNames } from '../../src/agents/sources.ts';
import type { Catalog, SourceSpec } from '../../src/agents/types.ts';
import { readSettings } from '../../src/settings.ts';
import { sourceLinks } from '../../src/site/source.ts';
import { makeRepository } from '../fixtures/fetch/git-repos.ts';
import { startGitServer, type GitServer } from '../fixtures/fetch/git-server.ts';

const agent = (name: string, text = `review ${name}`) => `---\nname: ${name}\ndescription: Use this agent to ${text}.\n---\nYou ${text}.\n`;
const POLICY = { protocols: ['https', 'http', 'file'] as const, localHosts: true };
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const box = mkdtempSync(path.join(tmpdir(), 'agent-docs-git-sources-'));
const srv = path.join(box, 'srv');
const cache = path.join(box, 'cache');
const ranLog = path.join(box, 'ran.log');
const savedEnv = { ...process.env };
let server: GitServer;
let closedOrigin: string;
let ids: Record<string, Record<string, string[]>> = {};
let listFile: string;

/** Every path under `dir` but the cache, never through a link, with size and mtime: what a fetch must not touch. */
function snapshot(dir = box, prefix = ''): Map<string, string> {
  const shot = new Map<string, string>();
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const name = path.join(prefix, entry.name);
    if (name === 'cache' || name === 'control') continue;
    const info = lstatSync(path.join(dir, name));
    shot.set(name, info.isSymbolicLink() ? `link ${readlinkSync(path.join(dir, name))}` : `${info.isDirectory() ? 'dir' : info.size} ${info.mtimeMs}`);
    if (entry.isDirectory()) for (const [k, v] of snapshot(dir, name)) shot.set(k, v);
  }
  return shot;
}

/** A global git config whose hooks and LFS smudge filter log that they ran: live for plain git, never for a fetch. */
function hostileGit() {
  const hostile = path.join(box, 'hostile');
  mkdirSync(path.join(hostile, 'hooks'), { recursive: true });
  const payload = path.join(hostile, 'payload.sh');
  writeFileSync(payload, `#!/bin/sh\necho "$*" >> "${ranLog}"\ncase "$1" in lfs-smudge) cat ;; esac\n`);
  chmodSync(payload, 0o755);
  for (const hook of ['post-checkout', 'reference-transaction']) {
    writeFileSync(path.join(hostile, 'hooks', hook), `#!/bin/sh\n"${payload}" hook ${hook}\n`);
    chmodSync(path.join(hostile, 'hooks', hook), 0o755);
  }
  writeFileSync(path.join(hostile, 'gitconfig'), `[core]\n\thooksPath = ${path.join(hostile, 'hooks')}\n[filter "lfs"]\n\tsmudge = "${payload}" lfs-smudge %f\n\trequired = true\n`);
  process.env.GIT_CONFIG_GLOBAL = path.join(hostile, 'gitconfig');
}

before(async () => {
  mkdirSync(srv);
  mkdirSync(path.join(box, 'outside'));
  writeFileSync(path.join(box, 'outside/secret.md'), agent('secret', 'must never be read'));
  const market = (extra: Record<string, string>) => ({
    '.claude-plugin/marketplace.json': JSON.stringify({ name: 'remote-market', owner: { name: 'R' }, plugins: [{ name: 'kit', source: './plugins/kit' }] }),
    'plugins/kit/.claude-plugin/plugin.json': '{"name":"kit"}',
    'plugins/kit/agents/kit-reader.md': agent('kit-reader'),
    ...extra,
  });
  ids['market.git'] = makeRepository(path.join(srv, 'market.git'), {
    head: 'main',
    branches: { main: { commits: [{ when: 1_700_000_000, files: market({}) }, { when: 1_700_100_000, files: market({ 'plugins/kit/agents/later.md': agent('later') }) }] } },
  });
  ids['project.git'] = makeRepository(path.join(srv, 'project.git'), {
    head: 'main',
    branches: {
      main: { commits: [{ when: 1_700_200_000, files: { '.claude/agents/on-main.md': agent('on-main') } }] },
      stable: { commits: [{ when: 1_700_300_000, files: { '.claude/agents/on-stable.md': agent('on-stable'), 'README.md': '# project\n' } }] },
    },
  });
  ids['plugin.git'] = makeRepository(path.join(srv, 'plugin.git'), {
    head: 'trunk',
    branches: { trunk: { commits: [{ when: 1_700_400_000, files: { '.claude-plugin/plugin.json': '{"name":"solo"}', 'agents/solo-agent.md': agent('solo-agent') } }] } },
  });
  ids['mono.git'] = makeRepository(path.join(srv, 'mono.git'), {
    head: 'main',
    branches: {
      main: {
        commits: [
          {
            when: 1_700_500_000,
            files: {
              '.gitattributes': '*.md filter=lfs\n',
              '.githooks/post-checkout': '#!/bin/sh\ntouch ran-from-repository\n',
              'teams/ops/watch/disk-watcher.md': agent('disk-watcher'),
              'teams/ops/escape.md': { link: '../../../../../../outside/secret.md' },
              'teams/dev/not-this.md': agent('not-this'),
            },
          },
        ],
      },
    },
  });
  server = await startGitServer(srv);
  const closed = await startGitServer(srv);
  await closed.stop();
  closedOrigin = closed.origin;
  hostileGit();
  const sources = [
    { git: `${server.origin}/market.git`, sha: ids['market.git']!.main![0] },
    { git: `file://${srv}/project.git`, ref: 'stable' },
    { git: `${server.origin}/plugin.git` },
    { git: `${server.origin}/mono.git`, path: 'teams/ops' },
    { git: `${server.origin}/market.git`, name: 'gone', sha: 'f'.repeat(40) },
    { git: `${closedOrigin}/nowhere.git`, name: 'nowhere' },
  ];
  listFile = path.join(box, 'sources.json');
  writeFileSync(listFile, `${JSON.stringify({ sources }, null, 2)}\n`);
});

after(async () => {
  await server?.stop();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  rmSync(box, { recursive: true, force: true });
});

const specs = (): SourceSpec[] => readSettings({ AGENTS_SOURCES: listFile }, box).sources;
const load = () => loadSources(specs(), { render: false, sourceFetch: { cache, policy: POLICY, limits: { timeoutMs: 20_000 } } });
/** The line of the `{` of the first source whose text holds `needle`, in the file as written. */
function lineOf(needle: string): number {
  const lines = readFileSync(listFile, 'utf8').split('\n');
  let at = lines.findIndex((l) => l.includes(needle));
  while (at > 0 && lines[at]!.trim() !== '{') at--;
  return at + 1;
}

describe('git sources', () => {
  let catalog: Catalog;
  let untouched: Map<string, string>;
  before(async () => {
    untouched = snapshot();
    catalog = await load();
  });

  test('the file lists each git source with its line', () => {
    const listed = specs();
    assert.deepEqual(listed[0], { git: { url: `${server.origin}/market.git`, sha: ids['market.git']!.main![0] }, listed: { file: path.relative(process.cwd(), listFile), line: lineOf('market.git"'), column: 5 } });
    assert.deepEqual(listed[3]!.git, { url: `${server.origin}/mono.git`, path: 'teams/ops' });
  });

  test('each shape is read at the commit it names: pinned sha, ref, default branch, sub-folder', () => {
    assert.deepEqual(
      catalog.agents.map((a) => [a.source, a.file, a.plugin ?? '']),
      [
        ['market', 'market/plugins/kit/agents/kit-reader.md', 'kit'],
        ['project', 'project/.claude/agents/on-stable.md', ''],
        ['plugin', 'plugin/agents/solo-agent.md', 'solo'],
        ['ops', 'ops/watch/disk-watcher.md', ''],
      ],
    );
    assert.deepEqual(
      catalog.sources!.map((s) => [s.name, s.layout, s.git?.commit, s.git?.ref, s.git?.pinned]),
      [
        ['market', 'marketplace', ids['market.git']!.main![0], undefined, true],
        ['project', 'project', ids['project.git']!.stable![0], 'stable', false],
        ['plugin', 'plugin', ids['plugin.git']!.trunk![0], 'trunk', false],
        ['ops', 'folder', ids['mono.git']!.main![0], 'main', false],
        ['gone', 'folder', undefined, undefined, undefined],
        ['nowhere', 'folder', undefined, undefined, undefined],
      ],
    );
    assert.equal(catalog.agents.find((a) => a.name === 'disk-watcher')!.category, 'watch', 'a sub-folder read like a folder: its folders are categories');
    assert.equal(catalog.sources![0]!.marketplace?.name, 'remote-market');
  });

  test('agents are dated by the commit read, not by when they were fetched', () => {
    assert.deepEqual(catalog.agents.map((a) => a.updated), [iso(1_700_000_000), iso(1_700_300_000), iso(1_700_400_000), iso(1_700_500_000)]);
    assert.equal(commitDate('tree x\ncommitter A <a@b> 1700000000 +0200\n\nmessage\ncommitter B <b@c> 1 +0000\n'), iso(1_700_000_000));
    assert.equal(commitDate('tree x\n\nno committer\n'), undefined);
  });

  test('"View source" opens the repository at the commit read; a file:// repository has no web page', () => {
    const settings = { repoBranch: 'main', agentsDir: path.join(box, 'agents') };
    const pinned = ids['market.git']!.main![0]!;
    assert.equal(sourceLinks('market/plugins/kit/agents/kit-reader.md', settings, box, catalog.mounts)?.view, `${server.origin}/market/blob/${pinned}/plugins/kit/agents/kit-reader.md`);
    assert.equal(sourceLinks('ops/watch/disk-watcher.md', settings, box, catalog.mounts)?.view, `${server.origin}/mono/blob/${ids['mono.git']!.main![0]}/teams/ops/watch/disk-watcher.md`);
    assert.equal(sourceLinks('project/.claude/agents/on-stable.md', settings, box, catalog.mounts), undefined);
    assert.equal(catalog.sources![0]!.addFrom, `${server.origin}/market.git`, 'its marketplace is added from its repository');
  });

  test('a failure costs its source: a warning at its line of the file, and the rest is read', () => {
    const warnings = catalog.problems.filter((p) => p.code === 'source-fetch-failed');
    assert.deepEqual(warnings.map((w) => [w.severity, w.file, w.line]), [
      ['warning', path.relative(process.cwd(), listFile), lineOf('"name": "gone"')],
      ['warning', path.relative(process.cwd(), listFile), lineOf('"name": "nowhere"')],
    ]);
    assert.match(warnings[0]!.message, /^The source "gone" \(git http:\/\/127\.0\.0\.1:\d+\/market\.git\) could not be fetched, so its agents are not in the catalog: .* has no commit f{40}/);
    assert.match(warnings[1]!.message, /"nowhere".*Could not connect to .*nowhere\.git/);
    assert.match(catalog.sources![4]!.git!.failed!, /has no commit f{40}/);
  });

  test('the tree is data: a link out is not read, no hook or filter ran (plain git, the control, runs them), nothing outside the cache changed', () => {
    assert.ok(!catalog.agents.some((a) => a.name === 'secret' || a.file.endsWith('escape.md')));
    assert.ok(!existsSync(ranLog), `nothing ran: ${existsSync(ranLog) ? readFileSync(ranLog, 'utf8') : ''}`);
    assert.deepEqual([...snapshot()].filter(([k, v]) => untouched.get(k) !== v), []);
    assert.deepEqual([...untouched.keys()].filter((k) => !snapshot().has(k)), []);
    for (const mount of catalog.mounts!) assert.ok(mount.dir.startsWith(cache + path.sep), `${mount.at} is read from the cache`);
    const control = spawnSync('git', ['clone', '--quiet', `file://${srv}/mono.git`, path.join(box, 'control')], { env: process.env, encoding: 'utf8' });
    assert.equal(control.status, 0, control.stderr);
    assert.match(readFileSync(ranLog, 'utf8'), /hook post-checkout/);
    assert.match(readFileSync(ranLog, 'utf8'), /lfs-smudge/);
    rmSync(ranLog);
  });

  test('with the server gone, pinned commits are read from the cache; a branch stands in for itself, with a warning', async () => {
    await server.stop();
    try {
      const again = await load();
      assert.deepEqual(again.agents.map((a) => [a.file, a.updated]), catalog.agents.map((a) => [a.file, a.updated]));
      assert.deepEqual(again.problems.filter((p) => p.code === 'source-fetch-stale').map((p) => p.line), [lineOf('plugin.git"'), lineOf('mono.git"')]);
      assert.equal(again.sources![0]!.git!.stale, undefined, 'the pinned commit needs no network');
    } finally {
      await server.start();
    }
  });
});

describe('AGENTS_SOURCES: git sources are checked before anything is fetched', () => {
  const write = (text: string) => {
    const dir = mkdtempSync(path.join(box, 'list-'));
    writeFileSync(path.join(dir, 'sources.json'), text);
    return path.join(dir, 'sources.json');
  };
  const refused: Array<[string, string, RegExp]> = [
    ['a sha that is not a full commit id, at its line', '{ "sources": [\n  { "git": "https://example.com/a.git",\n    "sha": "abc123" }\n] }\n', /sources\.json:3:12: `sources\.0\.sha`: a full commit id of 40 hexadecimal digits\. Give the full commit id/],
    ['a field a git source does not take', '{ "sources": [{ "git": "https://example.com/a.git", "repoPath": "x" }] }', /`sources\.0`: Unrecognized key: "repoPath"\. Remove it: a `git` source takes `git`, `name`, `ref`, `sha` and `path`/],
    ['neither a path nor a repository', '{ "sources": [{ "name": "x" }] }', /`sources\.0`: neither a folder nor a git repository\. Write a folder's path/],
    ['one repository twice at one commit', '{ "sources": [{ "git": "https://example.com/a.git" }, { "git": "https://example.com/a.git", "name": "b" }] }', /:1: the repository "https:\/\/example\.com\/a\.git" is listed twice/],
  ];
  for (const [name, text, message] of refused) test(name, () => assert.throws(() => readSettings({ AGENTS_SOURCES: write(text) }, '/'), message));
  test('a git source is named by its sub-folder, else its repository; the folders to watch are the local ones', () => {
    const settings = readSettings({ AGENTS_SOURCES: write('{ "sources": ["./here", { "git": "https://example.com/acme/tools.git" }, { "git": "git@example.com:acme/mono.git", "path": "teams/ops" }, { "git": "acme/web", "path": ".claude/agents" }] }') }, '/');
    assert.deepEqual(settings.agentsDirs.map((d) => path.basename(d)), ['here']);
    assert.deepEqual(sourceNames(settings.sources.map((s) => s.dir ?? gitSourceFolder(s.git))), ['here', 'tools', 'ops', 'web']);
  });
});
