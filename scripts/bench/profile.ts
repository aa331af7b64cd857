/**
 * Where a build's CPU time went, from V8 CPU profiles (one per thread: the build's main thread, the card worker).
 * Pagefind's own process is not profiled: its CPU time is in the process tree's figure (run.ts).
 *
 * - Each thread's busy time.
 * - Time by group: the project's folders, Astro, Vite and rolldown, Pagefind's Node API, markdown-it, the cards, the
 *   garbage collector (profile-source.ts). Self time counts native code and Node's internals to the JavaScript that
 *   called them (writing a file is the cost of whoever writes it); inclusive time counts every group on the stack.
 * - The main thread by phase of the build (startup, content sync, bundling, page generation, the rest), told apart by
 *   Astro's log lines, as parsePhases (build.ts) does.
 * - Self time by source and by function, and the time inside each of the project's own functions with what they
 *   call (self time alone shows the garbage collector, native code and markdown-it, not which step asked for them).
 *
 * Asynchronous code is sampled without the stack that started it: a page's rendering continued from a promise is
 * counted to Astro's renderer and its callees, not to the route that asked for it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ms } from './print.ts';
import { frameSources, isInternal, sourceGroup, type CallFrame } from './profile-source.ts';
import type { Line } from './run.ts';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type Tally = Map<string, number>;
const add = (tally: Tally, key: string, dt: number) => tally.set(key, (tally.get(key) ?? 0) + dt);

/** What one sample tells, worked out once per profile node. */
interface Frame {
  source: string;
  /** `name source:line`, the project's functions only. */
  fn: string;
  project: boolean;
  /** The source its self time counts to: its own, or its nearest JavaScript caller's when it is native or internal. */
  counted: string;
  /** Groups and project functions on its stack, each once. */
  groups: string[];
  projectFns: string[];
}

