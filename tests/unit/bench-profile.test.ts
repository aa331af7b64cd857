/**
 * Where the bench's profile summary (`npm run bench -- --cpu-prof`) puts a function: its source (a project file, a
 * package, V8's buckets), traced through the prerender bundle's source maps, and the group it is added up in.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../../scripts/bench/paths.ts';
import { decodeMappings, frameSources, moduleName, sourceGroup } from '../../scripts/bench/profile-source.ts';

describe('profile sources', () => {
  test('source map mappings: per line, each segment’s column and source index (relative fields, VLQ)', () => {
    const rows: Array<[string, Array<Array<[number, number]>>]> = [
      ['AAAA,EAAC;AACA', [[[0, 0], [2, 0]], [[0, 0]]]],
      // The source index carries over from line to line; D is -1.
      ['AAAA,ECAA;ADAA', [[[0, 0], [2, 1]], [[0, 0]]]],
      // A two-digit VLQ (gB = 16); a segment of one field maps nothing; an empty line.
      ['gBAAA,C;;', [[[16, 0]], [], []]],
    ];
    for (const [mappings, expected] of rows) assert.deepEqual(decodeMappings(mappings), expected, mappings);
  });

  test('a file is the project’s (relative to the root) or a package’s (the innermost node_modules)', () => {
    const rows: Array<[string, string]> = [
      ['/x/node_modules/astro/dist/core/a.js', 'pkg:astro'],
      ['/x/node_modules/@astrojs/mdx/node_modules/vfile/index.js', 'pkg:vfile'],
      ['/x/node_modules/@rolldown/binding/index.js', 'pkg:@rolldown/binding'],
      [path.join(ROOT, 'src/agents/not-a-file.ts'), 'src/agents/not-a-file.ts'],
      ['\0virtual:astro:middleware', 'pkg:astro'],
    ];
    for (const [file, expected] of rows) assert.equal(moduleName(file), expected, file);
  });

  test('groups: our folders, the cards, Astro, Vite and rolldown, Pagefind, markdown-it, GC, and the rest', () => {
    const rows: Array<[string, string]> = [
      ['src/agents/index.ts', 'ours: src/agents'],
      ['src/components/AgentCard.astro', 'ours: src/components'],
      ['src/og/png.ts', 'ours: link-preview cards (src/og)'],
      ['src/middleware.ts', 'ours: src/middleware.ts'],
      ['src/settings.ts', 'ours: src (other files)'],
      ['pkg:astro', 'Astro'],
      ['pkg:@astrojs/mdx', 'Astro'],
      ['pkg:rolldown', 'Vite and rolldown'],
      ['pkg:vite', 'Vite and rolldown'],
      ['pkg:pagefind', 'Pagefind (its Node API, in this process)'],
      ['pkg:markdown-it', 'markdown-it'],
      ['pkg:yaml', 'frontmatter and YAML packages'],
      ['pkg:zod', 'other packages'],
      ['(garbage collector)', 'garbage collector'],
      ['(native)', 'Node and V8, no JavaScript caller (I/O callbacks, microtasks)'],
      ['.prerender/chunks/x.mjs', 'prerender bundle (no source map)'],
    ];
    for (const [source, expected] of rows) assert.equal(sourceGroup(source), expected, source);
  });

  test('a function of the prerender bundle is traced to its source through the kept copy’s map', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-profile-'));
    try {
      // The bundle was written to <out>/.prerender/chunks/; the copy is elsewhere, and sources are relative to the first.
      const written = path.join(dir, 'dist', '.prerender', 'chunks');
      const kept = path.join(dir, 'kept');
      await mkdir(path.join(kept, 'chunks'), { recursive: true });
      const sources = [path.relative(written, path.join(ROOT, 'src/site/facets.ts')), path.relative(written, '/y/node_modules/astro/dist/runtime/render.js')];
      await writeFile(path.join(kept, 'chunks', 'a.mjs.map'), JSON.stringify({ version: 3, sources, mappings: 'AAAA,ECAA;;ADAA' }));
      const sourceOf = frameSources(kept);
      const frame = (lineNumber: number, columnNumber: number) => ({ functionName: 'f', url: `file://${written}/a.mjs`, lineNumber, columnNumber });
      assert.equal(sourceOf(frame(0, 0)), 'src/site/facets.ts');
      assert.equal(sourceOf(frame(0, 5)), 'pkg:astro');
      // A line without segments continues the line before.
      assert.equal(sourceOf(frame(1, 3)), 'pkg:astro');
      assert.equal(sourceOf(frame(2, 0)), 'src/site/facets.ts');
      // No map for the file: named as the bundle's.
      assert.equal(sourceOf({ ...frame(0, 0), url: `file://${written}/b.mjs` }), '.prerender/chunks/b.mjs');
      assert.equal(sourceOf({ functionName: '(garbage collector)', url: '', lineNumber: -1, columnNumber: -1 }), '(garbage collector)');
      assert.equal(sourceOf({ functionName: 'readFile', url: 'node:fs', lineNumber: 1, columnNumber: 1 }), '(node internals)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
