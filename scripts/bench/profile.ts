/**
 * Where a build's CPU time went, from V8 CPU profiles (one per thread: the build's main thread, the card worker):
 * each thread's busy time, self time by package or file and by function, and the time inside each of the project's
 * own functions with what they call (self time alone shows the garbage collector, native code and markdown-it, not
 * which step of the build asked for them).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './paths.ts';
import { ms } from './print.ts';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a sampled function lives: an npm package, a project file, or V8's buckets. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
  if (pkg) return pkg[1];
  if (file.startsWith('node:')) return 'node internals';
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file;
}

/**
 * The project's own code: its files, and the prerender bundle the build compiles from them (pages, components,
 * middleware), whose chunks sit in the output folder's .prerender/.
 */
function projectArea(where: string): string | undefined {
  if (where.startsWith('src/') || where.startsWith('scripts/')) return where;
  const prerender = where.indexOf('/.prerender/');
  return prerender >= 0 ? where.slice(prerender + 1) : undefined;
}

/** Self time by area and by function, and time inside the project's functions, over every profile in `dir`. */
export async function summariseProfiles(dir: string, top = 12): Promise<string[]> {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inside = new Map<string, number>();
  const threads: string[] = [];
  let total = 0;
  const add = (map: Map<string, number>, key: string, dt: number) => map.set(key, (map.get(key) ?? 0) + dt);
  for (const name of (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.cpuprofile')).sort()) {
    const profile = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as CpuProfile;
    const frames = new Map<number, { fn: string; where: string; project?: string }>();
    const parents = new Map<number, number>();
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = area(url, functionName);
      const project = projectArea(where);
      frames.set(node.id, { fn: `${functionName || '(anonymous)'} ${project ?? where}${url ? `:${lineNumber + 1}` : ''}`, where, project });
      for (const child of node.children ?? []) parents.set(child, node.id);
    }
    let idle = 0;
    let sampled = 0;
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id)!;
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      sampled += dt;
      if (frame.where === '(idle)') idle += dt;
      add(byArea, frame.where, dt);
      add(byFunction, frame.fn, dt);
      // Each project function on the stack once (recursion would count a sample twice).
      const counted = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
        const { fn, project } = frames.get(at)!;
        if (project && !counted.has(fn)) counted.add(fn) && add(inside, fn, dt);
      }
    });
    total += sampled;
    threads.push(`    ${name}: ${ms((profile.endTime - profile.startTime) / 1000)} span, ${ms(sampled - idle)} busy`);
  }
  const rows = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, t]) => `    ${ms(t).padStart(8)}  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  return [
    `  CPU profile (${dir}): ${ms(total)} sampled`,
    ...threads,
    '  self time by package / file:',
    ...rows(byArea),
    '  self time by function:',
    ...rows(byFunction),
    "  time inside the project's functions (with what they call):",
    ...rows(inside),
  ];
}
