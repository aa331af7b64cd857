/**
 * Hostile repositories (tests/fixtures/hostile-repos/make.ts), built and served for real: for each case, `astro build`
 * with AGENTS_ON_ERROR=warn succeeds without a stack trace, names the files with errors, publishes the good agent,
 * and writes nothing from outside the repository anywhere in its output (the canary, searched in every file, Pagefind's
 * compressed index included); then `astro dev` over the same folder starts and serves the good agent. The payload
 * never runs, during the builds or the dev servers.
 *
 * Not a unit test (a build or a dev start per case): `node --test tests/build/` after the unit tests.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../../scripts/free-port.ts';
import { CASES, EXPECTED, GOOD, makeHostileRepos, type CaseName, type HostileRepos } from '../fixtures/hostile-repos/make.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ASTRO = path.join(ROOT, 'node_modules/.bin/astro');
/** A stack frame, as Node prints one: what a user must never see for bad input. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

let repos: HostileRepos;
let scratch: string;

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'agent-docs-hostile-builds-'));
  repos = await makeHostileRepos(path.join(scratch, 'work'));
});
after(() => rm(scratch, { recursive: true, force: true }));

const env = (name: CaseName): NodeJS.ProcessEnv => ({
  ...process.env,
  AGENTS_DIR: repos.repo(name),
  AGENTS_ON_ERROR: 'warn',
  // Its own content store per case: builds and dev servers of other cases run beside it.
  AGENT_DOCS_CACHE_DIR: path.join(scratch, 'cache', name),
  SITE_URL: '',
  BASE_PATH: '',
  ASTRO_TELEMETRY_DISABLED: '1',
  PATH: [path.join(ROOT, 'node_modules/node/bin'), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
});

function build(name: CaseName, outDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(ASTRO, ['build', '--outDir', outDir], { cwd: ROOT, env: env(name) });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Every file under `dir` whose bytes (or, gzipped as Pagefind's index is, whose inflated bytes) hold `needle`. */
async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  const wanted = Buffer.from(needle);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    let inflated: Buffer | undefined;
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        inflated = gunzipSync(bytes);
      } catch {
        inflated = undefined;
      }
    }
    if (bytes.includes(wanted) || inflated?.includes(wanted)) found.push(path.relative(dir, file));
  }
  return found;
}

describe('astro build of each hostile repository', { timeout: 900_000 }, () => {
  const results = new Map<CaseName, { code: number; output: string; dist: string }>();
  before(async () => {
    // One at a time: every build of the project writes its `.astro/` folder (content modules, types), and two at once
    // fail on each other's files.
    for (const name of CASES) {
      const dist = path.join(scratch, 'dist', name);
      results.set(name, { ...(await build(name, dist)), dist });
    }
  });
  for (const name of CASES) {
    test(name, async () => {
      const { code, output, dist } = results.get(name)!;
      assert.equal(code, 0, `the build succeeds with AGENTS_ON_ERROR=warn:\n${output.slice(-3000)}`);
      assert.doesNotMatch(output, STACK_FRAME, 'no stack trace reaches the user');
      // The build's report names each file with an error.
      for (const problem of EXPECTED[name].problems) {
        if (EXPECTED[name].exit === 1 && /link-outside|too-large|too-deep|invalid|not-installable|escapes|missing|relative/.test(problem)) {
          assert.ok(output.includes(problem.split(':')[0]!), `the build log names ${problem.split(':')[0]}`);
        }
      }
      for (const outside of [repos.canary, ...(EXPECTED[name].absent ?? [])]) {
        assert.deepEqual(await filesHolding(dist, outside), [], `no file of the output holds text from outside the repository (${outside})`);
      }
      // Names are shown with their hidden characters escaped: no page carries the override itself.
      assert.deepEqual(await filesHolding(dist, '\u202e'), [], 'no output holds a text-direction override');
      if (EXPECTED[name].agents.some((a) => a.startsWith(GOOD))) {
        assert.ok(existsSync(path.join(dist, 'agents', GOOD, 'index.html')), 'the good agent has its page');
        assert.ok(existsSync(path.join(dist, 'agents', `${GOOD}.md`)), 'and its raw file');
      }
      assert.ok(!existsSync(repos.payloadRan), 'the payload did not run');
    });
  }
});

test('a folder that cannot be read, a setting that is wrong: a message and a hint, no stack trace', async () => {
  for (const [setting, value, said] of [
    ['AGENTS_DIR', path.join(scratch, 'no-such-folder'), /The agents folder ".*no-such-folder" cannot be read \(ENOENT\)/],
    ['AGENTS_ON_ERROR', 'sometimes', /AGENTS_ON_ERROR must be "fail" or "warn", not "sometimes"/],
  ] as const) {
    const child = spawn(ASTRO, ['build', '--outDir', path.join(scratch, 'dist-unreadable')], { cwd: ROOT, env: { ...env('loops'), [setting]: value } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1, output);
    assert.match(output, said);
    assert.doesNotMatch(output, STACK_FRAME, `no stack trace for a wrong ${setting}`);
  }
});

/** Starts `astro dev` over the case's folder; resolves once `path` answers 200, or rejects when the bound passes. */
async function devServer(name: CaseName, page: string): Promise<{ child: ChildProcess; origin: string; log: () => string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(ASTRO, ['dev', '--port', String(port), '--host', '127.0.0.1'], { cwd: ROOT, env: env(name), detached: true });
  let log = '';
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  // Polls for the server's state (the page answering); the deadline bounds a hang on slow machines, it is not a wait.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const status = await fetch(`${origin}${page}`).then((r) => r.status, () => 0);
    if (status === 200) return { child, origin, log: () => log };
    await new Promise((r) => setTimeout(r, 250));
  }
  stop(child);
  throw new Error(`astro dev over ${name} did not serve ${page} (exit ${child.exitCode}):\n${log.slice(-3000)}`);
}

/** The whole process group: a dev server that hangs ignores SIGTERM, so it gets SIGKILL. */
function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

describe('astro dev over each hostile repository', { timeout: 900_000 }, () => {
  for (const name of CASES) {
    test(name, async () => {
      const good = EXPECTED[name].agents.some((a) => a.startsWith(GOOD));
      const server = await devServer(name, good ? `/agents/${GOOD}/` : '/');
      try {
        const pages = await Promise.all(['/', ...(good ? [`/agents/${GOOD}/`, `/agents/${GOOD}.md`] : [])].map((p) => fetch(`${server.origin}${p}`).then((r) => r.text())));
        for (const body of pages) assert.ok(!body.includes(repos.canary), 'no text from outside the repository is served');
        assert.doesNotMatch(server.log(), /ELOOP/, 'the watcher follows no link into a loop');
        assert.ok(!existsSync(repos.payloadRan), 'the payload did not run');
      } finally {
        stop(server.child);
      }
    });
  }
});
