/**
 * Fetching a plugin from where it lives (src/agents/fetch/), with real git and real repositories written here: bare
 * repositories served over file:// and over http by a server this test starts (tests/fixtures/fetch/). No internet.
 *
 * The whole file runs in a hostile environment: the process's global git config, GIT_CONFIG_* variables, template
 * folder, askpass and HOME all point at payloads (hooks, an LFS smudge filter, a textconv driver, a credential
 * helper) that write to a log when they run. The fetches must run none of them, so the log must never appear; each
 * defence's test also shows, with plain git in the same environment, that the payload is live. At the end, nothing
 * outside the cache folder has changed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fetchPlugin, type FetchResult, type RemoteSource } from '../../src/agents/fetch/index.ts';
import type { FetchLimits } from '../../src/agents/fetch/limits.ts';
import { cleanGit, makeRepository } from '../fixtures/fetch/git-repos.ts';
import { startGitServer, type GitServer } from '../fixtures/fetch/git-server.ts';

const POLICY = { protocols: ['https', 'http', 'file'] as const, localHosts: true };
const CANARY = 'canary-outside-the-fetched-tree-7f3a';
const AGENT = '---\nname: helper\ndescription: Helps.\n---\nYou help.\n';

const box = mkdtempSync(path.join(tmpdir(), 'agent-docs-fetch-'));
const srv = path.join(box, 'srv');
const cache = path.join(box, 'cache');
const control = path.join(box, 'control');
const ranLog = path.join(box, 'ran.log');
let server: GitServer;
let ids: Record<string, Record<string, string[]>> = {};
const savedEnv = { ...process.env };

const fetch = (source: RemoteSource, limits: Partial<FetchLimits> = {}) => fetchPlugin(source, { cache, policy: POLICY, limits });
const http = (repo: string, more: Partial<Extract<RemoteSource, { kind: 'git' }>> = {}): RemoteSource => ({ kind: 'git', url: `${server.origin}/${repo}`, ...more });
const file = (repo: string, more: Partial<Extract<RemoteSource, { kind: 'git' }>> = {}): RemoteSource => ({ kind: 'git', url: `file://${srv}/${repo}`, ...more });

function ok(result: FetchResult): Extract<FetchResult, { ok: true }> {
  assert.ok(result.ok, result.ok ? '' : `expected a fetch, got: ${result.reason}`);
  return result as Extract<FetchResult, { ok: true }>;
}
function failed(result: FetchResult, reason: RegExp): void {
  assert.equal(result.ok, false, 'the fetch fails');
  if (!result.ok) assert.match(result.reason, reason);
}

/** Every path under `dir`, relative, never through a link (Node's recursive readdir follows links to folders, in loops). */
function walk(dir: string, prefix = ''): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const name = path.join(prefix, entry.name);
    names.push(name);
    if (entry.isDirectory()) names.push(...walk(dir, name));
  }
  return names;
}

/** Every file under `dir` (relative, `/`-separated) → its content, links as `-> target`. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of walk(dir)) {
    const full = path.join(dir, name);
    const info = lstatSync(full);
    if (info.isSymbolicLink()) out[name.split(path.sep).join('/')] = `-> ${readlinkSync(full)}`;
    else if (info.isFile()) out[name.split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Complete cache entries (`url commit path`) and partial folders left. */
function cacheState() {
  const entries: string[] = [];
  const partials: string[] = [];
  for (const name of existsSync(cache) ? walk(cache) : []) {
    if (name.split(path.sep).some((s) => s.startsWith('.partial-') || s.includes('.json.partial-'))) partials.push(name);
    if (path.basename(name) === 'fetched.json' && name.split(path.sep).length === 3) {
      const record = JSON.parse(readFileSync(path.join(cache, name), 'utf8'));
      entries.push(`${record.url} ${record.commit} ${record.path ?? ''}`);
    }
  }
  return { entries: entries.sort(), partials };
}