function framesOf(profile: CpuProfile, sourceOf: (frame: CallFrame) => string): Map<number, Frame> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map<number, Frame>();
  const frame = (id: number): Frame => {
    const known = frames.get(id);
    if (known) return known;
    const { callFrame } = byId.get(id)!;
    const source = sourceOf(callFrame);
    const project = source.startsWith('src/') || source.startsWith('scripts/');
    const fn = `${callFrame.functionName || '(anonymous)'} ${source}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    const up = parent.has(id) ? frame(parent.get(id)!) : undefined;
    const group = sourceGroup(source);
    const made: Frame = {
      source,
      fn,
      project,
      counted: isInternal(source) && up && up.counted !== '(root)' ? up.counted : source,
      // V8's buckets and Node's internals are part of whoever called them, not a group of their own on the stack.
      groups: up && (isInternal(source) || source === '(root)' || up.groups.includes(group)) ? up.groups : up ? [...up.groups, group] : [],
      projectFns: up ? (project && !up.projectFns.includes(fn) ? [...up.projectFns, fn] : up.projectFns) : project ? [fn] : [],
    };
    frames.set(id, made);
    return made;
  };
  for (const node of profile.nodes) frame(node.id);
  return frames;
}

/** The build's phases on the profile's clock (ms since the main thread's profile began), from its log lines. */
function phaseBounds(lines: Line[]): Array<[string, number]> {
  const at = (pattern: RegExp, from = 0) => lines.slice(from).find((line) => pattern.test(line.text))?.at;
  const generating = lines.findIndex((line) => /generating static routes/.test(line.text));
  const bounds: Array<[string, number | undefined]> = [
    ['startup (Node, Astro, config)', 0],
    ['content sync', at(/\[content\] Syncing content/)],
    ['types and bundling (Vite)', at(/\[content\] Synced content/)],
    ['page generation', generating >= 0 ? lines[generating]!.at : undefined],
    ['after the pages (Pagefind writing, build:done)', generating >= 0 ? at(/✓ Completed in/, generating) : undefined],
  ];
  return bounds.filter((b): b is [string, number] => b[1] !== undefined);
}

export interface SummaryOptions {
  top?: number;
  /** The build's output lines, to split the main thread's time into phases. */
  lines?: Line[];
}

/** The summary of every profile in `dir` (and the prerender bundle's source maps in `dir/prerender`, when kept). */
export async function summariseProfiles(dir: string, options: SummaryOptions = {}): Promise<string[]> {
  const top = options.top ?? 12;
  const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.cpuprofile')).sort();
  const sourceOf = frameSources(path.join(dir, 'prerender'));
  const selfGroup: Tally = new Map();
  const inclusiveMain: Tally = new Map();
  const selfSource: Tally = new Map();
  const selfFn: Tally = new Map();
  const inside: Tally = new Map();
  const out: string[] = [];
  let total = 0;
  let mainBusy = 0;
  let phaseLines: string[] = [];
  const profiles = await Promise.all(names.map(async (name) => ({ name, profile: JSON.parse(await readFile(path.join(dir, name), 'utf8')) as CpuProfile })));
  // The main thread's profile starts first; workers start later.
  profiles.sort((a, b) => a.profile.startTime - b.profile.startTime);
  for (const [index, { name, profile }] of profiles.entries()) {
    const frames = framesOf(profile, sourceOf);
    const main = index === 0;
    const bounds = main && options.lines ? phaseBounds(options.lines) : [];
    const phases = bounds.map(([label]) => ({ label, busy: 0, span: 0, groups: new Map() as Tally }));
    let busy = 0;
    let time = profile.startTime;
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      time += profile.timeDeltas[i] ?? 0;
      const frame = frames.get(id)!;
      if (frame.source === '(idle)') return;
      busy += dt;
      const group = sourceGroup(frame.counted);
      add(selfGroup, `${main ? 'main' : 'other'}\0${group}`, dt);
      add(selfSource, frame.counted, dt);
      add(selfFn, frame.fn, dt);
      for (const fn of frame.projectFns) add(inside, fn, dt);
      if (main) for (const g of frame.groups) add(inclusiveMain, g, dt);
      const elapsed = (time - profile.startTime) / 1000;
      const phase = bounds.findLastIndex(([, from]) => from <= elapsed);
      if (phase >= 0) {
        phases[phase]!.busy += dt;
        add(phases[phase]!.groups, group, dt);
      }
    });
    total += busy;
    if (main) mainBusy = busy;
    out.push(`    ${main ? 'main thread' : `thread ${index}`} (${name}): ${ms((profile.endTime - profile.startTime) / 1000)} span, ${ms(busy)} busy`);
    if (main) {
      const end = (profile.endTime - profile.startTime) / 1000;
      phaseLines = phases.map((phase, i) => {
        const span = (bounds[i + 1]?.[1] ?? end) - bounds[i]![1];
        const groups = [...phase.groups].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([g, t]) => `${g} ${((t / (phase.busy || 1)) * 100).toFixed(0)}%`);
        return `    ${phase.label}: ${ms(span)} span, ${ms(phase.busy)} busy — ${groups.join(', ')}`;
      });
    }
  }
  const pct = (t: number, whole = total) => `${((t / whole) * 100).toFixed(1).padStart(5)}%`;
  const rows = (tally: Tally, n = top, whole = total) => [...tally].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, t]) => `    ${ms(t).padStart(8)}  ${pct(t, whole)}  ${key}`);
  const groups = new Map<string, { main: number; other: number }>();
  for (const [key, t] of selfGroup) {
    const [thread, group] = key.split('\0') as ['main' | 'other', string];
    const entry = groups.get(group) ?? { main: 0, other: 0 };
    entry[thread] += t;
    groups.set(group, entry);
  }
  const groupRows = [...groups]
    .sort((a, b) => b[1].main + b[1].other - (a[1].main + a[1].other))
    .map(([group, { main, other }]) => `    ${ms(main + other).padStart(8)}  ${pct(main + other)}  ${group}${other ? ` (main thread ${ms(main)}, other threads ${ms(other)})` : ''}`);
  return [
    `  CPU profile (${dir}): ${ms(total)} busy over ${names.length} thread${names.length === 1 ? '' : 's'}; Pagefind's process is not profiled`,
    ...out,
    '  self time by group (native code and Node internals counted to their JavaScript caller):',
    ...groupRows,
    '  main thread, inclusive time by group (each group on the stack, once; % of the main thread\'s busy time):',
    ...rows(inclusiveMain, 20, mainBusy),
    ...(phaseLines.length ? ['  main thread by phase:', ...phaseLines] : []),
    '  self time by source (native code and Node internals counted to their JavaScript caller):',
    ...rows(selfSource, 2 * top),
    '  self time by function:',
    ...rows(selfFn),
    "  time inside the project's functions (with what they call):",
    ...rows(inside, 2 * top),
  ];
}
