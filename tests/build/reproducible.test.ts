/**
 * Reproducible builds: the same agent files build a byte-identical site twice in a row. Two full `astro build`s
 * into two temp folders, then every file's sha256 is compared (the file lists too). Nothing in the output may
 * depend on the clock, the output path, the order the file system lists files in, or randomness — nor on which
 * thread rendered a page: the first build renders every page on the main thread (BUILD_WORKERS=0), the second
 * hands pages to two render workers (src/integrations/render-pool.ts).
 *
 * Not a unit test (two builds take ~20 s): `node --test tests/build/` after the unit tests.
 * `AGENTS_DIR` picks the input (default: the catalog's agents/ folder).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { close, createIndex } from 'pagefind';
import { pageForSearch } from '../../src/integrations/search-prompt.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const runs = [1, 2].map((n) => path.join(os.tmpdir(), `agent-docs-reproducible-${process.pid}-${n}`));

/**
 * Files allowed to differ between two builds of the same input, each with the reason. Empty: nothing may differ.
 * (Astro's content-hashed asset names, Pagefind's index chunks and the OG PNGs are all functions of their input.)
 */
const MAY_DIFFER: Array<{ pattern: RegExp; why: string }> = [];

function build(outDir: string, workers: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/astro'), ['build', '--outDir', outDir], {
      cwd: ROOT,
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        BUILD_WORKERS: String(workers),
        PATH: [path.join(ROOT, 'node_modules/node/bin'), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
      },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`astro build --outDir ${outDir} exited ${code}:\n${output.slice(-3000)}`))));
  });
}

async function digests(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file).split(path.sep).join('/'), createHash('sha256').update(await readFile(file)).digest('hex'));
  }
  return out;
}

after(async () => {
  for (const dir of runs) await rm(dir, { recursive: true, force: true });
});

test('two builds of the same input are byte-identical', { timeout: 300_000 }, async () => {
  // One after the other: the second build must not see anything the first left behind differently.
  const logs = [await build(runs[0]!, 0), await build(runs[1]!, 2)];
  assert.doesNotMatch(logs[0]!, /rendered by \d+ worker/, 'BUILD_WORKERS=0: no worker');
  const rendered = /(\d+) pages rendered by 2 worker thread\(s\), (\d+) on the main thread/.exec(logs[1]!);
  assert.ok(rendered && Number(rendered[1]) > 0, `the second build had workers render pages:\n${logs[1]!.slice(-2000)}`);
  const [a, b] = await Promise.all(runs.map(digests));
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), 'both builds write the same files');
  const differ = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
  const unexplained = differ.filter((file) => !MAY_DIFFER.some((m) => m.pattern.test(file)));
  assert.deepEqual(unexplained, [], `files that differ between two builds of the same input (${a.size} files compared)`);
  assert.ok(a.size > 20, `a real site was built (${a.size} files)`);
});

test('the search index of the part of each page Pagefind reads is the index of the whole pages', { timeout: 120_000 }, async () => {
  // Each page as written is what the search step got (src/integrations/page-steps.ts: the CSP step runs first).
  const dir = runs[0]!;
  const pages = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
  const htmls = await Promise.all(pages.map((file) => readFile(path.join(dir, file), 'utf8')));
  const indexed = async (whole: boolean) => {
    const { index } = await createIndex({});
    for (const [i, file] of pages.entries()) {
      const { errors } = await index!.addHTMLFile({ sourcePath: file.split(path.sep).join('/'), content: pageForSearch(htmls[i]!, whole) });
      assert.deepEqual(errors, [], file);
    }
    const { files } = await index!.getFiles();
    await index!.deleteIndex();
    return new Map(files.map((f) => [f.path, createHash('sha256').update(f.content).digest('hex')]));
  };
  const [whole, cut] = [await indexed(true), await indexed(false)];
  await close();
  const cutPages = htmls.filter((html) => pageForSearch(html) !== pageForSearch(html, true)).length;
  assert.ok(cutPages > pages.length / 2, `most pages were cut (${cutPages} of ${pages.length})`);
  assert.deepEqual([...cut.keys()].sort(), [...whole.keys()].sort(), 'the same index files');
  assert.deepEqual([...whole].filter(([file, hash]) => cut.get(file) !== hash).map(([file]) => file), [], 'index files that differ');
});
