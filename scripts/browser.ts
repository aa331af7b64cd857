/**
 * Finds the Chromium the browser tests drive, and installs one when the machine has none.
 *
 * Order: `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`, Debian's `/usr/bin/chromium-headless-shell`, Debian's
 * `/usr/bin/chromium`, then Playwright's own download. The headless shell is the build Playwright itself runs
 * headless tests in: the same Blink and V8 without the desktop browser around them. The full `chromium` in headless
 * mode takes 1.5-2x as long on the same tests (one target's 75 tests: ~3.7 against 2.5 min on one 2-core machine,
 * ~6.7 against 3.0 min on another), and on two cores CPU is what the tests wait for. Playwright cannot download its
 * browser on every machine (no network, unsupported distro), so the system packages come before it. Run as a CLI
 * (`node scripts/browser.ts`) it prints the path it settled on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const ENV_VAR = 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH';
/** Debian's packages, lightest first. */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

/**
 * Flags for every launch. Root cannot use Chromium's sandbox; the rest stop Chromium phoning home, which on a
 * machine without network floods the log with refused connections and slows every launch.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const HOW_TO_INSTALL = [
  'No Chromium found for the browser tests. Install one of:',
  '  apt-get update && apt-get install -y chromium-headless-shell   (Debian, as root; or the package chromium)',
  '  npx playwright install chromium                     (Playwright\'s own build; needs network)',
  `or point ${ENV_VAR} at a Chromium or Chrome executable.`,
].join('\n');

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // Playwright throws when it has no build for this platform.
  }
}

/** The Chromium already on this machine, without installing anything; `undefined` when there is none. */
export function locateChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env[ENV_VAR];
  if (configured) {
    // An explicit setting that is wrong is a mistake to report, not a reason to test with another browser.
    if (!existsSync(configured)) throw new Error(`${ENV_VAR} is "${configured}", which does not exist.`);
    return configured;
  }
  const system = SYSTEM_CHROMIUMS.find((file) => existsSync(file));
  if (system) return system;
  const bundled = playwrightChromium();
  return bundled && existsSync(bundled) ? bundled : undefined;
}

function run(command: string, args: string[]): boolean {
  console.log(`[browser] $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Tries the installs this machine allows; returns whether one succeeded. */
function installChromium(): boolean {
  if (process.getuid?.() === 0 && hasCommand('apt-get')) {
    // The headless shell where the distribution packages it (Debian 12 does), else the full browser.
    if (!run('apt-get', ['update'])) return false;
    return run('apt-get', ['install', '-y', 'chromium-headless-shell']) || run('apt-get', ['install', '-y', 'chromium']);
  }
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright/package.json')), 'cli.js');
  return run(process.execPath, [cli, 'install', 'chromium']);
}

/** The Chromium to launch, installing one when the machine has none; rejects with the commands to run. */
export async function findChromium(): Promise<string> {
  const found = locateChromium();
  if (found) return found;
  console.log('[browser] no Chromium found; installing one');
  if (installChromium()) {
    const installed = locateChromium();
    if (installed) return installed;
  }
  throw new Error(HOW_TO_INSTALL);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  findChromium().then(
    (executable) => console.log(executable),
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
