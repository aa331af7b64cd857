/**
 * Hostile repositories (tests/fixtures/hostile-repos/make.ts): for each case, what `npm run check` says (exit code,
 * each diagnostic's file, line and code), which agents are published, that nothing from outside the repository is in
 * the catalog (its canary), and that nothing in the repository ran (its payload). tests/build/hostile-repos.test.ts
 * builds and serves the same repositories.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rm } from 'node:fs/promises';
import { loadCatalog, type Catalog } from '../../src/agents/index.ts';
import { lastChanges } from '../../src/agents/history.ts';
import { locate, openRoot } from '../../src/agents/inside.ts';
import { LIMITS, PROBLEMS_PER_KIND } from '../../src/agents/limits.ts';
import { reportEntries } from '../../src/agents/report.ts';
import { slugText, visible } from '../../src/agents/text.ts';
import { uniqueSlugs } from '../../src/site/format.ts';
import { agentsWatchIgnore } from '../../src/integrations/dev-watch.ts';
import { BIDI_PLUGIN, CASES, EXPECTED, GOOD, LONG, makeHostileRepos, type CaseName, type HostileRepos } from '../fixtures/hostile-repos/make.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Frontmatter checks of the fixtures' own agents (a name differing from its file name): not what these tests are about. */
const OWN_CHECKS = new Set(['name-file-mismatch']);

let repos: HostileRepos;
const catalogs = new Map<CaseName, Catalog>();

before(async () => {
  repos = await makeHostileRepos(mkdtempSync(path.join(tmpdir(), 'agent-docs-hostile-repos-')));
  for (const name of CASES) catalogs.set(name, await loadCatalog(repos.repo(name), { render: false }));
});
after(() => rm(repos.work, { recursive: true, force: true }));

const problemsOf = (catalog: Catalog) =>
  reportEntries(catalog)
    .flatMap((entry) => [...entry.errors, ...entry.warnings].filter((d) => !OWN_CHECKS.has(d.code)).map((d) => `${entry.file}:${d.line} ${d.code}`))
    .sort();

describe('hostile repositories: what the catalog reads and says', () => {
  for (const name of CASES) {
    test(name, () => {
      const catalog = catalogs.get(name)!;
      const expected = EXPECTED[name];
      assert.deepEqual(problemsOf(catalog), [...expected.problems].sort(), 'diagnostics (file:line code)');
      assert.deepEqual(catalog.agents.map((a) => (a.loads ? a.name : `${a.name} (not loading)`)).sort(), [...expected.agents].sort(), 'agents published');
      // Nothing from outside: the canary is in every file there and nowhere else.
      for (const outside of [repos.canary, ...(expected.absent ?? [])]) assert.ok(!JSON.stringify(catalog).includes(outside), `no text from outside the repository is in the catalog (${outside})`);
      assert.ok(!existsSync(repos.payloadRan), 'the payload did not run');
    });
  }
  test('npm run check: each case\'s exit code, its diagnostics by file, no canary and no stack trace', async () => {
    const check = (dir: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'scripts/check.ts'), '--format', 'json', dir]);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c) => (stdout += c));
        child.stderr.on('data', (c) => (stderr += c));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const runs = await Promise.all(CASES.map(async (name) => [name, await check(repos.repo(name))] as const));
    for (const [name, run] of runs) {
      assert.equal(run.status, EXPECTED[name].exit, `${name}: ${run.stderr}`);
      const output = run.stdout + run.stderr;
      assert.ok(!output.includes(repos.canary), `${name}: no canary in the report`);
      assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, `${name}: no stack trace`);
      const files = (JSON.parse(run.stdout) as Array<{ file: string }>).map((f) => f.file);
      for (const problem of EXPECTED[name].problems) assert.ok(files.includes(problem.split(':')[0]!), `${name}: the report names ${problem}`);
    }
    assert.ok(!existsSync(repos.payloadRan), 'the payload did not run during npm run check');
  });
});

