/**
 * Browser tests against the production build, one project per target in tests/e2e/targets.ts, each served by
 * its own `astro preview`. `npm test` builds the targets first; to rerun only the browser tests against those
 * builds: `npx playwright test` (`E2E_TARGETS=default npx playwright test` for one target).
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'playwright/test';
import { CHROMIUM_ARGS, locateChromium } from './scripts/browser.ts';
import { OWN_SPECS, portOf, selectTargets, targetEnv } from './tests/e2e/targets.ts';
import type { TargetOptions } from './tests/e2e/fixtures.ts';

const targets = selectTargets();
for (const target of targets) {
  if (!existsSync(target.outDir)) {
    throw new Error(`No build in ${target.outDir}/ for the "${target.name}" target: run \`npm test\` (it builds every target).`);
  }
}
const executablePath = locateChromium();
if (!executablePath) throw new Error('No Chromium found: run `node scripts/browser.ts` to install one.');

const origin = (port: number) => `http://127.0.0.1:${port}`;
/** Read by `npm test` (its summary) and `npm run test:stress` (its own file, so a stress run keeps `npm test`'s). */
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME || 'test-results/e2e.json';

export default defineConfig<TargetOptions>({
  testDir: 'tests/e2e',
  // Playwright empties its outputDir on start; keep it apart from the unit TAP and e2e JSON written beside it.
  outputDir: 'test-results/e2e',
  // Two cores: one browser per core, with the preview servers sharing them.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // In CI one retry, so a test that raced the machine does not sink a submission; Playwright still reports it as
  // flaky (and the summary line names how many), so flakiness stays visible.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  // How long a state may take to appear, not a wait: a passing assertion returns as soon as it holds. 10 s rather
  // than Playwright's 5 s because machines of this kind differ by 2x and more: the first search of a page (fetch
  // Pagefind, start its worker and wasm, load the index) took 5.7 s on one with both cores busy. toPass, which
  // otherwise retries until the test times out, gets the same bound.
  expect: { timeout: 10_000, toPass: { timeout: 10_000 } },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: jsonReport }]] : [['list'], ['json', { outputFile: jsonReport }], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath, args: [...CHROMIUM_ARGS] },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    // Recording a trace costs every test, passing or not: the whole suite took ~1.5x as long with traces kept on
    // failure (128 s against 83 s for one target). CI retries once and records that retry, so a test that fails
    // there still leaves a trace; locally, where nothing is retried, a failure keeps its trace as before.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: targets.map((target) => ({
    name: target.name,
    ...(target.specs ? { testMatch: [...target.specs.own, ...target.specs.shared] } : { testIgnore: [...OWN_SPECS] }),
    use: {
      // Trailing `/` so tests can use relative paths (`agents/x/`) that resolve under BASE_PATH.
      baseURL: `${origin(portOf(target))}${target.basePath}`,
      siteUrl: target.siteUrl,
      basePath: target.basePath,
    },
  })),
  webServer: targets.map((target) => ({
    // --ignore-lock: stay in the foreground (Astro backgrounds previews it thinks an agent started) and let
    // several previews of one project run side by side.
    command: `node_modules/.bin/astro preview --outDir ${target.outDir} --port ${portOf(target)} --host 127.0.0.1 --ignore-lock`,
    // Ready when the port answers: a missing home page should fail a test by name, not time out the server.
    port: portOf(target),
    env: targetEnv(target),
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  })),
});
