/**
 * The check report, shared by `npm run check` and the build: compiler-style text grouped by file, or JSON.
 */
import { visible } from './text.ts';
import type { Catalog, Diagnostic } from './types.ts';

export interface ReportEntry {
  file: string;
  name: string | null;
  loads: boolean;
  skipped?: string;
  /** A manifest (`marketplace.json`, `plugin.json`): its problems, not an agent. */
  manifest?: true;
  /** Not in any place Claude Code loads agents from (a skill, a command, a README): never read. */
  outside?: true;
  errors: Array<{ line: number; column?: number; code: string; message: string; fix: string }>;
  warnings: Array<{ line: number; column?: number; code: string; message: string; fix: string }>;
}

const strip = ({ line, column, code, message, fix }: Diagnostic) => ({ line, ...(column ? { column } : {}), code, message, fix });

/** One entry per `.md` file, agents and skipped files alike, sorted by path. */
export function reportEntries(catalog: Pick<Catalog, 'agents' | 'skipped'> & Partial<Pick<Catalog, 'problems'>>): ReportEntry[] {
  const entries: ReportEntry[] = catalog.agents.map((agent) => ({
    file: agent.file,
    name: agent.name,
    loads: agent.loads,
    errors: agent.diagnostics.filter((d) => d.severity === 'error').map(strip),
    warnings: agent.diagnostics.filter((d) => d.severity === 'warning').map(strip),
  }));
  for (const skipped of catalog.skipped) {
    entries.push({
      file: skipped.file,
      name: null,
      loads: false,
      skipped: skipped.problem || skipped.outside ? skipped.reason : 'no frontmatter name',
      ...(skipped.outside ? { outside: true as const } : {}),
      errors: skipped.problem ? [strip(skipped.problem)] : [],
      warnings: [],
    });
  }
  const manifests = new Map<string, ReportEntry>();
  for (const problem of catalog.problems ?? []) {
    let entry = manifests.get(problem.file);
    if (!entry) manifests.set(problem.file, (entry = { file: problem.file, name: null, loads: false, manifest: true, errors: [], warnings: [] }));
    (problem.severity === 'error' ? entry.errors : entry.warnings).push(strip(problem));
  }
  for (const entry of manifests.values()) {
    entry.errors.sort((a, b) => a.line - b.line);
    entry.warnings.sort((a, b) => a.line - b.line);
    entries.push(entry);
  }
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export type Problem = ReportEntry['errors'][number] & { severity: 'error' | 'warning' };

/** An entry's problems, errors first, each with its severity. */
export function problemsOf(entry: ReportEntry, errorsOnly = false): Problem[] {
  return [
    ...entry.errors.map((d) => ({ ...d, severity: 'error' as const })),
    ...(errorsOnly ? [] : entry.warnings.map((d) => ({ ...d, severity: 'warning' as const }))),
  ];
}

/**
 * The entries with each `file` prefixed by `folder` (the checked folder's path from the repository root, `/`-separated;
 * `''` for the root), for formats whose readers resolve paths from the repository root (GitHub, SARIF).
 */
export function fromRoot(entries: ReportEntry[], folder: string): ReportEntry[] {
  const prefix = folder.split('/').filter((s) => s && s !== '.').join('/');
  return prefix ? entries.map((e) => ({ ...e, file: `${prefix}/${e.file}` })) : entries;
}

export interface Totals {
  files: number;
  /** `.md` files outside every agents location: counted, not listed one by one in text. */
  outside: number;
  agents: number;
  loading: number;
  errors: number;
  warnings: number;
  skipped: number;
  filesWithErrors: number;
}

export function totals(entries: ReportEntry[]): Totals {
  return {
    files: entries.filter((e) => !e.manifest && !e.outside).length,
    outside: entries.filter((e) => e.outside).length,
    agents: entries.filter((e) => !e.skipped && !e.manifest).length,
    loading: entries.filter((e) => e.loads).length,
    errors: entries.reduce((n, e) => n + e.errors.length, 0),
    warnings: entries.reduce((n, e) => n + e.warnings.length, 0),
    skipped: entries.filter((e) => e.skipped && !e.outside).length,
    filesWithErrors: entries.filter((e) => e.errors.length).length,
  };
}

export const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

export interface TextOptions {
  /** Folder shown before each file path. */
  dir?: string;
  color?: boolean;
  /** Show skipped documentation files too (they are not problems). */
  showSkipped?: boolean;
  /** Show only files with errors (the build's failure message). */
  errorsOnly?: boolean;
  /** The entries the summary line counts, when only some are listed (`--quiet` lists the files with errors). */
  summaryOf?: ReportEntry[];
}

/** Control and bidi-override characters from file names and values are shown escaped, never sent to the terminal. */
// eslint-disable-next-line no-control-regex
const printable = visible;

/** Compiler-style text: `file:line:col: error: message` then the fix, grouped by file, and a summary line. */
export function formatText(entries: ReportEntry[], options: TextOptions = {}): string {
  const c = options.color
    ? { red: (s: string) => `\x1b[31m${s}\x1b[39m`, yellow: (s: string) => `\x1b[33m${s}\x1b[39m`, dim: (s: string) => `\x1b[2m${s}\x1b[22m`, bold: (s: string) => `\x1b[1m${s}\x1b[22m` }
    : { red: (s: string) => s, yellow: (s: string) => s, dim: (s: string) => s, bold: (s: string) => s };
  const prefix = options.dir ? `${options.dir.replace(/\/+$/, '')}/` : '';
  const lines: string[] = [];
  for (const entry of entries) {
    const problems = problemsOf(entry, options.errorsOnly);
    if (!problems.length) {
      if (entry.skipped && !entry.outside && options.showSkipped) lines.push(c.dim(`${prefix}${printable(entry.file)}: skipped (${printable(entry.skipped)})`), '');
      continue;
    }
    const verdict = entry.manifest ? '' : entry.loads ? '' : c.red(entry.skipped ? ' — not read' : ' — does not load in Claude Code');
    lines.push(c.bold(`${prefix}${printable(entry.file)}`) + verdict);
    for (const p of problems) {
      const where = `${prefix}${printable(entry.file)}:${p.line}${p.column ? `:${p.column}` : ''}`;
      const label = p.severity === 'error' ? c.red('error') : c.yellow('warning');
      lines.push(`  ${where}: ${label}: ${printable(p.message)} ${c.dim(`[${p.code}]`)}`, `    ${c.dim('fix:')} ${printable(p.fix)}`);
    }
    lines.push('');
  }
  const t = totals(options.summaryOf ?? entries);
  if (t.outside && options.showSkipped) {
    const outside = entries.filter((e) => e.outside);
    const shown = outside.slice(0, 5).map((e) => `${prefix}${printable(e.file)}`).join(', ');
    lines.push(c.dim(`${plural(t.outside, '.md file')} not in any place Claude Code loads agents from, so not agents (skills, commands, READMEs): ${shown}${outside.length > 5 ? `, and ${outside.length - 5} more (--json lists them)` : ''}`), '');
  }
  lines.push(summaryLine(t, c));
  return lines.join('\n');
}

const plain = (s: string) => s;

/** `3 files checked, 2 agents load in Claude Code, 1 error in 1 file, 0 warnings, 1 skipped`: every format ends so. */
export function summaryLine(t: Totals, c: { red: (s: string) => string; yellow: (s: string) => string } = { red: plain, yellow: plain }): string {
  return [
    `${plural(t.files, 'file')} checked`,
    `${plural(t.loading, 'agent')} ${t.loading === 1 ? 'loads' : 'load'} in Claude Code`,
    t.errors ? c.red(`${plural(t.errors, 'error')} in ${plural(t.filesWithErrors, 'file')}`) : '0 errors',
    t.warnings ? c.yellow(plural(t.warnings, 'warning')) : '0 warnings',
    `${t.skipped.toLocaleString('en')} skipped`,
    ...(t.outside ? [`${t.outside.toLocaleString('en')} not agents`] : []),
  ].join(', ');
}