describe('what the messages say', () => {
  const message = (name: CaseName, file: string, code: string) => {
    const entry = reportEntries(catalogs.get(name)!).find((e) => e.file === file);
    const found = [...(entry?.errors ?? []), ...(entry?.warnings ?? [])].find((d) => d.code === code);
    assert.ok(found, `${name}: ${file} has ${code}`);
    return found.message;
  };
  test('a link out names the path as written and the link with its target', () => {
    assert.match(message('plugin-links', 'plugins/linked/.claude-plugin/plugin.json', 'link-outside'), /"plugins\/linked\/\.claude-plugin\/plugin\.json" is a symbolic link to ".*\/outside\/plugin\.json", outside the repository/);
    assert.match(message('plugin-links', 'plugins/linked-folder/.claude-plugin/plugin.json', 'link-outside'), /is reached through "plugins\/linked-folder\/\.claude-plugin", a symbolic link to/);
    assert.match(message('project-claude-link', '.claude/agents', 'link-outside'), /"\.claude\/agents" is reached through "\.claude", a symbolic link to/);
    // A link to a link says where it finally leads; a loop says it leads nowhere.
    assert.match(message('loops', 'second.md', 'link-outside'), /a symbolic link to "first\.md" \(which leads to ".*\/outside\/canary\.md"\)/);
    assert.match(message('loops', 'ping', 'link-outside'), /leads nowhere \(or round in a loop\)/);
    assert.match(message('paths-out', 'plugins/listed/agents/linked.md', 'link-outside'), /^"plugins\/listed\/agents\/linked\.md"/);
  });
  test('a source of the wrong type is called that, not missing', () => {
    assert.match(message('odd-names', '.claude-plugin/marketplace.json', 'plugin-source-invalid'), /must be a path or an object, not number 42/);
  });
  test('an over-limit manifest names the limit', () => {
    assert.match(message('huge-manifest', '.claude-plugin/marketplace.json', 'manifest-too-large'), /5\.0 MiB, over the 4\.0 MiB limit/);
  });
});

describe('names never break the build', () => {
  test('category and plugin slugs are cut like agent names, and stay unique', () => {
    const catalog = catalogs.get('long-names')!;
    const categories = [...new Set(catalog.agents.map((a) => a.category))];
    const slugs = uniqueSlugs([...categories, `${LONG}-other`]);
    for (const slug of slugs.values()) assert.ok(slug.length <= 90, `${slug.length} characters`);
    assert.equal(new Set(slugs.values()).size, slugs.size, 'unique');
    assert.equal(slugText(LONG).length, 80);
  });
  test('hidden characters in plugin names and categories are shown escaped', () => {
    const catalog = catalogs.get('odd-names')!;
    const plugin = catalog.plugins.find((p) => p.name.startsWith('evil'))!;
    assert.equal(plugin.name, visible(BIDI_PLUGIN));
    assert.equal(plugin.name, 'evil\\u{202e}gpj.exe');
    assert.equal(catalog.agents.find((a) => a.name === 'bidi-agent')?.category, 'zero\\u{200b}width');
  });
});

describe('git history: read as data, never run', () => {
  test('a bare repository as the folder is not a repository to us; its payload does not run', async () => {
    const { dates } = await lastChanges(repos.repo('bare-repo'));
    assert.equal(dates.size, 0);
    assert.ok(!existsSync(repos.payloadRan));
  });
  test('a .git folder inside the folder: its objects date the files, its config and hooks never run', async () => {
    const { dates } = await lastChanges(repos.repo('dot-git'));
    assert.deepEqual([...dates], [[`${GOOD}.md`, '2023-11-14T22:13:20.000Z']]);
    assert.equal(catalogs.get('dot-git')!.agents[0]!.updated, '2023-11-14T22:13:20.000Z');
    assert.ok(!existsSync(repos.payloadRan));
  });
  test('the armed config does run the payload when git obeys it: the defence is what stops it', () => {
    // The same `git log` the catalog used to run, in the armed folder: proof that the fixture is live.
    const ran = path.join(mkdtempSync(path.join(tmpdir(), 'agent-docs-armed-')), 'ran');
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-armed-repo-'));
    const env = { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: dir };
    const payload = path.join(dir, 'payload.sh');
    writeFileSync(payload, `#!/bin/sh\necho ran >> '${ran}'\ncat >/dev/null\nexit 1\n`, { mode: 0o755 });
    writeFileSync(path.join(dir, 'a.md'), 'x');
    execFileSync('git', ['-C', dir, 'init', '-q', '--bare', '.'], { env });
    const blob = execFileSync('git', ['-C', dir, 'hash-object', '-w', 'a.md'], { env, encoding: 'utf8' }).trim();
    const tree = execFileSync('git', ['-C', dir, 'mktree'], { env, input: `100644 blob ${blob}\ta.md\n`, encoding: 'utf8' }).trim();
    const commit = execFileSync('git', ['-C', dir, 'hash-object', '-t', 'commit', '-w', '--stdin'], { env, encoding: 'utf8', input: `tree ${tree}\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n c2ln\n -----END PGP SIGNATURE-----\n\nm\n` }).trim();
    execFileSync('git', ['-C', dir, 'update-ref', 'HEAD', commit], { env });
    execFileSync('git', ['-C', dir, 'config', 'log.showSignature', 'true'], { env });
    execFileSync('git', ['-C', dir, 'config', 'gpg.program', payload], { env });
    spawnSync('git', ['-C', dir, 'log', '-z', '--format=%cI', '--name-only', '--', '.'], { env });
    assert.ok(existsSync(ran), 'git log in the armed folder runs the payload');
  });
  test('HEAD naming a ref outside refs/ is not followed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-head-'));
    mkdirSync(path.join(dir, '.git/objects'), { recursive: true });
    writeFileSync(path.join(dir, '.git/HEAD'), 'ref: refs/../../../../etc/passwd\n');
    assert.equal((await lastChanges(dir)).dates.size, 0);
  });
});

