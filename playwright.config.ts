/**
 * Browser tests against the production build, one project per target in tests/e2e/targets.ts, each served by
 * its own `astro preview`. `npm test` builds the targets first; to rerun only the browser tests against those
 * builds: `npx playwright test` (`E2E_TARGETS=default npx playwright test` for one target).
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'playwright/test';
import { CHROMIUM_ARGS, locateChromium } from './scripts/browser.ts';
import { portOf, selectTargets, targetEnv } from './tests/e2e/targets.ts';
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
  expect: { timeout: 5_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]]
    : [['list'], ['json', { outputFile: 'test-results/e2e.json' }], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath, args: [...CHROMIUM_ARGS] },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: targets.map((target) => ({
    name: target.name,
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
