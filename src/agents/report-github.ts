/**
 * The check report for GitHub Actions: one workflow command per problem, which GitHub shows as an annotation on the
 * file's line (in the run and on the pull request's diff), and a Markdown table for the job's step summary.
 * Entries' paths must already be relative to the repository root (`fromRoot` in report.ts).
 */
import { plural, problemsOf, summaryLine, totals, type ReportEntry } from './report.ts';
import { visible } from './text.ts';

/** A command's message: `%`, CR and LF are escaped, as @actions/core's `escapeData` does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value (`file=`, `title=`): also `:` and `,`, which end the property list or a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows this many annotations of each level per step; the others are only in the log. */
export const ANNOTATIONS_SHOWN_PER_STEP = 10;

/**
 * `::error file=…,line=…,col=…,title=code::message` (`::warning` for warnings) for every problem, then the summary
 * line. A problem with the file as a whole (line 0) annotates the file without a line. Skipped documentation files
 * and files outside every agents location are not problems and get no annotation.
 */
export function formatGithub(entries: ReportEntry[]): string {
  const lines: string[] = [];
  for (const entry of entries) {
    for (const p of problemsOf(entry)) {
      const properties = [
        `file=${escapeProperty(entry.file)}`,
        ...(p.line > 0 ? [`line=${p.line}`] : []),
        ...(p.line > 0 && p.column ? [`col=${p.column}`] : []),
        `title=${escapeProperty(p.code)}`,
      ];
      lines.push(`::${p.severity} ${properties.join(',')}::${escapeData(`${visible(p.message)}\nFix: ${visible(p.fix)}`)}`);
    }
  }
  const t = totals(entries);
  lines.push(`agent-docs: ${summaryLine(t)}`);
  if (t.errors > ANNOTATIONS_SHOWN_PER_STEP || t.warnings > ANNOTATIONS_SHOWN_PER_STEP) {
    lines.push(`GitHub shows the first ${ANNOTATIONS_SHOWN_PER_STEP} errors and ${ANNOTATIONS_SHOWN_PER_STEP} warnings of a step as annotations; the step summary lists every problem.`);
  }
  return lines.join('\n');
}

/** Rows of the step summary beyond this are counted, not listed (a step summary holds at most 1 MiB). */
export const SUMMARY_ROWS = 500;

/**
 * Text for a Markdown table cell: backtick code spans are kept (messages name fields so), everything else has its
 * Markdown and HTML characters escaped; `|` is escaped everywhere, inside code spans too, as GitHub's tables need.
 */
export function markdownCell(text: string): string {
  const parts = visible(text.replace(/\r?\n/g, ' ')).split(/(`[^`]*`)/);
  return parts
    .map((part, i) => (i % 2 ? part.replace(/\|/g, '\\|') : part.replace(/[\\`*_[\]<>|&~#]/g, '\\$&')))
    .join('');
}

/** Text as one code span (a path, a code), with a fence longer than any run of backticks in it. */
function codeSpan(text: string): string {
  const shown = visible(text.replace(/\r?\n/g, ' '));
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const inner = shown.replace(/\|/g, '\\|');
  return longest ? `${fence} ${inner} ${fence}` : `${fence}${inner}${fence}`;
}

/** The step summary: a heading with the verdict, the summary line, and a table of every problem with its fix. */
export function formatStepSummary(entries: ReportEntry[]): string {
  const t = totals(entries);
  const verdict = t.errors
    ? `${plural(t.errors, 'error')} in ${plural(t.filesWithErrors, 'file')}`
    : t.warnings
      ? `no errors, ${plural(t.warnings, 'warning')}`
      : 'no problems';
  const lines = [`### Agent files: ${verdict}`, '', summaryLine(t), ''];
  const rows: string[] = [];
  let problems = 0;
  for (const entry of entries) {
    const loads = entry.manifest ? 'manifest' : entry.skipped ? 'not read' : entry.loads ? 'yes' : '**no**';
    for (const p of problemsOf(entry)) {
      problems++;
      if (rows.length >= SUMMARY_ROWS) continue;
      const where = `${entry.file}${p.line > 0 ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
      rows.push(`| ${codeSpan(where)} | ${loads} | **${p.severity}** ${markdownCell(p.message)} (${codeSpan(p.code)}) | ${markdownCell(p.fix)} |`);
    }
  }
  if (rows.length) {
    lines.push('| File | Loads | Problem | Fix |', '| --- | --- | --- | --- |', ...rows, '');
    if (problems > rows.length) lines.push(`…and ${problems - rows.length} more: run \`npm run check\` on the folder to see them all.`, '');
  }
  return `${lines.join('\n')}\n`;
}