/** A failure leaves the cache as it was: no new entry, no partial folder. */
async function leavesNothing(run: () => Promise<void>) {
  const before = cacheState();
  await run();
  const now = cacheState();
  assert.deepEqual(now.entries, before.entries, 'no entry added');
  assert.deepEqual(now.partials, [], 'no partial folder left');
}

/** path → size, mtime, link target: everything under the box except the cache and the control clones. */
function snapshot(): Map<string, string> {
  const shot = new Map<string, string>();
  for (const name of walk(box).filter((n) => !['cache', 'control'].includes(n.split(path.sep)[0]!))) {
    const info = lstatSync(path.join(box, name));
    shot.set(name, info.isSymbolicLink() ? `link ${readlinkSync(path.join(box, name))}` : `${info.isDirectory() ? 'dir' : info.size} ${info.mtimeMs}`);
  }
  return shot;
}

/**
 * Plain git, as someone would run it, in this file's (hostile) environment: the control for each defence. Started
 * asynchronously: the server answering it runs in this process.
 */
function plainGit(args: string[], cwd = control): Promise<{ status: number | null; stderr: string }> {
  mkdirSync(cwd, { recursive: true });
  mkdirSync(path.join(control, 'tmp'), { recursive: true });
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, PAYLOAD_LOG: path.join(control, 'ran.log'), TMPDIR: path.join(control, 'tmp') }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}
const controlLog = () => (existsSync(path.join(control, 'ran.log')) ? readFileSync(path.join(control, 'ran.log'), 'utf8') : '');

function hostileEnvironment() {
  const hostile = path.join(box, 'hostile');
  const payload = path.join(hostile, 'payload.sh');
  mkdirSync(path.join(hostile, 'hooks'), { recursive: true });
  mkdirSync(path.join(hostile, 'template/hooks'), { recursive: true });
  // Logs its name and arguments; passes a filter's content through, answers a password prompt.
  writeFileSync(payload, `#!/bin/sh\necho "$*" >> "\${PAYLOAD_LOG:-${ranLog}}"\ncase "$1" in lfs-smudge|textconv|credential) cat ;; askpass) echo x ;; esac\n`);
  chmodSync(payload, 0o755);
  for (const hook of ['post-checkout', 'reference-transaction', 'post-merge', 'pre-auto-gc']) {
    for (const dir of ['hooks', 'template/hooks']) {
      writeFileSync(path.join(hostile, dir, hook), `#!/bin/sh\n"${payload}" hook ${hook}\n`);
      chmodSync(path.join(hostile, dir, hook), 0o755);
    }
  }
  const config = path.join(hostile, 'gitconfig');
  writeFileSync(
    config,
    [
      '[core]',
      `\thooksPath = ${path.join(hostile, 'hooks')}`,
      '[filter "lfs"]',
      `\tsmudge = "${payload}" lfs-smudge %f`,
      '\trequired = true',
      '[diff "evil"]',
      `\ttextconv = "${payload}" textconv`,
      '[credential]',
      `\thelper = "!${payload} credential"`,
      '[init]',
      `\ttemplateDir = ${path.join(hostile, 'template')}`,
      '[protocol]',
      '\tallow = always',
      '',
    ].join('\n'),
  );
  for (const dir of ['home', 'tmp', 'xdg']) mkdirSync(path.join(box, dir));
  Object.assign(process.env, {
    GIT_CONFIG_GLOBAL: config,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'core.hooksPath',
    GIT_CONFIG_VALUE_0: path.join(hostile, 'hooks'),
    GIT_TEMPLATE_DIR: path.join(hostile, 'template'),
    GIT_ASKPASS: `${payload}`,
    HOME: path.join(box, 'home'),
    TMPDIR: path.join(box, 'tmp'),
    XDG_CONFIG_HOME: path.join(box, 'xdg'),
  });
  writeFileSync(path.join(box, 'home/.gitconfig'), `[include]\n\tpath = ${config}\n`);
}

