/** Building the site from a catalog in a child process, cold and apart from the tree's own builds; its phases. */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.ts';
import { runWatched, type Line, type RunResult } from './run.ts';

/** package.json's `build` script: what the bench measures is what `npm run build` does. */
async function buildScript(): Promise<string> {
  const { scripts } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!scripts?.build) throw new Error('package.json has no "build" script');
  return scripts.build;
}

export interface Phases {
  /** Process start to the first content-layer line: Node, Astro and the config loading. */
  startup?: number;
  /** Content layer sync: `Syncing content` → `Synced content`, and the loader's own figure. */
  contentSync?: number;
  loader?: number;
  /** Types, Vite's server and client builds: `Synced content` → `generating static routes`. */
  bundling?: number;
  /** Astro's own `✓ Completed in` after `generating static routes`. */
  pageGeneration?: number;
  routes?: number;
  /** Pagefind's `indexed N pages in X ms` (src/integrations/pagefind.ts). */
  searchIndex?: number;
  indexedPages?: number;
}

/** Astro's getTimeStat: `850ms`, `12.34s` or `7m 3s`. */
function duration(text: string): number | undefined {
  const match = text.match(/(?:(\d+)m )?([\d.]+)(ms|s)\b/);
  if (!match) return undefined;
  return Number(match[1] ?? 0) * 60_000 + Number(match[2]) * (match[3] === 's' ? 1000 : 1);
}

/** Reads the phases from Astro's log lines and the times they arrived. */
export function parsePhases(lines: Line[]): Phases {
  const phases: Phases = {};
  const at = (pattern: RegExp) => lines.find((line) => pattern.test(line.text))?.at;
  const syncStart = at(/\[content\] Syncing content/);
  const synced = at(/\[content\] Synced content/);
  const generating = lines.findIndex((line) => /generating static routes/.test(line.text));
  if (syncStart !== undefined) phases.startup = syncStart;
  if (syncStart !== undefined && synced !== undefined) phases.contentSync = synced - syncStart;
  if (synced !== undefined && generating >= 0) phases.bundling = lines[generating].at - synced;
  if (generating >= 0) {
    const routeLines = lines.slice(generating).filter((line) => /^\S+\s+[├└]─ /.test(line.text));
    phases.routes = routeLines.length;
    const done = lines.slice(generating).find((line) => /✓ Completed in/.test(line.text));
    const took = done?.text.split('Completed in ')[1];
    if (took) phases.pageGeneration = duration(took);
  }
  for (const { text } of lines) {
    const loader = text.match(/\[agent-docs:agents\] \d+ agents.* in (\d+) ms/);
    if (loader) phases.loader = Number(loader[1]);
    const index = text.match(/indexed (\d+) pages.* in (\d+) ms/);
    if (index) [phases.indexedPages, phases.searchIndex] = [Number(index[1]), Number(index[2])];
  }
  return phases;
}

export interface BuildOptions {
  agentsDir: string;
  outDir: string;
  /** Holds the config wrapper and Astro's content-layer cache for this build. */
  workDir: string;
  env?: Record<string, string>;
  /**
   * Folder for V8 CPU profiles of the build (node --cpu-prof). The build then also keeps a copy of Astro's prerender
   * bundle there (`prerender/`, which Astro deletes when the pages are written) with source maps, so profile.ts can
   * tell which of the project's files and which package a function of the bundle comes from.
   */
  cpuProfDir?: string;
  /** Keep what an earlier build in the same folder cached (link-preview cards): a rebuild, not a fresh clone's build. */
  warm?: boolean;
  echo?: (line: Line) => void;
}

export interface BuildResult extends RunResult {
  phases: Phases;
}

/**
 * Makes `dir` a stand-in working directory for a build of this project (links to src/, package.json and each
 * package in node_modules/, but its own node_modules/.cache). The build runs there with `--root` pointing back:
 * - Astro writes its prerender bundle to `<outDir>/.prerender/` only when outDir is inside the working directory,
 *   else to `<cwd>/.astro/.prerender/`, which every other build of the tree to an outside folder shares (and
 *   deletes mid-build); that bundle imports the project's packages by name, hence the links;
 * - src/og reads its fonts relative to the working directory: the links find them; the private
 *   node_modules/.cache keeps each bench build cold for anything a package caches there.
 */
async function mirrorProject(dir: string): Promise<void> {
  const modules = path.join(dir, 'node_modules');
  if (existsSync(modules)) return;
  await mkdir(modules, { recursive: true });
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (!name.startsWith('.')) await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  for (const name of ['src', 'package.json']) await symlink(path.join(ROOT, name), path.join(dir, name));
}

/**
 * `AGENTS_DIR=<agentsDir> npm run build -- --outDir <outDir>` in a child process (package.json's script run by sh,
 * so its settings count and npm's own process does not), with a config that wraps the project's and points
 * `cacheDir` into `workDir`: the build starts with an empty content store and cannot race other builds of the same
 * tree over node_modules/.astro.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const config = path.join(options.workDir, 'astro.config.mjs');
  const cacheDir = path.join(options.workDir, 'astro-cache');
  await rm(cacheDir, { recursive: true, force: true });
  const keep = options.cpuProfDir && path.join(options.cpuProfDir, 'prerender');
  await writeFile(
    config,
    `// Written by scripts/bench/build.ts: the project's config with private caches (content layer, Vite).\n` +
      `import config from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'astro.config.mjs')).href)};\n` +
      (keep ? `import { cp } from 'node:fs/promises';\n` : '') +
      `export default {\n` +
      `  ...config,\n` +
      `  cacheDir: ${JSON.stringify(cacheDir + path.sep)},\n` +
      (keep
        ? // Source maps for the server bundles only (the client's files, which the bench weighs, stay as they are).
          `  vite: { ...config.vite, cacheDir: ${JSON.stringify(path.join(cacheDir, 'vite'))}, build: { ...config.vite?.build, sourcemap: true },\n` +
          `    environments: { ...config.vite?.environments, client: { ...config.vite?.environments?.client, build: { ...config.vite?.environments?.client?.build, sourcemap: false } } } },\n` +
          `  integrations: [...config.integrations, { name: 'bench:keep-prerender', hooks: {\n` +
          `    'astro:build:generated': ({ dir }) => cp(new URL('.prerender/', dir), ${JSON.stringify(keep)}, { recursive: true }).catch(() => undefined),\n` +
          `  } }],\n`
        : `  vite: { ...config.vite, cacheDir: ${JSON.stringify(path.join(cacheDir, 'vite'))} },\n`) +
      `};\n`,
  );
  const cwd = path.dirname(options.outDir);
  await mirrorProject(cwd);
  // Cold, like a fresh clone: nothing an earlier build cached.
  if (!options.warm) await rm(path.join(cwd, 'node_modules/.cache'), { recursive: true, force: true });
  // Astro joins --config onto the root, so it must be relative.
  const args = ['--root', ROOT, '--config', path.relative(ROOT, config), '--outDir', options.outDir];
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    PATH: [path.join(ROOT, 'node_modules/node/bin'), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
    AGENTS_DIR: options.agentsDir,
    ...(options.cpuProfDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.cpuProfDir}` } : {}),
    ...options.env,
  };
  // The command `npm run build` runs (its environment settings included), without npm's own process in the figures.
  const result = await runWatched('/bin/sh', ['-c', `${await buildScript()} "$@"`, 'sh', ...args], { env, echo: options.echo, dir: options.workDir, cwd });
  return { ...result, phases: parsePhases(result.lines) };
}

export async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let total = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    total += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes: total, files };
}
