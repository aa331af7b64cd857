/**
 * A catalog of several sources (src/agents/sources.ts): AGENTS_DIR as a list, each source read as its own catalog,
 * mounted at its name and joined. Rows for the names, the settings and the links; the three-source fixture
 * (tests/fixtures/sources: a marketplace, a project's .claude/agents, a plain folder) for the join itself.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';
import { mountOf } from '../../src/agents/mounts.ts';
import { loadSources, originUrl, sourceNames, sourceRepository } from '../../src/agents/sources.ts';
import { readSettings } from '../../src/settings.ts';
import { sourceLinks } from '../../src/site/source.ts';
import { cleanGit } from '../fixtures/fetch/git-repos.ts';
import { pluginCacheKey } from '../../src/agents/fetch/cache-key.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sources');
const THREE = ['acme-market', 'web-app', 'personal'].map((s) => path.join(FIXTURES, s));

describe('source names', () => {
  const rows: Array<[string, string[], string[]]> = [
    ['each folder by its name', ['/a/agents', '/b/team-plugins'], ['agents', 'team-plugins']],
    ['a project\'s .claude/agents by the project', ['/code/web-app/.claude/agents', '/code/api/.claude'], ['web-app', 'api']],
    ['two of one name numbered, in order', ['/a/agents', '/b/agents', '/c/Agents'], ['agents', 'agents-2', 'Agents-3']],
    ['one path segment, whatever the folder is called', ['/x/my agents:v2'], ['my-agents-v2']],
  ];
  for (const [name, dirs, expected] of rows) test(name, () => assert.deepEqual(sourceNames(dirs), expected));
});

describe('AGENTS_DIR and FETCH_PLUGINS', () => {
  const root = path.resolve('/work/site');
  const rows: Array<[string, Record<string, string>, Partial<ReturnType<typeof readSettings>> | RegExp]> = [
    ['unset: agents/', {}, { agentsDirs: [path.join(root, 'agents')], fetchPlugins: false }],
    ['one folder', { AGENTS_DIR: '../team' }, { agentsDir: path.resolve(root, '../team'), agentsDirs: [path.resolve(root, '../team')] }],
    ['a list separated as PATH is, empty parts dropped', { AGENTS_DIR: `./agents${path.delimiter}../team${path.delimiter}` }, { agentsDir: path.join(root, 'agents'), agentsDirs: [path.join(root, 'agents'), path.resolve(root, '../team')] }],
    ['one folder twice is a mistake', { AGENTS_DIR: `agents${path.delimiter}./agents` }, /lists the folder .* twice/],
    ['FETCH_PLUGINS=1 turns fetching on, with a cache of its own', { FETCH_PLUGINS: '1' }, { fetchPlugins: true, pluginCache: path.join(root, 'node_modules/.cache/agent-docs/plugins'), fetchAllow: { protocols: ['https'], localHosts: false } }],
    ['FETCH_PLUGINS takes 1 or 0', { FETCH_PLUGINS: 'maybe' }, /FETCH_PLUGINS must be 1/],
    ['FETCH_PLUGINS_ALLOW widens it for local test servers only when asked', { FETCH_PLUGINS_ALLOW: 'http, local-hosts' }, { fetchAllow: { protocols: ['https', 'http'], localHosts: true } }],
    ['FETCH_PLUGINS_ALLOW names what it knows', { FETCH_PLUGINS_ALLOW: 'ssh' }, /takes http, file and local-hosts/],
  ];
  for (const [name, env, expected] of rows) {
    test(name, () => {
      if (expected instanceof RegExp) return void assert.throws(() => readSettings(env, root), expected);
      const settings = readSettings(env, root);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(settings[key as keyof typeof settings], value, key);
    });
  }
});

test('the origin of a git config, read as text', () => {
  assert.equal(originUrl('[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/team.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n'), 'git@github.com:acme/team.git');
  assert.equal(originUrl('[remote "upstream"]\n\turl = https://example.com/u.git\n'), undefined);
});

test('one source is loadCatalog\'s catalog, unchanged', async () => {
  const one = await loadSources([THREE[0]!], { render: false });
  assert.deepEqual(one, await loadCatalog(THREE[0]!, { render: false }));
  assert.equal(one.sources, undefined);
  assert.ok(one.agents.every((a) => a.source === undefined));
});

describe('three sources: a marketplace, a project, a folder', async () => {
  const catalog = await loadSources(THREE, { render: false });
  const rows = catalog.agents.map((a) => [a.source, a.name, a.file, a.slug, a.plugin ?? '']);

  test('every agent once per source, with its source, its file under the source\'s name, and a slug of its own', () => {
    assert.deepEqual(rows, [
      ['acme-market', 'diff-reader', 'acme-market/plugins/review-kit/agents/diff-reader.md', 'diff-reader', 'review-kit'],
      ['acme-market', 'test-gap-finder', 'acme-market/plugins/review-kit/agents/test-gap-finder.md', 'test-gap-finder', 'review-kit'],
      ['web-app', 'release-notes', 'web-app/.claude/agents/release-notes.md', 'release-notes', ''],
      ['web-app', 'style-checker', 'web-app/.claude/agents/style-checker.md', 'style-checker', ''],
      ['personal', 'disk-watcher', 'personal/ops/disk-watcher.md', 'disk-watcher', ''],
      ['personal', 'style-checker', 'personal/writing/style-checker.md', catalog.agents[5]!.slug, ''],
    ]);
    assert.match(catalog.agents[5]!.slug, /^style-checker-[0-9a-f]{6}$/);
  });

  test('categories and plugins stay per source', () => {
    assert.deepEqual(catalog.agents.map((a) => a.category), ['quality', 'quality', 'uncategorized', 'uncategorized', 'ops', 'writing']);
    assert.deepEqual(catalog.plugins.map((p) => [p.name, p.from, p.manifest, p.source]), [['review-kit', 'acme-market', 'acme-market/.claude-plugin/marketplace.json', { kind: 'local', path: 'acme-market/plugins/review-kit' }]]);
    assert.deepEqual(catalog.plugins[0]!.contents?.agents.map((a) => a.slug), ['diff-reader', 'test-gap-finder']);
    assert.deepEqual(catalog.sources?.map((s) => [s.name, s.layout, s.marketplace?.name]), [['acme-market', 'marketplace', 'acme-tools'], ['web-app', 'project', undefined], ['personal', 'folder', undefined]]);
  });

  test('one name in two sources: both published, each warned where the other is', () => {
    const warned = catalog.agents.filter((a) => a.diagnostics.some((d) => d.code === 'name-in-several-sources'));
    assert.deepEqual(warned.map((a) => a.file), ['web-app/.claude/agents/style-checker.md', 'personal/writing/style-checker.md']);
    const [first, second] = warned.map((a) => a.diagnostics.find((d) => d.code === 'name-in-several-sources')!);
    assert.equal(first!.severity, 'warning');
    assert.equal(first!.line, 2, 'at the name');
    assert.match(first!.message, /also in the source "personal" \(personal\/writing\/style-checker\.md, page \/agents\/style-checker-[0-9a-f]{6}\/\)/);
    assert.match(second!.message, /also in the source "web-app" \(web-app\/\.claude\/agents\/style-checker\.md, page \/agents\/style-checker\/\)/);
  });

  test('the page a warning names is under BASE_PATH', async () => {
    const based = await loadSources(THREE, { render: false, basePath: '/catalog/' });
    const messages = based.agents.flatMap((a) => a.diagnostics.filter((d) => d.code === 'name-in-several-sources').map((d) => d.message));
    assert.match(messages[0]!, /page \/catalog\/agents\/style-checker-[0-9a-f]{6}\/\)/);
    assert.match(messages[1]!, /page \/catalog\/agents\/style-checker\/\)/);
  });

  test('what is not an agent is listed under its source', () => {
    assert.deepEqual(catalog.skipped.map((s) => s.file), ['web-app/README.md']);
  });

  test('every file is read again from its own source\'s folder', () => {
    for (const agent of catalog.agents) {
      const where = mountOf(agent.file, catalog.mounts!)!;
      assert.equal(where.mount.source, agent.source);
      assert.equal(path.join(where.mount.dir, where.rel), path.join(FIXTURES, agent.file));
    }
  });

  test('View source: the first source as REPO_URL says, a fetched plugin at its commit, an unknown clone nowhere', () => {
    const settings = { repoUrl: 'https://github.com/acme/site', repoBranch: 'main', agentsDir: THREE[0]! };
    const root = path.dirname(FIXTURES);
    // (Without what the fixtures' own clone would say: this repository's origin differs from one machine to the next.)
    const mounts = [...catalog.mounts!.map(({ repository: _known, ...mount }) => mount), { at: 'acme-market/remote@0123456789ab/', dir: '/cache/x/files', repository: { url: 'https://github.com/acme/remote', commit: '0123456789abcdef0123456789abcdef01234567', path: 'plugins/r' } }];
    assert.deepEqual(sourceLinks('acme-market/plugins/review-kit/agents/diff-reader.md', settings, root, mounts), {
      path: 'sources/acme-market/plugins/review-kit/agents/diff-reader.md',
      view: 'https://github.com/acme/site/blob/main/sources/acme-market/plugins/review-kit/agents/diff-reader.md',
      edit: 'https://github.com/acme/site/edit/main/sources/acme-market/plugins/review-kit/agents/diff-reader.md',
    });
    assert.deepEqual(sourceLinks('acme-market/remote@0123456789ab/agents/a b.md', settings, root, mounts), {
      path: 'plugins/r/agents/a b.md',
      view: 'https://github.com/acme/remote/blob/0123456789abcdef0123456789abcdef01234567/plugins/r/agents/a%20b.md',
    });
    assert.equal(sourceLinks('personal/ops/disk-watcher.md', settings, root, mounts), undefined);
  });
});

test('another source that is a clone links to its origin at the commit checked out, read without running git in it', async () => {
  const box = mkdtempSync(path.join(tmpdir(), 'agent-docs-sources-'));
  try {
    const clone = path.join(box, 'team');
    mkdirSync(path.join(clone, 'agents'), { recursive: true });
    writeFileSync(path.join(clone, 'agents/helper.md'), '---\nname: helper\ndescription: Helps.\n---\nYou help.\n');
    cleanGit(['init', '--quiet', '--initial-branch=main', clone]);
    cleanGit(['-C', clone, 'remote', 'add', 'origin', 'git@github.com:acme/team.git']);
    cleanGit(['-C', clone, 'add', '.']);
    cleanGit(['-C', clone, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '--quiet', '-m', 'one']);
    const head = cleanGit(['-C', clone, 'rev-parse', 'HEAD']).trim();
    assert.deepEqual(await sourceRepository(path.join(clone, 'agents')), { url: 'https://github.com/acme/team', commit: head, path: 'agents' });
    const catalog = await loadSources([THREE[2]!, path.join(clone, 'agents')], { render: false });
    assert.deepEqual(catalog.mounts?.find((m) => m.source === 'agents')?.repository, { url: 'https://github.com/acme/team', commit: head, path: 'agents' });
    assert.equal(catalog.sources?.[1]?.addFrom, undefined, 'a sub-folder of a repository is not a marketplace people add');
    // A token in the origin's address never reaches a page.
    cleanGit(['-C', clone, 'remote', 'set-url', 'origin', 'https://bot:ghp_secret@github.com/acme/team.git']);
    assert.equal((await sourceRepository(clone))?.url, 'https://github.com/acme/team');
    // No origin: no links.
    cleanGit(['-C', clone, 'remote', 'remove', 'origin']);
    assert.equal(await sourceRepository(clone), undefined);
  } finally {
    rmSync(box, { recursive: true, force: true });
  }
});

test('the fetched plugins\' cache key changes when a pin does, and only then', () => {
  const market = (sha: string, more: unknown[] = []) => ({ plugins: [{ name: 'a', source: { source: 'url', url: 'https://example.com/a.git', sha } }, { name: 'local', source: './x' }, ...more] });
  const key = pluginCacheKey([market('1'.repeat(40))]);
  assert.match(key, /^[0-9a-f]{16}$/);
  assert.equal(pluginCacheKey([market('1'.repeat(40), [{ name: 'b', source: { source: 'npm', package: 'b' } }])]), key, 'an npm entry is not fetched');
  assert.notEqual(pluginCacheKey([market('2'.repeat(40))]), key, 'another pin');
  assert.equal(pluginCacheKey([{ plugins: 'broken' }, market('1'.repeat(40))]), key, 'a broken manifest adds nothing');
  const git = (sha: string) => [{ url: 'https://example.com/team.git', path: 'agents', sha }];
  const withGit = pluginCacheKey([market('1'.repeat(40))], git('3'.repeat(40)));
  assert.notEqual(withGit, key, 'a git source of a sources file counts');
  assert.equal(pluginCacheKey([market('1'.repeat(40))], git('3'.repeat(40))), withGit);
  assert.notEqual(pluginCacheKey([market('1'.repeat(40))], git('4'.repeat(40))), withGit, 'its pin moved');
});

test('a plugin name in two sources: both listed, each with its own marketplace, and a warning at the later manifest', async () => {
  // The marketplace, and its plugin's folder read as a plugin of its own.
  const catalog = await loadSources([THREE[0]!, path.join(FIXTURES, 'acme-market/plugins/review-kit')], { render: false });
  assert.deepEqual(catalog.plugins.map((p) => [p.name, p.from]), [['review-kit', 'acme-market'], ['review-kit', 'review-kit']]);
  assert.deepEqual(catalog.problems.filter((p) => p.code === 'plugin-in-several-sources').map((p) => [p.severity, p.file]), [['warning', 'review-kit/.claude-plugin/plugin.json']]);
});

describe('AGENTS_SOURCES: a file naming the sources', () => {
  const write = (text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-sources-file-'));
    writeFileSync(path.join(dir, 'sources.json'), text);
    return path.join(dir, 'sources.json');
  };
  test('folders relative to the file, names and repositories as given', () => {
    const file = write('{\n  "sources": [\n    "./agents",\n    { "path": "../team", "name": "team", "repo": "https://github.com/acme/team.git", "ref": "v2", "repoPath": "claude" }\n  ]\n}\n');
    const base = path.dirname(file);
    const listed = (line: number) => ({ file: path.relative(process.cwd(), file), line, column: 5 });
    assert.deepEqual(readSettings({ AGENTS_SOURCES: file }, '/elsewhere').sources, [
      { dir: path.join(base, 'agents'), listed: listed(3) },
      { dir: path.resolve(base, '../team'), name: 'team', repo: { url: 'https://github.com/acme/team', ref: 'v2', path: 'claude' }, listed: listed(4) },
    ]);
  });
  const refused: Array<[string, string, RegExp]> = [
    ['not JSON: the line and column', '{\n  "sources": [\n    "./a",\n  ]\n}\n', /sources\.json:4:3: not valid JSON/],
    ['a field of the wrong kind, at its line', '{\n  "sources": [\n    { "path": "./a",\n      "repo": "ftp://x" }\n  ]\n}\n', /sources\.json:4:15: `sources\.0\.repo`: .*Give the repository's web address/],
    ['an unknown field, at its value', '{ "sources": [\n  { "path": "./a", "colour": "red" }\n] }\n', /sources\.json:2:30: `sources\.0`: Unrecognized key: "colour"\. Remove it: a source takes `path`/],
    ['a name that is not one path segment', '{ "sources": [{ "path": "./a", "name": "a/b" }] }', /`sources\.0\.name`: .*Use letters, digits/],
    ['no sources', '{ "sources": [] }', /`sources`: .*Write `"sources": \["\.\/agents"/],
    ['two sources of one name', '{ "sources": [{ "path": "./a", "name": "x" }, { "path": "./b", "name": "X" }] }', /two sources are named "x"/],
  ];
  for (const [name, text, message] of refused) test(name, () => assert.throws(() => readSettings({ AGENTS_SOURCES: write(text) }, '/'), message));
  test('AGENTS_SOURCES_WITHIN (the Action: the repository): a folder outside it, or a link leading out, is refused at its line', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'agent-docs-within-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'agent-docs-outside-'));
    mkdirSync(path.join(repo, 'agents'));
    symlinkSync(outside, path.join(repo, 'linked'));
    const file = (sources: string) => {
      writeFileSync(path.join(repo, 'sources.json'), `{\n  "sources": [\n    "./agents",\n    ${sources}\n  ]\n}\n`);
      return path.join(repo, 'sources.json');
    };
    const read = (sources: string, within?: string) => readSettings({ AGENTS_SOURCES: file(sources), ...(within ? { AGENTS_SOURCES_WITHIN: within } : {}) }, '/');
    try {
      assert.equal(read('{ "git": "https://example.com/x.git" }', repo).sources.length, 2, 'folders inside, and a git source, pass');
      assert.throws(() => read(JSON.stringify(outside), repo), /sources\.json:4:5: the source folder ".*" is outside .*; list folders inside it\./);
      assert.throws(() => read('"../"', repo), /is outside/);
      assert.throws(() => read('"./linked"', repo), /sources\.json:4:5: the source folder ".*linked" is outside/, 'a link inside the repository leading out of it');
      assert.equal(read('"./linked"').sources.length, 2, 'without AGENTS_SOURCES_WITHIN nothing is refused (a local build may read anything it is given)');
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
  test('with AGENTS_DIR too: one of them', () => assert.throws(() => readSettings({ AGENTS_SOURCES: write('{"sources":["a"]}'), AGENTS_DIR: 'b' }, '/'), /both set/));
  test('a name and a repository given: the source is joined under that name, its links open that repository', async () => {
    const catalog = await loadSources([{ dir: THREE[2]!, name: 'notes', repo: { url: 'https://github.com/me/notes', ref: 'trunk', path: 'agents' } }], { render: false });
    assert.deepEqual(catalog.agents.map((a) => a.file), ['notes/ops/disk-watcher.md', 'notes/writing/style-checker.md']);
    assert.deepEqual(catalog.mounts, [{ at: 'notes/', dir: THREE[2]!, source: 'notes', repository: { url: 'https://github.com/me/notes', commit: 'trunk', path: 'agents' } }]);
    assert.equal(sourceLinks('notes/ops/disk-watcher.md', { repoBranch: 'main', agentsDir: THREE[2]! }, '/', catalog.mounts)?.view, 'https://github.com/me/notes/blob/trunk/agents/ops/disk-watcher.md');
  });
});
