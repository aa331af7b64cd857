/**
 * Hostile and malformed agent files never crash or hang `loadAgent`: a few hundred fuzzed files per `npm test`
 * (`npm run fuzz` runs 10,000), and the known resource-exhaustion shapes as table rows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAgent, loadAgent } from '../../src/agents/index.ts';
import { readFrontmatter } from '../../src/agents/frontmatter.ts';
import { parseYamlBlock } from '../../src/agents/yaml-block.ts';
import { aliasBomb, checkAgentFile, htmlProblems, runFuzz } from './fuzz-harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('fuzz: loadAgent never throws, never hangs, renders nothing live', () => {
  test(`${RUNS} mutated agent files`, { timeout: 120_000 }, async () => {
    const report = await runFuzz({ numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, hangMs: 30_000 });
    assert.ok(report.ok, `${report.failure}\n(seed ${report.seed}; rerun with FUZZ_SEED=${report.seed})`);
    assert.equal(report.runs, RUNS);
  });
});

describe('fuzz: resource-exhaustion shapes, bounded', () => {
  const wrap = (yaml: string) => `---\nname: bomb\ndescription: d\n${yaml}\n---\nBody.\n`;
  const rows: Array<[string, string]> = [
    ['billion laughs, flow sequences (9×9)', wrap(aliasBomb(9, 9, false))],
    ['billion laughs, block sequences (9×9)', wrap(aliasBomb(9, 9, true))],
    ['billion laughs, wide (50×5)', wrap(aliasBomb(50, 5, true))],
    ['deep flow nesting (5,000)', wrap(`x: ${'['.repeat(5000)}${']'.repeat(5000)}`)],
    ['deep block mappings (1,000)', wrap(Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' v')],
    ['a 1 MiB description line', wrap(`x: ${'a'.repeat(1 << 20)}`)],
    ['100,000 `---` lines', `---\n${'---\n'.repeat(100_000)}`],
    ['deep blockquote in the body (10,000)', `---\nname: q\ndescription: d\n---\n${'>'.repeat(10_000)} x\n`],
    ['100,000 unclosed links', `---\nname: l\ndescription: d\n---\n${'[a]('.repeat(100_000)}`],
    ['100,000 unclosed <example> tags', `---\nname: e\ndescription: "${'<example>user: a '.repeat(20_000)}"\n---\n`],
    ['emphasis runs', `---\nname: e\ndescription: d\n---\n${'*a **b '.repeat(50_000)}`],
    // Found by the fuzzer (seed 1886981265): a flow list of an alias no anchor set threw out of loadAgent...
    ['an alias without its anchor in a flow list', wrap('c: [*e,*e,*e]\ni: &i [*h]')],
    // ...and a node holding an alias to itself made a cycle, whose paths the walk for `__proto__` followed endlessly.
    ['a node holding an alias to itself', wrap('l1: &l2\n  - *l2\n  - *l2\n  - *l2\n  - *l2\ntools: &t [Read, *t]\nextra: &e {a: *e, b: *e}')],
  ];
  for (const [label, text] of rows) {
    test(label, () => assert.equal(checkAgentFile(text, 2_000), undefined));
  }

  test('YAML alias expansion is bounded by maxAliasCount: the bomb is an error, not a billion strings', () => {
    const attempt = parseYamlBlock(aliasBomb(9, 9, true), 1);
    assert.equal(attempt.ok, false);
    assert.match(attempt.error!.message, /alias/i);
    const read = readFrontmatter(wrap(aliasBomb(9, 9, true)));
    assert.equal(read.loads, false);
    assert.ok(read.diagnostics.some((d) => d.code === 'yaml-invalid'));
    // Whatever was salvaged for display is small.
    assert.ok(JSON.stringify(read.data).length < 10_000);
  });

  test('a cycle of aliases is no value: an error at its key, and nothing cyclic reaches the agent', () => {
    const attempt = parseYamlBlock('name: c\ndescription: d\nloop: &l\n  - *l\n  - *l', 1);
    assert.equal(attempt.ok, false);
    assert.equal(attempt.error!.line, 4, "the line of the cycle's key");
    assert.match(attempt.error!.message, /`loop\.0` holds an alias to itself/);
    // Read as Claude Code's retry reads it (the one-line values quoted): strings, which every copy and serialiser takes.
    const result = loadAgent({ file: 'x.md', text: wrap('tools: &t [Read, *t]\nextra: &e {a: *e}') });
    assert.ok(isAgent(result));
    assert.doesNotThrow(() => JSON.stringify(result));
  });

  test('executable frontmatter is refused, never run', () => {
    for (const lang of ['js', 'javascript', 'coffee', 'JS', 'cson']) {
      const result = loadAgent({ file: 'x.md', text: `---${lang}\n{ name: (globalThis.__ran = 1, 'x') }\n---\n` });
      assert.equal(isAgent(result), false);
      assert.equal((globalThis as { __ran?: number }).__ran, undefined);
    }
  });

  test('keys named __proto__ or constructor pollute nothing', () => {
    loadAgent({ file: 'x.md', text: '---\nname: p\ndescription: d\n__proto__:\n  polluted: 1\nconstructor:\n  prototype:\n    polluted: 1\n---\n' });
    assert.equal(({} as { polluted?: number }).polluted, undefined);
  });

  test('the HTML check itself catches live markup', () => {
    assert.deepEqual(htmlProblems('<p><a href="https://x.test">ok</a></p>'), []);
    assert.notDeepEqual(htmlProblems('<img src=x onerror=alert(1)>'), []);
    assert.notDeepEqual(htmlProblems('<a href="java\tscript:alert(1)">x</a>'), []);
    assert.notDeepEqual(htmlProblems('<script>x</script>'), []);
  });
});
