/**
 * Agent files as the Starlight peer's pages (scripts/bench/peer-convert.ts, a port of the peer recipe's convert.py):
 * the bench's comparison holds only when both builds publish the same agents.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { agentToPage, convertCatalog, strip } from '../../scripts/bench/peer-convert.ts';

describe('agent files as Starlight pages (the peer converts what this project builds)', () => {
  const page = (title: string, summary: string, rest: string) => `---\ntitle: ${JSON.stringify(title)}\ndescription: ${JSON.stringify(summary)}\n---\n\n${rest}`;
  const rows: Array<[string, string, string | undefined]> = [
    // Claude Code's one-line form, literal \n in the description; the body's `<` and `{` escaped. (The recipe strips
    // `|` and `>` off both ends of the description, for block scalars: the last example's `>` goes too.)
    [
      '---\nname: a-one\ndescription: Use it to test. Then more.\\n\\n<example>x</example>\nmodel: opus\n---\n\nYou are {x} <b>.\n',
      'x',
      page('a-one', 'Use it to test', 'Use it to test. Then more.\n\n&lt;example>x&lt;/example\n\n\nYou are &#123;x} &lt;b>.\n'),
    ],
    // Double-quoted, with quotes around the name too.
    ['---\nname: "b-two"\ndescription: "Reviews code."\ncolor: red\n---\nBody\n', 'x', page('b-two', 'Reviews code.', 'Reviews code.\n\nBody\n')],
    // A block scalar: the `|` goes, its lines stay as written.
    ['---\nname: c\ndescription: |\n  First line. Second.\n  More\ntools: Read\n---\nB', 'x', page('c', 'First line', 'First line. Second.\n  More\n\nB')],
    // No name: the file's; no description: empty. CRLF line ends.
    ['---\r\nmodel: haiku\r\n---\r\nBody', 'fallback', page('fallback', '', '\n\nBody')],
    // The summary is cut at 200 characters (code points).
    [`---\nname: d\ndescription: ${'é'.repeat(250)}\n---\n`, 'x', page('d', 'é'.repeat(200), `${'é'.repeat(250)}\n\n`)],
    // No frontmatter: no page.
    ['# Just markdown\n', 'x', undefined],
    ['---\nname: unterminated\n', 'x', undefined],
  ];
  for (const [text, fallback, expected] of rows) test(JSON.stringify(text.slice(0, 50)), () => assert.equal(agentToPage(text, fallback), expected));

  test('strip takes the given characters off both ends only', () => {
    assert.deepEqual([strip('"|a|"', '"|'), strip('>>', '>'), strip('a"b', '"')], ['a', '', 'a"b']);
  });

  test('a catalog: every .md file at its relative path under agents/, the index page, files without frontmatter named', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-peer-'));
    try {
      const agents = path.join(dir, 'agents');
      await mkdir(path.join(agents, 'cat/sub'), { recursive: true });
      await writeFile(path.join(agents, 'top.md'), '---\nname: top\n---\nT');
      await writeFile(path.join(agents, 'cat/sub/deep.md'), '---\nname: deep\ndescription: Deep.\n---\nD');
      await writeFile(path.join(agents, 'cat/plain.md'), 'no frontmatter');
      await writeFile(path.join(agents, 'cat/notes.txt'), '---\nname: not an agent\n---\n');
      const docs = path.join(dir, 'docs');
      assert.deepEqual(await convertCatalog(agents, docs), { pages: 2, skipped: ['cat/plain.md'] });
      assert.equal(await readFile(path.join(docs, 'agents/cat/sub/deep.md'), 'utf8'), page('deep', 'Deep.', 'Deep.\n\nD'));
      assert.match(await readFile(path.join(docs, 'index.md'), 'utf8'), /^---\ntitle: Agents\n---\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