describe('the gate', () => {
  test('locate: inside, missing, a link out, a link nowhere, a link inside', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-gate-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'agent-docs-gate-outside-'));
    writeFileSync(path.join(dir, 'a.md'), 'a');
    writeFileSync(path.join(outside, 'b.md'), 'b');
    symlinkSync(path.join(outside, 'b.md'), path.join(dir, 'out.md'));
    symlinkSync('a.md', path.join(dir, 'in.md'));
    symlinkSync('missing.md', path.join(dir, 'nowhere.md'));
    const root = await openRoot(dir);
    const kinds = async (...rels: string[]) => Promise.all(rels.map(async (rel) => (await locate(root, rel)).kind));
    assert.deepEqual(await kinds('a.md', 'in.md', 'out.md', 'nowhere.md', 'gone.md', '', '../x', '/etc/passwd', 'a/../../x', '%2e%2e/x'), ['file', 'file', 'outside', 'broken', 'missing', 'dir', 'outside', 'outside', 'outside', 'missing']);
  });
});

describe('limits: each over-limit input is an error naming the file and the limit, and the rest is read', () => {
  const agent = (name: string) => `---\nname: ${name}\ndescription: Use it for ${name}.\n---\nBody.\n`;
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-limits-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
  test('agents: the first by path are read', async () => {
    const dir = folder(Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`${n}.md`, agent(n)])));
    const catalog = await loadCatalog(dir, { render: false, limits: { agents: 3 } });
    assert.deepEqual(catalog.agents.map((a) => a.name), ['a', 'b', 'c']);
    assert.deepEqual(catalog.problems.map((p) => `${p.file} ${p.code}`), ['d.md too-many-agents']);
    assert.match(catalog.problems[0]!.message, /4 agent files, over the catalog's limit of 3/);
  });
  test('plugins of a marketplace: the first are read', async () => {
    const plugins = ['p1', 'p2', 'p3'].map((name) => ({ name, source: `./${name}` }));
    const dir = folder({
      '.claude-plugin/marketplace.json': JSON.stringify({ name: 'm', owner: { name: 'o' }, plugins }),
      ...Object.fromEntries(plugins.map((p) => [`${p.name}/agents/${p.name}-agent.md`, agent(`${p.name}-agent`)])),
    });
    const catalog = await loadCatalog(dir, { render: false, limits: { plugins: 2 } });
    assert.deepEqual(catalog.plugins.map((p) => p.name), ['p1', 'p2']);
    assert.deepEqual(catalog.problems.map((p) => `${p.file}:${p.line} ${p.code}`), ['.claude-plugin/marketplace.json:1 marketplace-too-many-plugins']);
  });
  test('entries walked: the walk stops and says where', async () => {
    const dir = folder(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}/a${i}.md`, agent(`a${i}`)])));
    const catalog = await loadCatalog(dir, { render: false, limits: { entries: 5 } });
    assert.ok(catalog.agents.length < 6 && catalog.agents.length > 0);
    assert.deepEqual(catalog.problems.map((p) => p.code), ['folder-too-many-entries']);
  });
  test('the defaults are the ones the README states', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Hostile input'));
    const n = (v: number) => v.toLocaleString('en');
    for (const figure of [`${LIMITS.manifestBytes / 1024 / 1024} MiB`, `${LIMITS.fileBytes / 1024 / 1024} MiB`, n(LIMITS.plugins), n(LIMITS.agents), `${n(LIMITS.paths)} paths`, `${LIMITS.depth} folders`, n(LIMITS.entries), `${n(LIMITS.watchedFolders)} folders watched`, `listed ${PROBLEMS_PER_KIND} at a time`]) {
      assert.ok(section.includes(figure), `README's "Hostile input" states ${figure}`);
    }
  });
});

