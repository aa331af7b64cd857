/**
 * `npm run check [-- OPTIONS] [DIR]`: lint a folder of Claude Code agent files. Usable in any repo's CI; the GitHub
 * Action (action.yml) runs it with `--format github`. Exit 1 when the check fails (`--fail-on`, by default: any file
 * has an error, so Claude Code would not load it), 2 on bad usage. Formats live in src/agents/report*.ts; this file
 * only reads arguments and writes output.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSources } from '../src/agents/sources.ts';
import { mountOf } from '../src/agents/mounts.ts';
import type { Mount } from '../src/agents/types.ts';
import { normaliseBase, readSourceSettings } from '../src/settings-sources.ts';
import { marketplaceSource } from '../src/agents/install.ts';
import { formatText, fromRoot, reportEntries, type ReportEntry } from '../src/agents/report.ts';
import { formatGithub, formatStepSummary } from '../src/agents/report-github.ts';
import { formatSarif } from '../src/agents/report-sarif.ts';

const USAGE = `usage: npm run check -- [options] [DIR]     (DIR defaults to AGENTS_DIR, else agents/; several
                                           folders separated by ":" are one catalog of several sources;
                                           FETCH_PLUGINS=1 fetches a marketplace's remote plugins too)
  --format text|json|github|sarif  what to print (default text; --json is --format json)
  --quiet                          text: list only the files with errors
  --root DIR                       github, sarif: paths relative to this folder, the repository's root (default: the
                                   nearest folder holding .git, from DIR up; else the current folder)
  --sarif-file FILE                also write the SARIF report to FILE
  --fail-on error|warning|never    exit 1 on any error (default), on any error or warning, or never
  --tool-uri URL                   sarif: where the tool is documented (default: package.json's homepage)`;

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'never'] as const;

function usage(message: string): never {
  console.error(`check: ${message}\n${USAGE}`);
  process.exit(2);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) usage(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      root: { type: 'string' },
      'sarif-file': { type: 'string' },
      'fail-on': { type: 'string' },
      'tool-uri': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  usage((error as Error).message);
}
const { values: options, positionals } = parsed;
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length > 1) usage(`give one folder, not ${positionals.length} (${positionals.join(', ')})`);
if (options.json && options.format && options.format !== 'json') usage(`--json and --format ${options.format} ask for two formats; keep one`);
const format = oneOf(options.format ?? (options.json ? 'json' : undefined), FORMATS, '--format', 'text');
const failOn = oneOf(options['fail-on'], FAIL_ON, '--fail-on', 'error');

const dirArg = positionals[0] ?? process.env.AGENTS_DIR ?? 'agents';
/** The sources and fetching as the site's build reads them (src/settings.ts): a folder given here wins over AGENTS_SOURCES. */
function siteSettings() {
  const { AGENTS_DIR, AGENTS_SOURCES, AGENTS_SOURCES_WITHIN, FETCH_PLUGINS, FETCH_PLUGINS_CACHE, FETCH_PLUGINS_ALLOW } = process.env;
  const given = positionals[0] === undefined ? { AGENTS_DIR, AGENTS_SOURCES } : { AGENTS_DIR: positionals[0] };
  try {
    return readSourceSettings({ ...given, AGENTS_SOURCES_WITHIN, FETCH_PLUGINS, FETCH_PLUGINS_CACHE, FETCH_PLUGINS_ALLOW }, process.cwd());
  } catch (error) {
    console.error(`check: ${(error as Error).message}`);
    process.exit(2);
  }
}
const site = siteSettings();
const dirs = site.agentsDirs;
// (Every source a git repository: no folder here; the repository root is found from the working folder.)
const dir = dirs[0] ?? process.cwd();
// Joined sources (several, or one named in AGENTS_SOURCES): each file's path starts with its source's name.
const several = site.sources.length > 1 || !!site.sources[0]!.name || !!site.sources[0]!.repo;

