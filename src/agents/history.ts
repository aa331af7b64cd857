/**
 * Last-change dates from git: one `git log` over the agents folder, newest commit first, so the first commit
 * that names a file is its last change. A file git does not know (untracked, or no repository, or no git at all)
 * is missing from the map and keeps the mtime the loader read.
 *
 * In CI the checkout must have full history (`fetch-depth: 0`): a shallow clone dates every file to its one commit.
 */
import { execFile } from 'node:child_process';

/** Record separator between commits; NUL separates the date and the file names (`-z`). */
const RS = '\x1e';

/**
 * File (relative to `dir`, `/`-separated, as `Agent.file`) → ISO date (UTC) of the last commit that changed it.
 * Empty when `dir` is not in a git repository or git cannot run: never throws.
 */
export function lastChanges(dir: string): Promise<Map<string, string>> {
  const args = [
    '-C', dir,
    // Keep file names verbatim (no octal quoting of non-ASCII), and never page or colour.
    '-c', 'core.quotePath=false',
    'log', '-z', `--format=${RS}%cI`, '--name-only', '--relative', '--no-renames', '--', '.',
  ];
  return new Promise((resolve) => {
    execFile('git', args, { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? new Map() : parseLog(stdout));
    });
  });
}

/** Parses `git log -z --format=<RS>%cI --name-only` output: `RS date \0 \n file \0 file \0 …` per commit. */
export function parseLog(output: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const record of output.split(RS)) {
    const [date, ...files] = record.split('\0');
    const time = Date.parse(date);
    if (Number.isNaN(time)) continue;
    const iso = new Date(time).toISOString();
    for (const name of files) {
      const file = name.replace(/^\n/, '');
      if (file && !dates.has(file)) dates.set(file, iso);
    }
  }
  return dates;
}
