/**
 * Runs Playwright against builds that already exist (tests/e2e/targets.ts): finds a Chromium (installing one where
 * it can), gives each target's preview server a free port, and runs Playwright's CLI on the project's Node. Shared
 * by `npm test` and `npm run test:stress`.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findChromium } from './browser.ts';
import { freePort } from './free-port.ts';
import type { Target } from '../tests/e2e/targets.ts';

/** Runs a command with inherited output and resolves with its exit code (1 when it could not start). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

export interface PlaywrightRun {
  /** Playwright's exit code; 1 also when no Chromium could be found or installed. */
  code: number;
  /** The Chromium it drove, or the reason there was none. */
  chromium: string;
  found: boolean;
}

/**
 * Runs `playwright test` with `args` for `targets`, the JSON report going to `jsonFile` (removed first, so a stale
 * report is never read as this run's).
 */
export async function runPlaywright(targets: Target[], args: string[], jsonFile: string): Promise<PlaywrightRun> {
  let chromium: string;
  try {
    chromium = await findChromium();
  } catch (error) {
    return { code: 1, chromium: (error as Error).message, found: false };
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile,
    E2E_TARGETS: targets.map((target) => target.name).join(','),
  };
  for (const target of targets) env[`E2E_PORT_${target.name.toUpperCase()}`] = String(await freePort());
  await rm(jsonFile, { force: true });
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright/package.json')), 'cli.js');
  return { code: await run(process.execPath, [cli, 'test', ...args], env), chromium, found: true };
}