/** The repository the folder is in: the nearest folder holding `.git`, from the folder up (a file for a worktree). */
function repositoryRoot(from: string): string | undefined {
  for (let at = from; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}
const root = path.resolve(options.root ?? repositoryRoot(dir) ?? '.');
const maxFileBytes = process.env.AGENTS_MAX_FILE_BYTES ? Number(process.env.AGENTS_MAX_FILE_BYTES) : undefined;

/** The checked folder's path from the repository root, for the formats GitHub reads; a usage error outside it. */
function folderFromRoot(): string {
  const relative = path.relative(root, dir);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    usage(`the folder ${dir} is not inside the repository root ${root}, so GitHub could not place its annotations; pass --root with the repository's root (the folder holding .git), or check a folder inside it`);
  }
  return relative.split(path.sep).join('/');
}

function sarif(entries: ReportEntry[]): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };
  const informationUri = options['tool-uri'] ?? pkg.homepage;
  return `${JSON.stringify(formatSarif(entries, { version: pkg.version, informationUri, root }), null, 2)}\n`;
}

const forGithub = format === 'github' || format === 'sarif' || options['sarif-file'] !== undefined;
const folder = forGithub && !several ? folderFromRoot() : '';

/**
 * A catalog path → the file's path from `base` (the repository root for GitHub, the current folder for text), or as
 * it is when the file is outside `base` (a fetched plugin's, in the cache).
 */
function fromMount(file: string, mounts: readonly Mount[], base: string): string {
  const where = mountOf(file, mounts);
  if (!where) return file;
  const relative = path.relative(base, path.join(where.mount.dir, where.rel));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

let entries: ReportEntry[];
try {
  // Where people add the marketplace from, as the site's build reads it: reserved marketplace names depend on it.
  const relative = process.env.REPO_AGENTS_PATH?.trim() ?? path.relative(root, dir);
  const folderInRepo = relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(/[\\/]/).filter((s) => s && s !== '.');
  const source = marketplaceSource({ marketplaceSource: process.env.MARKETPLACE_SOURCE, repoUrl: process.env.REPO_URL, folderInRepo });
  // The site's own settings for several sources and for fetching (src/settings.ts), so the check reads what the build does.
  const fetch = site.fetchPlugins ? { cache: site.pluginCache, policy: site.fetchAllow } : undefined;
  const sourceFetch = { cache: site.pluginCache, policy: site.fetchAllow };
  const catalog = await loadSources(site.sources, { maxFileBytes, render: false, marketplaceSource: source, ...(fetch ? { fetch } : {}), sourceFetch, basePath: normaliseBase(process.env.BASE_PATH) });
  entries = reportEntries(catalog);
  // Several sources: each file named by its path (from the repository root for GitHub, else from here), since the
  // sources are folders of their own.
  const mounts = catalog.mounts;
  // AGENTS_SOURCES itself (a git source that could not be fetched) is named by its path from here.
  const listed = new Set(site.sources.map((s) => s.listed?.file));
  const fromHere = (file: string) => (forGithub ? path.relative(root, path.resolve(file)).split(path.sep).join('/') : file);
  if (several && mounts) entries = entries.map((e) => ({ ...e, file: listed.has(e.file) ? fromHere(e.file) : fromMount(e.file, mounts, forGithub ? root : process.cwd()) }));
} catch (error) {
  console.error(`check: ${(error as Error).message}`);
  process.exit(2);
}
const rooted = forGithub && !several ? fromRoot(entries, folder) : entries;

try {
  if (options['sarif-file']) {
    mkdirSync(path.dirname(path.resolve(options['sarif-file'])), { recursive: true });
    writeFileSync(options['sarif-file'], sarif(rooted));
  }
  if (format === 'github' && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, formatStepSummary(rooted));
} catch (error) {
  console.error(`check: cannot write the report: ${(error as Error).message}`);
  process.exit(2);
}

if (format === 'json') {
  process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
} else if (format === 'github') {
  console.log(formatGithub(rooted));
} else if (format === 'sarif') {
  process.stdout.write(sarif(rooted));
} else {
  const quiet = Boolean(options.quiet);
  console.log(formatText(quiet ? entries.filter((e) => e.errors.length) : entries, { dir: several ? '' : dirArg, color: process.stdout.isTTY && !process.env.NO_COLOR, showSkipped: !quiet, summaryOf: entries }));
}
const failed = failOn === 'never' ? false : entries.some((e) => e.errors.length || (failOn === 'warning' && e.warnings.length));
process.exitCode = failed ? 1 : 0;
