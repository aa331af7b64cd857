/**
 * Where a function in a V8 CPU profile comes from: one of the project's files, an npm package, or one of V8's own
 * buckets (the garbage collector, native code, Node's internals). Functions of Astro's prerender bundle (the pages,
 * the components and what they import, Astro's runtime among them, compiled into `<outDir>/.prerender/chunks/`) are
 * traced back through the bundle's source maps when the build kept them (build.ts does with --cpu-prof); and every
 * source falls in one of a few groups the profile summary adds up (profile.ts).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.ts';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A source map's `mappings`, only as far as this needs: per generated line, [column, source index] by column. */
export function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: Array<[number, number]> = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      // Every field is relative to the previous segment's, the source index across lines too.
      if (fields.length > 1) {
        source += fields[1]!;
        segments.push([column, source]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** A file's name for the summary: `src/…` for the project's, `pkg:<name>` for a package's. */
export function moduleName(file: string): string {
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
  if (pkg) return `pkg:${pkg[1]}`;
  if (file.includes('virtual:') || file.includes('\0')) return file.includes('astro') ? 'pkg:astro' : 'virtual module';
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // Gone (a bench folder's link): the path as written.
  }
  return real.startsWith(ROOT + path.sep) ? path.relative(ROOT, real) : real;
}

interface LoadedMap {
  sources: string[];
  lines: Array<Array<[number, number]>>;
}

/** Names the source of each profile frame; `prerender` is the kept copy of the prerender bundle, when there is one. */
export function frameSources(prerender?: string): (frame: CallFrame) => string {
  const maps = new Map<string, LoadedMap | undefined>();
  const load = (url: string, rel: string): LoadedMap | undefined => {
    if (!maps.has(rel)) {
      const file = prerender && path.join(prerender, rel);
      let map: LoadedMap | undefined;
      if (file && existsSync(`${file}.map`)) {
        const json = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
        // Sources are relative to where the bundle was written, not to the copy.
        const dir = path.dirname(url.replace(/^file:\/\//, ''));
        map = { sources: json.sources.map((source) => path.resolve(dir, source)), lines: decodeMappings(json.mappings) };
      }
      maps.set(rel, map);
    }
    return maps.get(rel);
  };
  const named = new Map<string, string>();
  const name = (file: string) => named.get(file) ?? named.set(file, moduleName(file)).get(file)!;
  return (frame) => {
    const { url, functionName } = frame;
    if (!url) return functionName.startsWith('(') && functionName !== '(anonymous)' ? functionName : '(native)';
    if (url.startsWith('node:')) return '(node internals)';
    const at = url.indexOf('/.prerender/');
    if (at < 0) return name(decodeURIComponent(url.replace(/^file:\/\//, '')));
    const rel = url.slice(at + '/.prerender/'.length);
    const map = load(url, rel);
    if (!map) return `.prerender/${rel}`;
    // The segment at or before the function's start; a line without one continues the line before.
    let found: [number, number] | undefined;
    for (const segment of map.lines[frame.lineNumber] ?? []) if (segment[0] <= frame.columnNumber) found = segment;
    for (let line = frame.lineNumber - 1; !found && line >= 0; line--) found = map.lines[line]?.at(-1);
    return found ? name(map.sources[found[1]]!) : `.prerender/${rel}`;
  };
}

/** V8's buckets and Node's internals: their time belongs to the JavaScript that called them. */
export const isInternal = (source: string) => source === '(native)' || source === '(node internals)' || source === '(program)';

const GROUPS: Array<[RegExp, string]> = [
  [/^\(garbage collector\)$/, 'garbage collector'],
  [/^\((native|node internals|program|root)\)$/, 'Node and V8, no JavaScript caller (I/O callbacks, microtasks)'],
  [/^src\/og\//, 'ours: link-preview cards (src/og)'],
  [/^src\/middleware\.ts$/, 'ours: src/middleware.ts'],
  [/^src\/(agents|site|integrations|pages|components|layouts|scripts)\//, 'ours: src/$1'],
  [/^src\//, 'ours: src (other files)'],
  [/^pkg:(astro|@astrojs\/.*)$/, 'Astro'],
  [/^pkg:(vite|rolldown|@rolldown\/.*|esbuild|lightningcss|@oxc-.*|postcss)$/, 'Vite and rolldown'],
  [/^pkg:pagefind$/, 'Pagefind (its Node API, in this process)'],
  [/^pkg:(markdown-it|mdurl|linkify-it|uc\.micro|entities|punycode\.js)$/, 'markdown-it'],
  [/^pkg:(gray-matter|yaml|js-yaml)$/, 'frontmatter and YAML packages'],
  [/^pkg:/, 'other packages'],
  [/^\.prerender\//, 'prerender bundle (no source map)'],
];

/** The group a source belongs to in the summary (our folders, Astro, Vite and rolldown, Pagefind, the cards, GC…). */
export function sourceGroup(source: string): string {
  for (const [pattern, group] of GROUPS) {
    const match = pattern.exec(source);
    if (match) return group.replace('$1', match[1] ?? '');
  }
  return 'other';
}
