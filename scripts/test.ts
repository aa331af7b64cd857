/**
 * `npm test`: type check, unit tests, the GitHub Action run locally (tests/action/), the build tests, a fresh
 * production build of each browser-test target (tests/e2e/targets.ts), then the browser tests against `astro preview`
 * of those builds. A failing phase does not stop the next ones, except that a target whose build failed is not
 * browser-tested. The run ends with a table of phases, the name of each
 * browser test that passed only on retry, and one `total: N passed, N failed` line; the exit code is non-zero when
 * anything failed.
 *
 * Arguments go to Playwright: `npm test -- --grep copy`. `E2E_TARGETS=default npm test` builds and tests one target.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { readReport, type TestRun } from './e2e-report.ts';
import { run, runPlaywright } from './e2e-run.ts';
import { selectTargets, targetEnv, type Target } from '../tests/e2e/targets.ts';
import { generateCatalog } from './generate-agents.ts';

const RESULTS = 'test-results';
const E2E_JSON = path.join(RESULTS, 'e2e.json');
const UNIT_TESTS = 'tests/unit/**/*.test.ts';
const ACTION_TESTS = 'tests/action/**/*.test.ts';

interface Phase {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
  passed: number;
  failed: number;
}

const phases: Phase[] = [];
const flakyTests: TestRun[] = [];
const log = (message: string) => console.log(`[test] ${message}`);
const heading = (title: string) => console.log(`\n[test] ── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);

/** Like `run`, and also resolves with what the command printed to stdout (shown as it comes, too). */
function runCapturing(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => {
      console.error(`[test] could not start ${command}: ${error.message}`);
      resolve({ code: 1, stdout });
    });
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), stdout }));
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}


function tapCount(tap: string, key: string): number {
  return Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
}

/**
 * `astro check` over every .astro and .ts file tsconfig.json includes (src/, scripts/, tests/). Every type error
 * counts as a failure, so a type error fails CI as a failing test does. No build is needed first: `astro check`
 * runs `astro sync`, which writes the content collection's types (.astro/). stdin is closed, so it cannot stop
 * to offer installing a package (@astrojs/check and typescript are devDependencies).
 */
async function typeCheck(): Promise<void> {
  heading('type check');
  const astro = path.resolve('node_modules/.bin/astro');
  // Its output goes through a pipe: keep its colours when ours reach a terminal.
  const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
  const [{ code, stdout }, ms] = await timed(() => runCapturing(astro, ['check'], env));
  // The closing block: "Result (184 files): / - 0 errors / - 0 warnings / - 1 hint".
  const result = stripVTControlCharacters(stdout).split('Result (').at(-1) ?? '';
  const count = (pattern: RegExp) => Number(result.match(pattern)?.[1] ?? NaN);
  const [files, errors, warnings] = [count(/^(\d+) files?\)/), count(/^- (\d+) errors?$/m), count(/^- (\d+) warnings?$/m)];
  if (Number.isNaN(files) || Number.isNaN(errors)) {
    phases.push({ name: 'type check', ok: false, detail: `did not finish (exit code ${code})`, ms, passed: 0, failed: 1 });
    return;
  }
  const ok = code === 0 && errors === 0;
  const detail = `${errors} error${errors === 1 ? '' : 's'}, ${warnings || 0} warning${warnings === 1 ? '' : 's'} in ${files} files`;
  phases.push({ name: 'type check', ok, detail, ms, passed: ok ? 1 : 0, failed: ok ? 0 : Math.max(errors, 1) });
}

/**
 * One node:test phase over `glob`: spec output on the terminal, a TAP copy in test-results/ read only for the counts.
 * `concurrency` test files at once.
 */
async function nodeTests(name: string, glob: string, concurrency: number): Promise<void> {
  heading(name);
  const tapFile = path.join(RESULTS, `${name.replace(/\W+/g, '-')}.tap`);
  await rm(tapFile, { force: true });
  // Same Node as this script (the project's pinned one).
  const args = ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', '--test-reporter-destination=stdout'];
  args.push('--test-reporter=tap', `--test-reporter-destination=${tapFile}`, glob);
  const [code, ms] = await timed(() => run(process.execPath, args));
  const tap = await readFile(tapFile, 'utf8').catch(() => '');
  const passed = tapCount(tap, 'pass');
  const failed = tapCount(tap, 'fail') + tapCount(tap, 'cancelled') || (code === 0 ? 0 : 1);
  phases.push({ name, ok: code === 0, detail: `${passed} passed, ${failed} failed`, ms, passed, failed });
}

/**
 * Unit tests, one test file per core: Node's default leaves one core to the runner, which on two cores runs the files
 * one at a time.
 */
const unitTests = () => nodeTests('unit tests', UNIT_TESTS, os.availableParallelism());

/**
 * action.yml run locally (tests/action/): its check and build modes for a scratch caller repository, with one real
 * build of the catalog, so a phase of its own rather than a unit test.
 */
const actionTests = () => nodeTests('action', ACTION_TESTS, 1);

async function build(target: Target): Promise<boolean> {
  heading(`build ${target.name} → ${target.outDir}/`);
  log(Object.entries(target.env).map(([key, value]) => `${key}=${value || '(unset)'}`).join(' '));
  await rm(target.outDir, { recursive: true, force: true });
  if (target.generate) {
    const out = path.resolve(target.env.AGENTS_DIR!);
    const made = await generateCatalog(target.generate.agents, out, { long: target.generate.long, layout: target.generate.layout, remote: target.generate.remote });
    log(`generated ${made.generated} agent files in ${path.relative(process.cwd(), out)}/`);
  }
  const astro = path.resolve('node_modules/.bin/astro');
  const [code, ms] = await timed(() => run(astro, ['build', '--outDir', target.outDir], { ...process.env, ...targetEnv(target) }));
  const ok = code === 0;
  phases.push({ name: `build ${target.name}`, ok, detail: `${target.outDir}/`, ms, passed: 0, failed: ok ? 0 : 1 });
  return ok;
}

async function browserTests(targets: Target[], playwrightArgs: string[]): Promise<void> {
  heading(`browser tests (${targets.map((target) => target.name).join(', ')})`);
  const [{ code, chromium, found }, ms] = await timed(() => runPlaywright(targets, playwrightArgs, E2E_JSON));
  if (!found) {
    console.error(chromium);
    phases.push({ name: 'browser tests', ok: false, detail: 'no Chromium', ms: 0, passed: 0, failed: 1 });
    return;
  }
  log(`Chromium: ${chromium}`);
  const report = await readReport(E2E_JSON);
  const stats = report?.stats ?? { expected: 0, flaky: 0, unexpected: 0, skipped: 0 };
  const passed = stats.expected + stats.flaky;
  // A run that failed before reporting (bad config, server that never started) still counts as a failure.
  const failed = stats.unexpected || (code === 0 ? 0 : 1);
  const skipped = stats.skipped ? `, ${stats.skipped} skipped` : '';
  const flaky = stats.flaky ? ` (${stats.flaky} flaky: passed on retry)` : '';
  phases.push({ name: 'browser tests', ok: code === 0, detail: `${passed} passed, ${failed} failed${skipped}${flaky}`, ms, passed, failed });
  flakyTests.push(...(report?.runs ?? []).filter((test) => test.outcome === 'flaky'));
}

function summarise(): boolean {
  heading('summary');
  for (const phase of phases) {
    const status = phase.ok ? 'ok    ' : 'FAILED';
    log(`${phase.name.padEnd(16)} ${status} ${phase.detail.padEnd(28)} ${(phase.ms / 1000).toFixed(1).padStart(6)} s`);
  }
  const passed = phases.reduce((sum, phase) => sum + phase.passed, 0);
  const failed = phases.reduce((sum, phase) => sum + phase.failed, 0);
  // Retries keep a test that raced the machine from sinking a run, so each one is named: a flaky test is a bug.
  for (const test of flakyTests) log(`flaky (failed, then passed on retry): ${test.name}${test.error ? ` — ${test.error}` : ''}`);
  console.log(`total: ${passed} passed, ${failed} failed${flakyTests.length ? `, ${flakyTests.length} flaky` : ''}`);
  return phases.every((phase) => phase.ok);
}

/**
 * Whole builds, no browser: the same input builds a byte-identical site twice, and hostile repositories build and serve
 * safely (tests/build/). One file at a time: every build writes the project's `.astro/`.
 */
const buildTests = () => nodeTests('build tests', 'tests/build/**/*.test.ts', 1);

async function main(): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  // The tests make thousands of scratch folders in the system's temporary folder (repositories, canaries, builds),
  // and not every test removes its own: they all go in one folder of this run (TMPDIR, which os.tmpdir() and every
  // child process read), removed when the run ends.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'agent-docs-test-run-'));
  process.env.TMPDIR = scratch;
  try {
    const targets = selectTargets();
    await typeCheck();
    await unitTests();
    await actionTests();
    await buildTests();
    const built: Target[] = [];
    for (const target of targets) if (await build(target)) built.push(target);
    if (built.length) await browserTests(built, process.argv.slice(2));
    else phases.push({ name: 'browser tests', ok: false, detail: 'not run: no build', ms: 0, passed: 0, failed: 0 });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  process.exitCode = summarise() ? 0 : 1;
}

main().catch((error: Error) => {
  console.error('[test] crashed:', error);
  process.exitCode = 1;
});
