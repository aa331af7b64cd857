/**
 * `npm run test:stress`: the browser tests on a machine made slow on purpose, each test run several times, to find
 * the tests that pass only when the machine is fast. One CPU burner per core (a busy loop at normal priority) takes
 * about half the machine away from the browser and the servers for the whole run, like a slower machine or a
 * neighbour's build would; `--repeat-each` runs every test several times with no retries, so a test that fails one
 * run in three shows up here instead of in somebody's CI.
 *
 *   npm run test:stress                                   3 runs of every test, one burner per core
 *   npm run test:stress -- --repeat-each 5 --burners 1    other counts
 *   npm run test:stress -- --grep search                  anything else goes to Playwright
 *
 * It tests the builds `npm test` made (tests/e2e/targets.ts), building a target first only when its build is
 * missing. The report names every test that failed in any run, with how many runs failed and the first error;
 * the exit code is 1 when any run failed. The burners stop when the run ends, and on their own after
 * `--burn-minutes` (default 60) should this script be killed before it can stop them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readReport, type TestRun } from './e2e-report.ts';
import { run, runPlaywright } from './e2e-run.ts';
import { selectTargets, targetEnv, type Target } from '../tests/e2e/targets.ts';

const REPORT = path.join('test-results', 'stress.json');
const log = (message: string) => console.log(`[stress] ${message}`);

const { values: options, tokens } = parseArgs({
  options: {
    'repeat-each': { type: 'string', default: '3' },
    burners: { type: 'string', default: String(os.availableParallelism()) },
    'burn-minutes': { type: 'string', default: '60' },
  },
  strict: false,
  tokens: true,
});

/** Everything that is not one of this script's options, in order, for Playwright. */
function playwrightArgs(): string[] {
  const own = new Set(['repeat-each', 'burners', 'burn-minutes']);
  const args: string[] = [];
  for (const token of tokens ?? []) {
    if (token.kind === 'option' && own.has(token.name)) continue;
    // Unknown options parse as flags, so `--grep search` arrives as the flag and then a positional, in order.
    if (token.kind === 'option') args.push(token.inlineValue ? `${token.rawName}=${token.value}` : token.rawName);
    else if (token.kind === 'positional') args.push(token.value);
  }
  return args;
}

function count(name: string, value: unknown, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`[stress] --${name} must be a whole number of at least ${min}, not "${value}".`);
    process.exit(2);
  }
  return n;
}

/**
 * A busy loop in its own process, at normal priority. It ends itself at its deadline, so a burner outlives this
 * script by at most `minutes` even when the script is killed with SIGKILL.
 */
function startBurner(minutes: number): ChildProcess {
  const code = `const end = Date.now() + ${minutes * 60_000}; let x = 0; while (Date.now() < end) x = (x * 31 + 7) % 1000003;`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

async function ensureBuilt(targets: Target[]): Promise<boolean> {
  for (const target of targets) {
    if (existsSync(path.join(target.outDir, 'index.html'))) {
      log(`testing the existing build of "${target.name}" in ${target.outDir}/ (run \`npm test\` or delete it to rebuild)`);
      continue;
    }
    log(`no build of "${target.name}" yet: building ${target.outDir}/ (before the burners start)`);
    await rm(target.outDir, { recursive: true, force: true });
    const code = await run(path.resolve('node_modules/.bin/astro'), ['build', '--outDir', target.outDir], { ...process.env, ...targetEnv(target) });
    if (code !== 0) {
      console.error(`[stress] the build of "${target.name}" failed (exit code ${code}).`);
      return false;
    }
  }
  return true;
}

/** Samples the 1-minute load average while the tests run, to show the machine was as busy as intended. */
function watchLoad(): { stop: () => { max: number; mean: number } } {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 5_000);
  return {
    stop() {
      clearInterval(timer);
      return { max: Math.max(0, ...samples), mean: samples.reduce((sum, n) => sum + n, 0) / (samples.length || 1) };
    },
  };
}

/** The tests that failed in at least one run, with how many of their runs failed. */
function failures(runs: TestRun[]): { name: string; failed: number; of: number; error?: string }[] {
  const byName = new Map<string, TestRun[]>();
  for (const test of runs) byName.set(test.name, [...(byName.get(test.name) ?? []), test]);
  return [...byName]
    .map(([name, all]) => {
      const bad = all.filter((test) => test.outcome === 'unexpected' || test.outcome === 'flaky');
      return { name, failed: bad.length, of: all.filter((test) => test.outcome !== 'skipped').length, error: bad[0]?.error };
    })
    .filter((test) => test.failed > 0);
}

async function main(): Promise<void> {
  const repeats = count('repeat-each', options['repeat-each'], 1);
  const burnerCount = count('burners', options.burners, 0);
  const minutes = count('burn-minutes', options['burn-minutes'], 1);
  const targets = selectTargets();
  await mkdir('test-results', { recursive: true });
  if (!(await ensureBuilt(targets))) return void (process.exitCode = 1);

  const burners = Array.from({ length: burnerCount }, () => startBurner(minutes));
  const stopBurners = () => {
    for (const burner of burners) if (burner.exitCode === null) burner.kill('SIGKILL');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopBurners();
      process.exit(130);
    });
  }
  log(`${burnerCount} CPU burner${burnerCount === 1 ? '' : 's'} on ${os.availableParallelism()} cores; every test ${repeats}× with no retries`);
  const load = watchLoad();
  const started = performance.now();
  let result;
  try {
    // No retries: a run that fails is counted as failed, not hidden behind a second attempt.
    result = await runPlaywright(targets, ['--repeat-each', String(repeats), '--retries', '0', ...playwrightArgs()], REPORT);
  } finally {
    stopBurners();
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  const { max, mean } = load.stop();
  if (!result.found) {
    console.error(result.chromium);
    return void (process.exitCode = 1);
  }

  const report = await readReport(REPORT);
  console.log('');
  if (!report) {
    log(`Playwright stopped before it reported (exit code ${result.code}); see its output above.`);
    return void (process.exitCode = 1);
  }
  const ran = report.runs.filter((test) => test.outcome !== 'skipped');
  const tests = new Set(ran.map((test) => test.name)).size;
  const failedRuns = ran.filter((test) => test.outcome !== 'expected').length;
  log(`Chromium: ${result.chromium}`);
  log(`${tests} tests × ${repeats} = ${ran.length} runs in ${seconds} s; load average (1 min) mean ${mean.toFixed(1)}, max ${max.toFixed(1)} on ${os.availableParallelism()} cores`);
  const failing = failures(report.runs);
  for (const test of failing) {
    const kind = test.failed === test.of ? 'FAILED' : 'FLAKY ';
    log(`${kind} ${test.failed} of ${test.of} runs: ${test.name}${test.error ? `\n           ${test.error}` : ''}`);
  }
  const flaky = failing.filter((test) => test.failed < test.of).length;
  log(`result: ${failedRuns} of ${ran.length} runs failed; ${flaky} flaky test${flaky === 1 ? '' : 's'}, ${failing.length - flaky} failing every run`);
  process.exitCode = failedRuns || result.code ? 1 : 0;
}

main().catch((error: Error) => {
  console.error('[stress] crashed:', error);
  process.exitCode = 1;
});