function fixtures(origin: string) {
  mkdirSync(srv);
  mkdirSync(path.join(box, 'canary'));
  writeFileSync(path.join(box, 'canary/secret.txt'), CANARY);
  const repo = (name: string, spec: Parameters<typeof makeRepository>[1]) => (ids[name] = makeRepository(path.join(srv, name), spec));
  repo('plain.git', {
    head: 'trunk',
    branches: {
      trunk: {
        commits: [
          { files: { 'agents/helper.md': `${AGENT}v1\n`, 'plugins/one/agents/one.md': AGENT, 'plugins/two/agents/two.md': AGENT } },
          { files: { 'agents/helper.md': `${AGENT}v2\n`, 'plugins/one/agents/one.md': AGENT, 'plugins/two/agents/two.md': AGENT } },
        ],
      },
      feature: { from: { branch: 'trunk', index: 0 }, commits: [{ files: { 'agents/feature.md': AGENT } }] },
    },
    tags: { 'v1.0': { branch: 'trunk', index: 0 } },
  });
  repo('links.git', {
    head: 'main',
    branches: {
      main: {
        commits: [
          {
            files: {
              'agents/helper.md': AGENT,
              // From <cache>/<repository>/<commit>/files/escape, four levels up is the box: the canary.
              escape: { link: '../../../../canary/secret.txt' },
              absolute: { link: path.join(box, 'canary/secret.txt') },
              inside: { link: 'agents/helper.md' },
              'dir-inside': { link: 'agents' },
              'b/c': { link: '..' },
              a: { link: 'b/c' },
              // Reads as `fetched.json` inside; really `a` is the folder itself, and `..` its parent: the record beside it.
              through: { link: 'a/../fetched.json' },
              loop1: { link: 'loop2' },
              loop2: { link: 'loop1' },
              dangling: { link: 'nothing-here' },
            },
          },
        ],
      },
    },
  });
  repo('sub.git', { head: 'main', branches: { main: { commits: [{ files: { 'agents/from-submodule.md': AGENT } }] } } });
  const lfsPointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12\n';
  repo('hostile.git', {
    head: 'main',
    branches: {
      main: {
        commits: [
          {
            files: {
              '.gitattributes': '*.md filter=lfs diff=lfs merge=lfs -text\n*.txt diff=evil\n',
              '.gitmodules': `[submodule "vendor/sub"]\n\tpath = vendor/sub\n\turl = ${origin}/sub.git\n`,
              'vendor/sub': { gitlink: ids['sub.git']!.main![0]! },
              '.githooks/post-checkout': '#!/bin/sh\ntouch ran-from-repository\n',
              'hooks/post-checkout': '#!/bin/sh\ntouch ran-from-repository\n',
              'agents/helper.md': lfsPointer,
              'notes.txt': 'notes\n',
            },
          },
        ],
      },
    },
  });
  repo('dotgit.git', { head: 'main', branches: { main: { commits: [{ files: { '.git/hooks/post-checkout': '#!/bin/sh\ntouch ran\n', 'agents/helper.md': AGENT } }] } } });
  repo('bomb.git', { head: 'main', branches: { main: { commits: [{ files: { 'agents/helper.md': AGENT, 'zeros.bin': Buffer.alloc(2 * 1024 * 1024) } }] } } });
  repo('many.git', { head: 'main', branches: { main: { commits: [{ files: Object.fromEntries(Array.from({ length: 12 }, (_, n) => [`agents/a${n}.md`, AGENT])) }] } } });
  repo('noise.git', { head: 'main', branches: { main: { commits: [{ files: { 'agents/helper.md': AGENT, 'noise.bin': randomBytes(1024 * 1024) } }] } } });
  repo('reuse.git', { head: 'main', branches: { main: { commits: [{ files: { 'agents/helper.md': `${AGENT}first\n` } }] } } });
}

let before0: Map<string, string>;

before(async () => {
  server = await startGitServer(srv);
  fixtures(server.origin);
  hostileEnvironment();
  before0 = snapshot();
});

