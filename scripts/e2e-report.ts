/**
 * Reads what Playwright's JSON reporter wrote: each test run with its attempts, by a name a reader can search for
 * (`[project] file:line › describe › title`). `npm test` names its flaky tests with it; `npm run test:stress`
 * counts, per test, how many of its repeated runs failed.
 */
import { readFile } from 'node:fs/promises';
import { stripVTControlCharacters } from 'node:util';

/** One run of one test: with `--repeat-each N` a test has N of them, each with its attempts (retries). */
export interface TestRun {
  /** `[project] file:line › describe › title`: the same for every repeat of the test. */
  name: string;
  /** Playwright's verdict: `expected`, `unexpected`, `flaky` (failed, then passed on retry) or `skipped`. */
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  /** Each attempt's status (`passed`, `failed`, `timedOut`, `interrupted`, `skipped`). */
  attempts: string[];
  /** The first failed attempt's error message, first line only. */
  error?: string;
}

export interface Report {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number; duration: number };
  runs: TestRun[];
}

// The parts of the JSON report read here (playwright/types/testReporter.d.ts, JSONReport).
interface JsonResult {
  status: string;
  error?: { message?: string };
}
interface JsonTest {
  projectName: string;
  status: TestRun['outcome'];
  results: JsonResult[];
}
interface JsonSpec {
  title: string;
  file: string;
  line: number;
  tests: JsonTest[];
}
interface JsonSuite {
  title: string;
  file: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

function collect(suite: JsonSuite, titles: string[], runs: TestRun[]): void {
  // The top suite's title is the file name, already in `file:line`.
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      const failed = test.results.find((result) => result.error?.message);
      runs.push({
        name: [`[${test.projectName}] ${spec.file}:${spec.line}`, ...titles, spec.title].join(' › '),
        outcome: test.status,
        attempts: test.results.map((result) => result.status),
        error: stripVTControlCharacters(failed?.error?.message ?? '').split('\n').find((line) => line.trim())?.trim() || undefined,
      });
    }
  }
  for (const child of suite.suites ?? []) collect(child, [...titles, child.title], runs);
}

/** The report at `file`, or `undefined` when there is none (Playwright stopped before reporting). */
export async function readReport(file: string): Promise<Report | undefined> {
  const json = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as { stats: Report['stats']; suites: JsonSuite[] },
    () => undefined,
  );
  if (!json) return undefined;
  const runs: TestRun[] = [];
  for (const suite of json.suites) collect(suite, [], runs);
  return { stats: json.stats, runs };
}
