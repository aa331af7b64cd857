/** Running a child process and watching it: output lines with their times, wall and CPU time, peak memory. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const TIME = '/usr/bin/time';

export interface Line {
  /** ms since the child started, when the line arrived. */
  at: number;
  text: string;
}

export interface RunResult {
  code: number;
  wallMs: number;
  lines: Line[];
  stdout: string;
  /** From /usr/bin/time, when the machine has it. */
  cpuMs?: number;
  maxRss?: number;
  /** Process-tree RSS, sampled from /proc every 100 ms (Linux). */
  treePeak?: number;
  /**
   * CPU time (user + sys) of every process in the tree, sampled from /proc every 100 ms (Linux): unlike
   * /usr/bin/time's figure it counts processes nobody waits for (Pagefind's, which its Node API leaves to exit on its
   * own), less what each process spends after its last sample.
   */
  treeCpuMs?: number;
}

/** /usr/bin/time's `-f '%e %U %S %M'` line (the last line of its output file; TIMEFMT may add fields after these). */
export function parseTime(text: string): { cpuMs: number; maxRss: number } | undefined {
  const figures = text.trim().split('\n').pop()?.split(' ').slice(0, 4).map(Number);
  if (figures?.length !== 4 || !figures.every(Number.isFinite)) return undefined;
  return { cpuMs: (figures[1]! + figures[2]!) * 1000, maxRss: figures[3]! * 1024 };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux whatever the kernel's own rate). */
const TICKS_PER_SECOND = 100;

/** `/proc/<pid>/stat`: the parent and the CPU time used so far (utime + stime). The name in parentheses may hold anything. */
export function parseProcStat(text: string): { ppid: number; cpuMs: number } {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields from the state on: state, ppid, … utime (14th of the line) and stime (15th).
  return { ppid: Number(fields[1]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
}

/**
 * Peak RSS of a process tree (the sum over live descendants, sampled, and the largest single VmHWM seen) and its CPU
 * time (each process's last sampled utime + stime, summed over every process seen in the tree).
 */
function watchTree(rootPid: number, everyMs = 100): () => { tree: number; process: number; cpuMs: number } | undefined {
  if (!existsSync('/proc/self/status')) return () => undefined;
  let tree = 0;
  let single = 0;
  const cpu = new Map<number, number>();
  const kb = (status: string, key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  const sample = () => {
    const children = new Map<number, number[]>();
    const used = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const { ppid, cpuMs } = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
        children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
        used.set(Number(name), cpuMs);
      } catch {
        // The process ended between readdir and read.
      }
    }
    let sum = 0;
    for (const queue = [rootPid]; queue.length; ) {
      const pid = queue.pop()!;
      queue.push(...(children.get(pid) ?? []));
      if (used.has(pid)) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, used.get(pid)!));
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        sum += kb(status, 'VmRSS');
        single = Math.max(single, kb(status, 'VmHWM'));
      } catch {
        // Gone.
      }
    }
    tree = Math.max(tree, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    return { tree: Math.max(tree, single), process: single, cpuMs: [...cpu.values()].reduce((a, b) => a + b, 0) };
  };
}

/**
 * Runs `command` (under /usr/bin/time when present, for CPU time and peak RSS), timestamps every output line as it
 * arrives, and samples the tree's memory. Never rejects: a command that cannot start has code 127.
 */
export async function runWatched(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; echo?: (line: Line) => void; dir: string; cwd?: string },
): Promise<RunResult> {
  const timeFile = path.join(options.dir, `time-${process.hrtime.bigint()}.txt`);
  const timed = existsSync(TIME);
  // TIMEFMT adds fields after the four read here (e.g. "%e %U %S %M %R %c": page faults, context switches).
  const [file, argv] = timed ? [TIME, ['-f', process.env.TIMEFMT ?? '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stopWatching = child.pid ? watchTree(child.pid) : () => undefined;
  const lines: Line[] = [];
  const chunks: Buffer[] = [];
  const split = (stream: NodeJS.ReadableStream, keep: boolean) => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      if (keep) chunks.push(chunk);
      const at = performance.now() - started;
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const text of parts) {
        const line = { at, text: text.replace(/\x1b\[[\d;]*m/g, '') }; // eslint-disable-line no-control-regex
        lines.push(line);
        options.echo?.(line);
      }
    });
  };
  split(child.stdout!, true);
  split(child.stderr!, false);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (status, signal) => resolve(signal ? 1 : (status ?? 1)));
  });
  const wallMs = performance.now() - started;
  const memory = stopWatching();
  const result: RunResult = { code, wallMs, lines, stdout: Buffer.concat(chunks).toString('utf8'), treePeak: memory?.tree, treeCpuMs: memory?.cpuMs };
  const time = timed ? parseTime(await readFile(timeFile, 'utf8').catch(() => '')) : undefined;
  return time ? { ...result, ...time } : result;
}
