/**
 * What Pagefind indexed keeps apart the words a reader sees apart: no two elements' words run together into one
 * ("ai-agentsv1.0.0" from a plugin's name and version laid out side by side), which would show in every excerpt and
 * find neither word. Read from the build's own index files (the page text each result's excerpt is cut from), and
 * checked against where the page lays those elements out.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { currentTarget } from './built-site.ts';
import { expect, test } from './fixtures.ts';

/** Each indexed page's URL (from the site root, without BASE_PATH) and the text Pagefind keeps of it. */
async function indexedPages(outDir: string): Promise<Array<{ url: string; content: string }>> {
  const dir = path.join(outDir, 'pagefind', 'fragment');
  const files = (await readdir(dir)).filter((file) => file.endsWith('.pf_fragment'));
  return Promise.all(
    files.map(async (file) => {
      // A fragment is gzipped JSON after Pagefind's 12-byte signature.
      const json = gunzipSync(await readFile(path.join(dir, file))).toString('utf8').replace(/^pagefind_dcd/, '');
      const { url, content } = JSON.parse(json) as { url: string; content: string };
      return { url, content };
    }),
  );
}

/** A word as the index and a reader tell them apart: between white space, without punctuation at either end. */
const words = (text: string) => text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase()).filter(Boolean);

test("no word in the search index is two elements' words run together", async ({ page }, info) => {
  const { outDir } = currentTarget(info);
  const pages = await indexedPages(outDir);
  expect(pages.length, 'pages in the index').toBeGreaterThan(3);
  test.setTimeout(30_000 + pages.length * 3_000);
  const problems: string[] = [];
  for (const { url, content } of pages) {
    await page.goto(url.replace(/^\//, ''));
    // Two elements with no text between them whose words the page sets apart (a gap between them, or a new line):
    // the last word of one and the first of the next, joined, is what the index must not hold. Elements laid out
    // against each other (`re<strong>view</strong>ed`) are one word to a reader too, and are left alone.
    const joined = await page.evaluate(() => {
      const root = document.querySelector('[data-pagefind-body]') ?? document.body;
      const rects = (node: Node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      };
      const pairs: string[] = [];
      for (const element of root.querySelectorAll('*')) {
        const next = element.nextSibling;
        if (!(next instanceof Element)) continue;
        const [a, b] = [element.textContent ?? '', next.textContent ?? ''];
        if (!a.trim() || !b.trim() || /\s$/.test(a) || /^\s/.test(b)) continue;
        const [last, first] = [rects(element).at(-1), rects(next)[0]];
        if (!last || !first) continue; // not laid out (hidden): nothing to compare with
        const apart = first.left - last.right > 1 || first.top >= last.bottom - 1;
        if (apart) pairs.push(`${a.split(/\s+/).at(-1)}\u0000${b.split(/\s+/)[0]}`);
      }
      return pairs;
    });
    const indexed = new Set(words(content));
    for (const pair of new Set(joined)) {
      const [left, right] = pair.split('\u0000').map((part) => words(part)[0] ?? '');
      // Both halves must be words: a word and a dash beside it ("v1.0.0" "—") run together to the word itself.
      if (!left || !right) continue;
      const word = words(pair.replace('\u0000', ''))[0]!;
      if (indexed.has(word)) problems.push(`${url}: "${word}" (from "${left}" and "${right}")`);
    }
  }
  expect(problems, `words run together in the index of ${pages.length} pages`).toEqual([]);
});
