/**
 * One Astro process at a time that writes the project's `.astro/` folder, across Playwright's workers.
 *
 * Every `astro dev` and `astro build` of this project writes `.astro/` (content types, and in dev its content data
 * store, `.astro/data-store.json`, whatever `cacheDir` says), and a dev server watches that folder: when another
 * process writes it, the dev server reloads every page it serves. Measured: a second dev server starting, or a build,
 * sent the first dev server's open page three `full-reload` messages, so a dev-search test lost its open dialog
 * between its search and its Enter (1 of 3 runs under `npm run test:stress`). The dev-search suites hold this lock
 * while their server runs, the hostile spec while it builds.
 *
 * The lock is a folder (mkdir is atomic) holding the owner's pid; a lock whose owner has died is taken over, so a
 * crashed run does not stall the next one.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCK = path.join(ROOT, 'test-results', '.astro-lock');
const OWNER = path.join(LOCK, 'pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until the lock is free, takes it, and resolves with the function that gives it back. */
export async function acquireAstroLock(): Promise<() => Promise<void>> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  let ownerless = 0;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(OWNER, String(process.pid));
      return () => rm(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // Held: by a live process, wait for it to finish; by a dead one (or one that has not written its pid after
    // several polls), take it over.
    const owner = Number(await readFile(OWNER, 'utf8').catch(() => ''));
    ownerless = owner ? 0 : ownerless + 1;
    if ((owner && !alive(owner)) || ownerless > 25) await rm(LOCK, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