after(async () => {
  await server?.stop();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  rmSync(box, { recursive: true, force: true });
});

describe('fetching a plugin: what is fetched', { concurrency: 2 }, () => {
  test('a pinned sha, over http: that commit, not the branch tip', async () => {
    const old = ids['plain.git']!.trunk![0]!;
    const result = ok(await fetch(http('plain.git', { sha: old, ref: 'trunk' })));
    assert.equal(result.from, 'network');
    assert.equal(result.fetched.commit, old);
    assert.equal(result.fetched.pinned, true);
    assert.equal(tree(result.dir)['agents/helper.md'], `${AGENT}v1\n`);
    assert.ok(realpathSync(result.dir).startsWith(realpathSync(cache) + path.sep), 'the folder is in the cache');
  });
  test('a ref (a branch), over file://: its commit now, and the ref recorded', async () => {
    const result = ok(await fetch(file('plain.git', { ref: 'feature' })));
    assert.deepEqual([result.fetched.commit, result.fetched.ref, result.fetched.pinned, result.fetched.defaultBranch], [ids['plain.git']!.feature![0], 'feature', false, undefined]);
    assert.deepEqual(Object.keys(tree(result.dir)).sort(), ['agents/feature.md']);
  });
  test('a ref (an annotated tag): the commit it names', async () => {
    const result = ok(await fetch(http('plain.git', { ref: 'v1.0' })));
    assert.equal(result.fetched.commit, ids['plain.git']!.trunk![0]);
    assert.equal(result.fetched.ref, 'v1.0');
  });
  test('the default branch: its tip, and its name recorded', async () => {
    const result = ok(await fetch(http('plain.git')));
    assert.deepEqual([result.fetched.commit, result.fetched.ref, result.fetched.defaultBranch, result.fetched.pinned], [ids['plain.git']!.trunk![1], 'trunk', true, false]);
    assert.equal(tree(result.dir)['agents/helper.md'], `${AGENT}v2\n`);
    const record = JSON.parse(readFileSync(path.join(result.dir, '../fetched.json'), 'utf8'));
    assert.equal(record.commit, result.fetched.commit, 'what was fetched is recorded beside the files');
    assert.match(record.when, /^\d{4}-\d\d-\d\dT/);
  });
  test('a sub-folder (git-subdir): only its files, at the folder returned', async () => {
    const sha = ids['plain.git']!.trunk![1]!;
    const one = ok(await fetch(http('plain.git', { sha, path: 'plugins/one' })));
    const two = ok(await fetch(file('plain.git', { sha, path: './plugins/two/' })));
    assert.deepEqual(tree(one.dir), { 'agents/one.md': AGENT });
    assert.deepEqual(tree(two.dir), { 'agents/two.md': AGENT });
    assert.equal(one.fetched.path, 'plugins/one');
    assert.notEqual(one.dir, two.dir);
  });
  test('a server held to protocol v0, and a "dumb" http server: a pinned older commit all the same', async () => {
    const old = ids['plain.git']!.trunk![0]!;
    for (const route of ['v0', 'dumb']) {
      const result = ok(await fetch(http(`${route}/plain.git`, { sha: old })));
      assert.equal(result.fetched.commit, old, route);
      assert.equal(tree(result.dir)['agents/helper.md'], `${AGENT}v1\n`, route);
    }
  });
  test('two fetches of one commit at once: both succeed, with one entry', async () => {
    const [a, b] = await Promise.all([fetch(file('plain.git', { ref: 'trunk' })), fetch(file('plain.git', { ref: 'trunk' }))]);
    assert.equal(ok(a).dir, ok(b).dir);
    assert.equal(cacheState().entries.filter((e) => e === `file://${srv}/plain.git ${ok(a).fetched.commit} `).length, 1);
  });
});

