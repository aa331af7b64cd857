/**
 * No import circle in src/: a module graph read from the sources (static `import … from` and `export … from` of
 * relative paths, in .ts, .mjs and .astro files; `import type` included, since a type circle is still two files that
 * cannot be read apart), then every strongly connected component of more than one file is a failure naming its files.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const EXTENSIONS = ['.ts', '.mjs', '.astro'];

/** Relative specifiers a file imports (or re-exports from); type-only imports too. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  // `import x from '…'`, `import type { X } from '…'`, `export { x } from '…'`, `import '…'`, across lines.
  const pattern = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** A specifier resolved against the importing file: the file it names, with or without its extension. */
function resolve(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))]) {
    if (files.has(candidate)) return candidate;
  }
  return undefined;
}

/** Tarjan's strongly connected components; only those of more than one node (or a node importing itself). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) out.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return out;
}

describe('the module graph of src/', () => {
  test('cycles() finds circles, and only circles', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']], ['f', []]]);
    assert.deepEqual(cycles(graph), [['a', 'b', 'c'], ['e']]);
    assert.deepEqual(importsOf(`import { x } from './x.ts';\nimport type {\n  Y,\n} from '../y';\nexport * from './z.ts';\nimport 'node:fs';\nimport a from 'astro:content';`), ['./x.ts', '../y', './z.ts']);
  });
  test('has no import circle', () => {
    const files = new Set(
      readdirSync(SRC, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && EXTENSIONS.includes(path.extname(e.name)))
        .map((e) => path.join(e.parentPath, e.name)),
    );
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      // In .astro files, imports live in the frontmatter and in <script> blocks: the whole text is read.
      graph.set(file, importsOf(source).flatMap((s) => resolve(file, s, files) ?? []));
    }
    const found = cycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)).join(' → '));
    assert.deepEqual(found, [], `import circles:\n${found.join('\n')}`);
  });
});
