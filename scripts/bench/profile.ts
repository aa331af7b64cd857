/** Where a build's CPU time went: self time by package or file and by function, from V8 CPU profiles. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './paths.ts';
import { ms } from './print.ts';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
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

/** Self time by area and by function over every profile in `dir`, as lines to print. */
export async function summariseProfiles(dir: string, top = 12): Promise<string[]> {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const name of (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      total += dt;
      const where = area(frame.url, frame.functionName);
      byArea.set(where, (byArea.get(where) ?? 0) + dt);
      const fn = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    });
  }
  const rows = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, t]) => `    ${ms(t).padStart(8)}  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  return [`  CPU profile (${dir}): ${ms(total)} sampled`, '  self time by package / file:', ...rows(byArea), '  self time by function:', ...rows(byFunction)];
}
