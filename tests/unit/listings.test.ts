/**
 * The listings' pure parts: distinct slugs for category and plugin pages, the home page's one line per tile, and
 * the filters' matching (src/scripts/filter-match.ts), which cards on a page and rows from rows.json share.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { namesLine, slugify, uniqueSlugs } from '../../src/site/format.ts';
import { match, words, type Entry } from '../../src/scripts/filter-match.ts';
import { layoutCard } from '../../src/og/layout.ts';
import { listingCard } from '../../src/og/card.ts';

describe('category and plugin slugs', () => {
  const cases: Array<[string[], string[]]> = [
    [['security', 'Data & AI', 'data-ai', 'DATA AI'], ['security', 'data-ai', 'data-ai-2', 'data-ai-3']],
    [['01-core', 'Ünïcode Tools', '!!!'], ['01-core', 'unicode-tools', 'x']],
    [['a', 'a', 'A'], ['a', 'a', 'a-2']],
  ];
  for (const [names, slugs] of cases) {
    test(`${JSON.stringify(names)} → ${JSON.stringify(slugs)}`, () => {
      const map = uniqueSlugs(names);
      assert.deepEqual(names.map((n) => map.get(n)), slugs);
    });
  }
  test('slugify is never empty and URL-safe', () => {
    for (const text of ['', '   ', '../..', 'a/b', 'Über große']) assert.match(slugify(text), /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('the home page line of a category', () => {
  const cases: Array<[string[], string]> = [
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
    [Array.from({ length: 1337 }, (_, i) => `n${i}`), 'n0, n1, n2 and 1,334 more'],
  ];
  for (const [names, line] of cases) test(`${names.length} names → "${line}"`, () => assert.equal(namesLine(names), line));
});

describe('filter matching', () => {
  // Facets: category, model, colour, tools, can (listings.ts FACETS).
  const entry = (text: string, category: string, model: string, color: string, tools: string[], can: string[]): Entry => ({
    text,
    values: [[category], [model], [color], tools, can],
  });
  const entries = [
    entry('code-reviewer reviews diffs', 'quality', 'sonnet', 'blue', ['read-only'], []),
    entry('schema-migrator writes migrations', 'data', 'opus', 'green', ['custom'], ['changes-files', 'runs-commands']),
    entry('sonnet-dated reviews tables', 'data', 'sonnet', 'other', ['custom', 'mcp'], ['changes-files']),
    entry('helper with no model', 'quality', 'inherit', 'none', ['all'], ['runs-commands']),
  ];
  const none = () => [0, 1, 2, 3, 4].map(() => new Set<string>());
  const pick = (i: number, ...values: string[]) => Object.assign(none(), { [i]: new Set(values) });
  const cases: Array<[string, string, Set<string>[], boolean[], Record<string, number>]> = [
    ['nothing chosen shows all', '', none(), [true, true, true, true], { '1sonnet': 2, '0data': 2 }],
    ['any value within a facet', '', pick(1, 'sonnet', 'opus'), [true, true, true, false], { '1inherit': 1, '0data': 2 }],
    ['all words of the text', 'reviews TABLES', none(), [false, false, true, false], { '1sonnet': 1 }],
    ['a failing facet still counts for its own options', '', pick(0, 'data'), [false, true, true, false], { '0quality': 2, '0data': 2, '1sonnet': 1 }],
    ['tools carries mcp beside its access', '', pick(3, 'mcp'), [false, false, true, false], { '3custom': 2, '3read-only': 1 }],
    ['a text miss counts nowhere', 'nothing-matches', none(), [false, false, false, false], {}],
  ];
  for (const [name, q, chosen, passes, counts] of cases) {
    test(name, () => {
      const result = match(entries, words(q), chosen);
      assert.deepEqual(result.passes, passes);
      assert.equal(result.shown, passes.filter(Boolean).length);
      for (const [key, n] of Object.entries(counts)) assert.equal(result.counts.get(key) ?? 0, n, key);
    });
  }
});

test('a listing card names the category, counts its agents, and folds agents past two rows into "+N more"', () => {
  const card = listingCard({ siteTitle: 'Agent catalog', kind: 'category', name: 'Security', agents: Array.from({ length: 60 }, (_, i) => `agent-${i}`) });
  assert.equal(card.kicker.text, 'Category');
  assert.equal(card.body[0].text, 'Security');
  assert.match(card.body[1].text, /^60 Claude Code agents in this category/);
  assert.match(card.footer.chips.at(-1)!.texts[0].text, /^\+\d+ more$/);
  assert.ok(layoutCard);
});
