/**
 * `npm run check [-- --json] [DIR]`: lint a folder of Claude Code agent files. Usable in any repo's CI.
 * Exit 1 when any file has an error (Claude Code would not load it), 2 on bad usage.
 */
import path from 'node:path';
import { loadCatalog } from '../src/agents/index.ts';
import { formatText, reportEntries } from '../src/agents/report.ts';

const USAGE = 'usage: npm run check [-- [--json] [--quiet] [DIR]]   (DIR defaults to AGENTS_DIR, else agents/)';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quiet = args.includes('--quiet');
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a.startsWith('-') && !['--json', '--quiet'].includes(a));
const dirs = args.filter((a) => !a.startsWith('-'));
if (unknown.length || dirs.length > 1) {
  console.error(`check: ${unknown.length ? `unknown option ${unknown[0]}` : 'give one folder'}\n${USAGE}`);
  process.exit(2);
}
const dirArg = dirs[0] ?? process.env.AGENTS_DIR ?? 'agents';
const dir = path.resolve(dirArg);
const maxFileBytes = process.env.AGENTS_MAX_FILE_BYTES ? Number(process.env.AGENTS_MAX_FILE_BYTES) : undefined;

let entries;
try {
  entries = reportEntries(await loadCatalog(dir, { maxFileBytes, render: false }));
} catch (error) {
  console.error(`check: ${(error as Error).message}`);
  process.exit(2);
}

if (json) {
  process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
} else {
  console.log(formatText(quiet ? entries.filter((e) => e.errors.length) : entries, { dir: dirArg, color: process.stdout.isTTY && !process.env.NO_COLOR, showSkipped: !quiet, summaryOf: entries }));
}
process.exitCode = entries.some((e) => e.errors.length) ? 1 : 0;