describe('what a second pair of hostile eyes found (red team)', () => {
  const agent = (name: string) => `---\nname: ${name}\ndescription: Use it for ${name}.\n---\nBody.\n`;
  const folder = (files: Record<string, string | Buffer>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-redteam-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
  const gitRepo = (files: Record<string, string>) => {
    const dir = folder(files);
    const env = { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: dir, GIT_COMMITTER_DATE: '2024-05-06T07:08:09Z', GIT_AUTHOR_DATE: '2024-05-06T07:08:09Z' };
    execFileSync('git', ['-C', dir, 'init', '-q'], { env });
    execFileSync('git', ['-C', dir, 'add', '.'], { env });
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'x'], { env });
    return dir;
  };
  test('a FIFO as .git/HEAD: the history is not used, and nothing waits on it', async () => {
    const dir = gitRepo({ 'a.md': agent('a') });
    rmSync(path.join(dir, '.git/HEAD'));
    execFileSync('mkfifo', [path.join(dir, '.git/HEAD')]);
    const history = await lastChanges(dir);
    assert.equal(history.dates.size, 0);
    assert.match(history.unused ?? '', /not used \(\.git\/HEAD: .*not a regular file/);
  });
  test('a FIFO among the objects: git is stopped at its time limit, and the files keep their mtimes', async () => {
    const dir = gitRepo({ 'a.md': agent('a') });
    const objects = path.join(dir, '.git/objects');
    const loose = readdirSync(objects).filter((d) => /^[0-9a-f]{2}$/.test(d)).flatMap((d) => readdirSync(path.join(objects, d)).map((f) => path.join(objects, d, f)));
    for (const file of loose) {
      rmSync(file);
      execFileSync('mkfifo', [file]);
    }
    const history = await lastChanges(dir, { timeoutMs: 1500 });
    assert.equal(history.dates.size, 0);
    assert.match(history.unused ?? '', /took longer than 1\.5 s and was stopped/);
  });
  test('a .git naming a repository elsewhere: its dates are not used', async () => {
    const other = gitRepo({ 'a.md': agent('a') });
    const dir = folder({ 'a.md': agent('a'), '.git': `gitdir: ${path.join(other, '.git')}\n` });
    const history = await lastChanges(dir);
    assert.equal(history.dates.size, 0);
    assert.match(history.unused ?? '', /is not a path inside the repository/);
    // The same repository, read where it is, dates the file: the refusal is about the place, not the history.
    assert.deepEqual([...(await lastChanges(other)).dates], [['a.md', '2024-05-06T07:08:09.000Z']]);
  });
  test('every file is read, even past the open-files limit (files are read a few at a time)', () => {
    const dir = folder(Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`a${i}.md`, agent(`a${i}`)])));
    const code = `const { loadCatalog } = await import(${JSON.stringify(path.join(ROOT, 'src/agents/index.ts'))}); const c = await loadCatalog(${JSON.stringify(dir)}, { render: false }); console.log(c.agents.length, c.skipped.length);`;
    const run = spawnSync('bash', ['-c', `ulimit -n 256 && exec "$0" --input-type=module -e "$1"`, process.execPath, code], { encoding: 'utf8' });
    assert.equal(run.stdout.trim(), '600 0', run.stderr);
  });
  test('thousands of plugins sharing one folder: the catalog stops at the agents limit, fast and small', async () => {
    const files: Record<string, string> = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`agents/a${i}.md`, agent(`a${i}`)]));
    files['.claude-plugin/marketplace.json'] = JSON.stringify({ name: 'm', owner: { name: 'o' }, plugins: Array.from({ length: 300 }, (_, i) => ({ name: `p${i}`, source: './' })) });
    const started = performance.now();
    const catalog = await loadCatalog(folder(files), { render: false, limits: { agents: 1000 } });
    assert.ok(performance.now() - started < 20_000);
    const problem = catalog.problems.find((p) => p.code === 'marketplace-too-many-agents');
    assert.ok(problem, 'the limit is reported');
    assert.match(problem.message, /from plugins\[5\] \("p5"\) on are listed without their agents/);
    assert.equal(catalog.agents.length, 200);
    assert.ok(catalog.agents.every((a) => (a.alsoIn ?? []).length <= 4), 'each agent is in at most the five plugins read');
  });
  test('an agents list of thousands of paths: the first are read, the rest named once, and repeats collapsed', async () => {
    const dir = folder({
      '.claude-plugin/plugin.json': JSON.stringify({ name: 'p', agents: Array.from({ length: 1500 }, (_, i) => `./agents/missing-${i}.md`) }),
      'agents/a.md': agent('a'),
    });
    const catalog = await loadCatalog(dir, { render: false });
    const codes = catalog.problems.map((p) => p.code);
    assert.equal(codes.filter((c) => c === 'paths-too-many').length, 1);
    const missing = catalog.problems.filter((p) => p.code === 'agents-path-missing');
    assert.equal(missing.length, 21, '20 listed and one line for the rest');
    assert.match(missing.at(-1)!.message, /and 980 more problems like the one above/);
  });
  test('names: a backslash is a character; a name that is not UTF-8 is reported, not lost in silence', async () => {
    const dir = folder({ 'back\\slash.md': agent('back-slash') });
    const bad = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x62, 0xff])]);
    mkdirSync(bad);
    writeFileSync(Buffer.concat([bad, Buffer.from('/x.md')]), agent('lost'));
    const catalog = await loadCatalog(dir, { render: false });
    assert.deepEqual(catalog.agents.map((a) => a.name), ['back-slash']);
    assert.ok(catalog.skipped.some((s) => s.problem?.code === 'name-encoding') || catalog.problems.some((p) => p.code === 'name-encoding'), 'the folder with a non-UTF-8 name is reported');
  });
  test('an agents path through a folder link out is reported once, at the link', async () => {
    const outside = folder({ 'x.md': agent('x') });
    const dir = folder({ '.claude-plugin/plugin.json': JSON.stringify({ name: 'p', agents: ['./agents/out/x.md'] }), 'agents/a.md': agent('a') });
    symlinkSync(outside, path.join(dir, 'agents/out'));
    const entries = reportEntries(await loadCatalog(dir, { render: false }));
    const codes = entries.flatMap((e) => [...e.errors, ...e.warnings].map((d) => `${e.file} ${d.code}`));
    assert.ok(codes.includes('agents/out link-outside'), codes.join(', '));
    assert.ok(!codes.some((c) => c.endsWith('agents-path-missing')), codes.join(', '));
  });
});