describe('fetching a plugin: failures cost that plugin, with a sentence, and leave nothing', () => {
  test('a sha the repository does not have', () =>
    leavesNothing(async () => failed(await fetch(http('plain.git', { sha: 'a'.repeat(40) })), new RegExp(`${server.origin}/plain.git has no commit a{40}: the sha is mistyped, or the history was rewritten`))));
  test('a branch the repository does not have', () => leavesNothing(async () => failed(await fetch(file('plain.git', { ref: 'nope' })), /has no branch or tag "nope"/)));
  test('a sub-folder the commit does not have (a link is not a folder)', () =>
    leavesNothing(async () => {
      failed(await fetch(http('plain.git', { path: 'plugins/three' })), /has no folder "plugins\/three" at commit [0-9a-f]{12}: check the entry's "path"/);
      failed(await fetch(file('links.git', { path: 'dir-inside' })), /has no folder "dir-inside"/);
    }));
  test('an unreachable host (a port nothing listens on)', async () => {
    const closed = await startGitServer(srv);
    await closed.stop();
    await leavesNothing(async () => failed(await fetch({ kind: 'git', url: `${closed.origin}/plain.git` }), /^Could not connect to http:\/\/127\.0\.0\.1:\d+\/plain\.git: there is no network, or the server is down\.$/));
  });
  test('an unknown host', () =>
    leavesNothing(async () => failed(await fetch({ kind: 'git', url: 'https://no-such-host.invalid/r.git' }), /The host "no-such-host\.invalid" of https:\/\/no-such-host\.invalid\/r\.git could not be found/)));
  test('a server that never answers: stopped at the time limit', () =>
    leavesNothing(async () => failed(await fetch(http('hang/plain.git', { sha: ids['plain.git']!.trunk![0]! }), { timeoutMs: 1000 }), /took longer than 1 s, the limit, so it was stopped/)));
  test('a private repository: it asks for a login, and no credential helper or askpass runs', async () => {
    await leavesNothing(async () => failed(await fetch(http('private/plain.git')), /asks for a login: the repository is private or does not exist/));
    assert.ok(!existsSync(ranLog), `nothing ran: ${existsSync(ranLog) ? readFileSync(ranLog, 'utf8') : ''}`);
    // Without the defence: plain git, in the same environment, asks the credential helper and askpass.
    await plainGit(['ls-remote', `${server.origin}/private/plain.git`]);
    assert.match(controlLog(), /credential get/);
  });
  test('a tree holding ".git": git\'s own check refuses it (and plain git without the check takes it)', async () => {
    await leavesNothing(async () => failed(await fetch(file('dotgit.git')), /sent objects git refuses \(hasDotgit: contains '\.git'\)/));
    const unchecked = await plainGit(['-c', 'transfer.fsckObjects=false', 'clone', '--quiet', '--bare', `file://${srv}/dotgit.git`, 'dotgit-unchecked.git']);
    assert.equal(unchecked.status, 0, unchecked.stderr);
  });
  test('a tree over the size limit (2 MiB of zeros in a pack of a few KiB): refused before a byte is written', async () => {
    await leavesNothing(async () => failed(await fetch(file('bomb.git'), { treeBytes: 1024 * 1024 }), /at [0-9a-f]{12} holds 2\.1 MiB of files, over the limit of 1 MiB, so nothing of it was kept/));
    assert.equal(ok(await fetch(file('bomb.git'))).fetched.bytes, 2 * 1024 * 1024 + AGENT.length, 'within the default limit, it is fetched whole');
  });
  test('a tree over the file limit', async () => {
    // The sentence counts what the tree holds: the limit, not the fixture, is what refuses it.
    await leavesNothing(async () => failed(await fetch(http('many.git'), { files: 10 }), /holds 12 files, over the limit of 10/));
  });
  test('a download over the limit: stopped, and its partial pack removed', async () => {
    await leavesNothing(async () => failed(await fetch(http('noise.git'), { packBytes: 512 * 1024 }), /sent more than 512 KiB, the limit of one fetch, so it was stopped and nothing of it was kept/));
  });
  test('a download that never ends: stopped by its size as it grows', async () => {
    // Without the watch on its size, git would take all the server sends (which cuts it off at 256 MiB, and the
    // sentence would be git's error about a broken pack).
    await leavesNothing(async () => failed(await fetch(http('endless/noise.git'), { packBytes: 1024 * 1024, timeoutMs: 30_000 }), /endless\/noise\.git sent more than 1 MiB, the limit of one fetch, so it was stopped/));
  });
  test('a source that is not allowed never reaches git: no request is made', async () => {
    failed(await fetchPlugin(http('refused.git'), { cache }), /uses http:, and plugins are fetched only over https/);
    failed(await fetchPlugin({ kind: 'git', url: `file://${srv}/plain.git` }, { cache }), /uses file:/);
    failed(await fetchPlugin({ kind: 'git', url: `https://127.0.0.1:1/plain.git` }, { cache }), /names the build machine or its own network/);
    assert.ok(!server.requests.some((r) => r.includes('refused.git')), 'no request was made');
    // The same address, allowed: it reaches the server (a request that fails, since there is no such repository).
    failed(await fetch(http('refused.git')), /There is no git repository at/);
    assert.ok(server.requests.some((r) => r.includes('refused.git')));
  });
});

describe('fetching a plugin: where the host really is', () => {
  const resolvesTo = (...addresses: string[]) => async (host: string) => (host === 'repo.test' ? addresses.map((address) => ({ address })) : Promise.reject(new Error('ENOTFOUND')));
  const named = () => ({ kind: 'git' as const, url: `http://repo.test:${new URL(server.origin).port}/plain.git` });
  const strict = { protocols: ['https', 'http'] as const, localHosts: false };

  test('a host name that resolves to the build machine or its network is refused, and nothing is asked of it', async () => {
    const asked = server.requests.length;
    for (const address of ['127.0.0.1', '10.1.2.3', '169.254.169.254', 'fd00::1']) {
      await leavesNothing(async () => failed(await fetchPlugin(named(), { cache, policy: strict, lookup: resolvesTo('93.184.215.14', address) }), new RegExp(`^The host "repo\\.test" of http://repo\\.test:\\d+/plain\\.git resolves to ${address.replace(/\./g, '\\.')}, an address of the build machine or its own network`)));
    }
    assert.equal(server.requests.length, asked, 'no request was made');
  });
  test('allowed (FETCH_PLUGINS_ALLOW=local-hosts, tests only), git connects to the address checked, never resolving the name itself', async () => {
    // `repo.test` resolves nowhere but through the lookup: the fetch reaching the server shows git used the pinned address.
    const result = ok(await fetchPlugin(named(), { cache, policy: { ...strict, localHosts: true }, lookup: resolvesTo('127.0.0.1') }));
    assert.equal(result.fetched.commit, ids['plain.git']!.trunk![1]);
    // Without the pin, git resolves the name itself, and cannot (the commit fetched above stands in, saying why).
    assert.match(ok(await fetchPlugin(named(), { cache, policy: { ...strict, localHosts: true }, lookup: async () => [] })).stale ?? '', /The host "repo\.test" .* could not be found/);
  });
  test('a redirect is not followed (it could lead to a host not checked); plain git follows it', async () => {
    await leavesNothing(async () => failed(await fetch(http('moved/plain.git')), /moved\/plain\.git redirects to another address, and redirects are not followed/));
    const control = await plainGit(['ls-remote', `${server.origin}/moved/plain.git`]);
    assert.equal(control.status, 0, control.stderr);
  });
  test('the builder\'s proxy (http_proxy) is used', async () => {
    const saved = process.env.http_proxy;
    try {
      // This server answers a proxied request (an absolute URL) as its own; `proxied.test` resolves nowhere else.
      process.env.http_proxy = server.origin;
      const asked = server.requests.length;
      ok(await fetchPlugin({ kind: 'git', url: 'http://proxied.test/plain.git' }, { cache, policy: { ...strict, localHosts: true }, lookup: async () => [] }));
      assert.ok(server.requests.slice(asked).some((r) => r.includes('/plain.git/info/refs')));
      delete process.env.http_proxy;
      assert.match(ok(await fetchPlugin({ kind: 'git', url: 'http://proxied.test/plain.git' }, { cache, policy: { ...strict, localHosts: true }, lookup: async () => [] })).stale ?? '', /The host "proxied\.test" .* could not be found/);
    } finally {
      if (saved === undefined) delete process.env.http_proxy;
      else process.env.http_proxy = saved;
    }
  });
});

describe('fetching a plugin: the tree is data', () => {
  test('links: those that stay inside are kept; those leading out, absolute, through a link out, or nowhere are not written', async () => {
    const result = ok(await fetch(http('links.git')));
    const files = tree(result.dir);
    assert.deepEqual(
      Object.fromEntries(Object.entries(files).filter(([, v]) => v.startsWith('->'))),
      { inside: '-> agents/helper.md', 'dir-inside': '-> agents', 'b/c': '-> ..', a: '-> b/c' },
      'the links kept',
    );
    assert.equal(readFileSync(path.join(result.dir, 'inside'), 'utf8'), AGENT, 'a link inside still reads');
    const skipped = Object.fromEntries(result.fetched.skipped.map((s) => [s.path, s.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), ['absolute', 'dangling', 'escape', 'loop1', 'loop2', 'through']);
    assert.match(skipped.escape!, /a symbolic link to "\.\.\/\.\.\/\.\.\/\.\.\/canary\/secret\.txt", which leads out of the plugin/);
    assert.match(skipped.absolute!, /an absolute path, which leads out of the plugin/);
    assert.match(skipped.through!, /a symbolic link to "a\/\.\.\/fetched\.json", which leads out of the plugin/);
    assert.match(skipped.loop1!, /leads nowhere \(or round in a loop\)/);
    // Every link anywhere in the cache leads to a place inside its own entry's files.
    for (const name of walk(cache)) {
      const full = path.join(cache, name);
      if (!lstatSync(full).isSymbolicLink()) continue;
      const files = full.slice(0, full.indexOf(`${path.sep}files${path.sep}`) + 6);
      assert.ok(realpathSync(full).startsWith(realpathSync(files)), `${name} stays inside`);
    }
    // Without the defence: plain git writes the link out, and it reads the canary.
    const clone = await plainGit(['clone', '--quiet', `${server.origin}/links.git`, 'clone'], path.join(control, 'deep/er'));
    assert.equal(clone.status, 0, clone.stderr);
    assert.equal(readFileSync(path.join(control, 'deep/er/clone/escape'), 'utf8'), CANARY, 'the control: plain git follows it out');
    assert.ok(!JSON.stringify(files).includes(CANARY));
  });
  test('hooks, a submodule, LFS and textconv attributes: nothing runs, the submodule is not fetched, files are as committed', async () => {
    const asked = server.requests.length;
    const result = ok(await fetch(http('hostile.git')));
    const files = tree(result.dir);
    assert.match(files['agents/helper.md']!, /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/, 'the LFS pointer as committed: no smudge');
    assert.equal(files['hooks/post-checkout'], '#!/bin/sh\ntouch ran-from-repository\n', 'a hook in the tree is a file');
    assert.equal(statSync(path.join(result.dir, 'hooks/post-checkout')).mode & 0o111, 0, 'and not executable');
    assert.equal(files['vendor/sub/agents/from-submodule.md'], undefined);
    assert.deepEqual(result.fetched.skipped, [{ path: 'vendor/sub', reason: 'A submodule (a link to another repository): its repository is not fetched.' }]);
    assert.ok(!server.requests.slice(asked).some((r) => r.includes('/sub.git')), 'the submodule\'s repository was never asked for');
    assert.ok(!existsSync(ranLog), `nothing ran: ${existsSync(ranLog) ? readFileSync(ranLog, 'utf8') : ''}`);
    assert.ok(!walk(result.dir).some((n) => n.includes('ran-from-repository')));
    // Without the defence: plain git, in the same environment, runs the hooks and the smudge filter, and fetches the submodule.
    const before = server.requests.length;
    const clone = await plainGit(['clone', '--quiet', '--recurse-submodules', `${server.origin}/hostile.git`, 'hostile']);
    assert.equal(clone.status, 0, clone.stderr);
    assert.match(controlLog(), /hook post-checkout/);
    assert.match(controlLog(), /lfs-smudge agents\/helper\.md/);
    assert.ok(server.requests.slice(before).some((r) => r.includes('/sub.git')), 'the control fetched the submodule');
  });
});

describe('fetching a plugin: the cache', () => {
  test('a cached commit is reused without the network; a branch stands in when the network fails; the next fetch with network fetches', async () => {
    const first = ids['reuse.git']!.main![0]!;
    const pinned = ok(await fetch(http('reuse.git', { sha: first })));
    const branch = ok(await fetch(http('reuse.git')));
    assert.equal(branch.fetched.commit, first);
    assert.equal(branch.from, 'cache', 'the default branch names the commit already fetched: its files are reused');

    const asked = server.requests.length;
    const again = ok(await fetch(http('reuse.git', { sha: first })));
    assert.deepEqual([again.from, again.dir], ['cache', pinned.dir]);
    assert.equal(server.requests.length, asked, 'a pinned commit in the cache asks nothing of the network');

    await server.stop();
    try {
      const offline = ok(await fetch(http('reuse.git', { sha: first })));
      assert.deepEqual([offline.from, offline.dir, offline.stale], ['cache', pinned.dir, undefined]);
      const stale = ok(await fetch(http('reuse.git')));
      assert.deepEqual([stale.from, stale.fetched.commit, stale.fetched.ref, stale.fetched.defaultBranch], ['cache', first, 'main', true]);
      assert.match(stale.stale!, /^Could not connect to .*reuse\.git: there is no network/);
      failed(await fetch(http('reuse.git', { ref: 'other' })), /Could not connect/);
      failed(await fetch(http('plain.git', { sha: ids['plain.git']!.feature![0]!, path: 'agents' })), /Could not connect/);
    } finally {
      await server.start();
    }
    const [second] = makeRepository(path.join(srv, 'reuse.git'), { head: 'main', branches: { main: { commits: [{ files: { 'agents/helper.md': `${AGENT}second\n` } }] } } }, true).main!;
    const fresh = ok(await fetch(http('reuse.git')));
    assert.deepEqual([fresh.from, fresh.fetched.commit, fresh.stale], ['network', second, undefined]);
    assert.equal(tree(fresh.dir)['agents/helper.md'], `${AGENT}second\n`);
  });
  test('partial folders of a fetch that died are swept; a fetch under way keeps its own', async () => {
    const dead = path.join(cache, '.partial-dead');
    const live = path.join(cache, '.partial-live');
    mkdirSync(dead, { recursive: true });
    mkdirSync(live);
    const hourAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(dead, hourAgo, hourAgo);
    ok(await fetch(file('plain.git', { ref: 'feature', path: 'agents' })));
    assert.deepEqual([existsSync(dead), existsSync(live)], [false, true]);
    rmSync(live, { recursive: true });
  });
});

describe('fetching a plugin: nothing outside the cache', () => {
  test('no file outside the cache was written, changed or removed (HOME, TMPDIR, the served repositories, the canary), and no payload ran', () => {
    const now = snapshot();
    const changed = [...new Set([...before0.keys(), ...now.keys()])].filter((name) => before0.get(name) !== now.get(name) && !name.startsWith(`srv${path.sep}reuse.git`));
    assert.deepEqual(changed, []);
    assert.ok(!existsSync(ranLog), 'no payload ran');
    assert.ok(cleanGit(['--git-dir', path.join(srv, 'plain.git'), 'rev-parse', 'trunk']).trim() === ids['plain.git']!.trunk![1], 'the served repository is as it was');
  });
});
