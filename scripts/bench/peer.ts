/**
 * The Starlight peer: the same agent files built as a Starlight docs site (one page per agent, Pagefind search), what
 * most people would reach for instead of this project, and the yardstick the build-time budget is a ratio to
 * (scripts/budgets.ts). Its recipe is scripts/bench/peer/ (README.md there).
 *
 * Starlight is installed once per recipe with `npm install`, outside the repository, in
 * `~/.cache/agent-docs/peer-starlight-<hash of the recipe's package.json>/` (or under $XDG_CACHE_HOME), and shared by
 * every clone on the machine. Each bench builds in a folder of its own, whose node_modules are hard links to that
 * install, with its own content-layer and Vite caches, cold on every build as this project's builds are.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { convertCatalog, type ConvertedCatalog } from './peer-convert.ts';
import { runWatched, type Line, type RunResult } from './run.ts';

/** The recipe: the peer's package.json, Astro config and content config, copied into each build folder. */
export const RECIPE = path.join(import.meta.dirname, 'peer');
const RECIPE_FILES = ['package.json', 'astro.config.mjs', 'src/content.config.ts'];

interface RecipePackage {
  dependencies: Record<string, string>;
  scripts: { build: string };
}

async function recipePackage(): Promise<{ text: string; json: RecipePackage }> {
  const text = await readFile(path.join(RECIPE, 'package.json'), 'utf8');
  return { text, json: JSON.parse(text) as RecipePackage };
}

/** "Starlight 0.42.4 (Astro 7.3.5)", from the recipe. */
export async function peerName(): Promise<string> {
  const { dependencies } = (await recipePackage()).json;
  return `Starlight ${dependencies['@astrojs/starlight']} (Astro ${dependencies.astro})`;
}

/** Where the recipe's packages are installed: one folder per version of its package.json. */
export async function peerInstallDir(): Promise<string> {
  const hash = createHash('sha256').update((await recipePackage()).text).digest('hex').slice(0, 12);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'agent-docs', `peer-starlight-${hash}`);
}

const installed = (dir: string) => existsSync(path.join(dir, 'node_modules/@astrojs/starlight/package.json')) && existsSync(path.join(dir, 'node_modules/.bin/astro'));

/**
 * The peer's install folder, installing it first when it is missing (npm needs the registry then; `work` holds the
 * bench's scratch files). The install goes
 * to a folder of its own and is renamed into place when complete, so a bench stopped halfway, or another clone
 * installing at the same time, never leaves a half-installed peer to be taken for a whole one.
 */
export async function ensurePeer(work: string, log: (message: string) => void): Promise<{ dir: string; fresh: boolean }> {
  const dir = await peerInstallDir();
  if (installed(dir)) return { dir, fresh: false };
  log(`the Starlight peer is not installed in ${dir}: installing it with npm (once, about a minute; cached for later runs)…`);
  const staging = `${dir}.installing-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await copyFile(path.join(RECIPE, 'package.json'), path.join(staging, 'package.json'));
    const npm = await runWatched('npm', ['install', '--no-audit', '--no-fund'], { cwd: staging, dir: work });
    if (npm.code !== 0 || !installed(staging)) {
      // npm says what went wrong first (`npm error code ECONNREFUSED`…) and ends with where its log is.
      const shown = npm.lines.length > 7 ? [...npm.lines.slice(0, 6), ...npm.lines.slice(-1)] : npm.lines;
      const said = shown.map((line) => `  | ${line.text}`).join('\n');
      throw new Error(
        `could not install the Starlight peer (npm install exited ${npm.code} in ${staging})${said ? `:\n${said}` : ''}\n` +
          'It needs the npm registry once. Run the bench with --no-peer to measure without the ratio to Starlight.',
      );
    }
    await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another bench finished installing first: use its copy.
      if (!installed(dir)) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dir, fresh: true };
}

/**
 * The install's node_modules inside the build folder, as hard links (a copy where they cannot be made): a symbolic
 * link to a folder outside the project fails Astro 7.3 (it takes the target's absolute paths for project-relative
 * ones), and a real copy is ~400 MB. Nothing in a build writes into node_modules: the caches are elsewhere.
 */
async function linkModules(from: string, to: string): Promise<void> {
  const linked = await runWatched('cp', ['-al', from, to], { dir: path.dirname(to) });
  if (linked.code === 0) return;
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
}

export interface PeerSite {
  /** The folder the peer is built in. */
  root: string;
  install: string;
  pages: ConvertedCatalog;
}

/**
 * Lays out a build folder for the peer in `root`: the recipe's files, node_modules from the install, the agent
 * files of `agentsDir` as Starlight pages, and a config that wraps the recipe's with caches inside `root`.
 */
export async function preparePeer(root: string, install: string, agentsDir: string): Promise<PeerSite> {
  await rm(root, { recursive: true, force: true });
  for (const file of RECIPE_FILES) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await copyFile(path.join(RECIPE, file), path.join(root, file));
  }
  await linkModules(path.join(install, 'node_modules'), path.join(root, 'node_modules'));
  await writeFile(
    path.join(root, 'bench.config.mjs'),
    `// Written by scripts/bench/peer.ts: the recipe's config, with its caches outside node_modules (links to a shared install).\n` +
      `import config from './astro.config.mjs';\n` +
      `export default { ...config, cacheDir: './.astro-cache/', vite: { ...config.vite, cacheDir: './.vite-cache/' } };\n`,
  );
  const pages = await convertCatalog(agentsDir, path.join(root, 'src/content/docs'));
  return { root, install, pages };
}

/** One cold build of the peer (`npm run build`'s command, run by sh as this project's is), after emptying its caches and output. */
export async function buildPeer(site: PeerSite, echo?: (line: Line) => void): Promise<RunResult> {
  for (const dir of ['dist', '.astro', '.astro-cache', '.vite-cache']) await rm(path.join(site.root, dir), { recursive: true, force: true });
  const { build } = (await recipePackage()).json.scripts;
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    // The peer's own pinned Node and its astro, as `npm run build` in its folder would find them.
    PATH: [path.join(site.install, 'node_modules/node/bin'), path.join(site.install, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
  };
  return runWatched('/bin/sh', ['-c', `${build} "$@"`, 'sh', '--config', 'bench.config.mjs'], { env, echo, dir: site.root, cwd: site.root });
}