describe('astro dev watches what the catalog reads, and a bounded number of folders', () => {
  test('node_modules, .git and other dot-folders are not watched; .claude and .claude-plugin are; past the limit, one warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-watch-'));
    for (const d of ['a', 'b', 'c', 'node_modules/x', '.git/objects', '.github', '.claude/agents', '.claude-plugin', 'plugins/p/agents/.drafts']) mkdirSync(path.join(dir, d), { recursive: true });
    const warnings: string[] = [];
    const ignore = agentsWatchIgnore(dir, 6, (m) => warnings.push(m));
    const ignored = (rel: string) => ignore(path.join(dir, rel), statSync(path.join(dir, rel)));
    assert.deepEqual(['node_modules/x', '.git/objects', '.github'].map(ignored), [true, true, true]);
    assert.deepEqual(['.claude', '.claude/agents', '.claude-plugin', 'plugins/p/agents/.drafts'].map(ignored), [false, false, false, false]);
    assert.deepEqual(['a', 'b', 'c'].map(ignored), [false, false, true], 'the seventh folder watched is past the limit of 6');
    assert.equal(ignored('a'), false, 'a folder already watched stays watched');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /watches at most 6 folders/);
    assert.equal(ignore(path.join(tmpdir(), 'elsewhere')), false, 'outside the agents folder: the project, Vite decides');
  });
});
