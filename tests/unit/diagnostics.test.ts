/** Diagnostic codes and line numbers for the shape fixtures: where a reader must look, and what to do. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isAgent, loadAgent } from '../../src/agents/index.ts';

const dir = new URL('../fixtures/shapes/', import.meta.url);
function problems(file: string): string[] {
  const entry = loadAgent({ file, text: readFileSync(new URL(file, dir), 'utf8') });
  const list = isAgent(entry) ? entry.diagnostics : entry.problem ? [entry.problem] : [];
  return list.map((d) => `${d.severity} ${d.code} ${d.line}${d.column ? `:${d.column}` : ''}`);
}

describe('diagnostics: codes and lines per fixture', () => {
  const rows: Array<[string, string[]]> = [
    ['oneline-literal-newlines.md', []],
    ['colon-space.md', []],
    ['bold-colon.md', []],
    ['tools-star.md', []],
    ['long-closing.md', []],
    ['bom.md', []],
    ['unindented-continuation.md', ['error yaml-invalid 7:1']],
    ['colon-space-crlf.md', ['error yaml-invalid 3:14']],
    ['tab-indent.md', ['error yaml-invalid 4:1']],
    ['no-closing.md', ['error frontmatter-unclosed 1']],
    ['leading-blank-line.md', ['error frontmatter-not-first 1']],
    ['js-engine.md', ['error frontmatter-language 1:4']],
    ['empty-description.md', ['error description-missing 3']],
    ['numeric-description.md', ['error description-invalid 3']],
    ['name-with-colon.md', ['error name-refused 2']],
    ['name-leading-dash.md', ['error name-refused 2']],
    ['numeric-name.md', ['error name-invalid 2']],
    ['name-uppercase-spaces.md', ['warning name-format 2', 'warning name-file-mismatch 2']],
    ['unknown-color.md', ['warning color-unknown 4']],
    ['unindented-keys-only.md', ['warning field-unknown 4', 'warning field-unknown 5']],
    ['invalid-enums.md', ['warning permissionMode-unknown 4', 'warning effort-unknown 5', 'warning isolation-unknown 6', 'warning memory-unknown 7', 'warning maxTurns-invalid 8']],
  ];
  for (const [file, expected] of rows) test(file, () => assert.deepEqual(problems(file), expected));

  test('every problem has a one-sentence message and a fix', () => {
    const entry = loadAgent({ file: 'unindented-continuation.md', text: readFileSync(new URL('unindented-continuation.md', dir), 'utf8') });
    assert.ok(isAgent(entry));
    const [d] = entry.diagnostics;
    assert.match(d.message, /not valid YAML/);
    assert.match(d.fix, /Indent the continuation lines/);
  });

  test('a broken file is still shown: name, description with its examples, body', () => {
    const entry = loadAgent({ file: 'unindented-continuation.md', text: readFileSync(new URL('unindented-continuation.md', dir), 'utf8') });
    assert.ok(isAgent(entry));
    assert.equal(entry.name, 'unindented-continuation');
    assert.equal(entry.loads, false);
    assert.equal(entry.examples.length, 1);
    assert.deepEqual(entry.examples[0].turns.map((t) => t.role), ['user', 'assistant']);
    assert.match(entry.body, /\S/);
  });

  test('line numbers of a recovered file are the file\'s own', () => {
    const text = '---\nname: block-and-colon\ndescription: |\n  Use this agent when a release is tagged.\n\n  It drafts notes.\nmodel: sonnet: fast\n---\nBody\n';
    const entry = loadAgent({ file: 'block-and-colon.md', text });
    assert.ok(isAgent(entry));
    assert.equal(entry.loads, false);
    assert.deepEqual(entry.diagnostics.map((d) => `${d.code} ${d.line}`), ['yaml-invalid 7', 'model-unknown 7']);
  });
});

describe('pathological frontmatter is refused before parsing', () => {
  const rows: Array<[string, string]> = [
    ['deep flow nesting', `---\nname: deep\ndescription: x\nmeta: ${'['.repeat(200)}${']'.repeat(200)}\n---\n`],
    ['huge frontmatter', `---\nname: huge\ndescription: ${'y'.repeat(300 * 1024)}\n---\n`],
  ];
  for (const [name, text] of rows) {
    test(name, () => {
      const entry = loadAgent({ file: `${name}.md`, text });
      assert.equal(isAgent(entry), false);
      assert.equal(!isAgent(entry) && entry.problem?.code, 'frontmatter-too-complex');
    });
  }
});

test('keys named like Object.prototype members are just unknown keys', () => {
  const entry = loadAgent({ file: 'proto.md', text: '---\nname: proto\ndescription: x\nconstructor: 1\ntoString: 2\n---\n' });
  assert.ok(isAgent(entry));
  assert.deepEqual(entry.diagnostics.map((d) => d.message), ['Claude Code ignores the frontmatter key `constructor`.', 'Claude Code ignores the frontmatter key `toString`.']);
  assert.deepEqual(Object.keys(entry.extraFields), ['constructor', 'toString']);
});

test('a __proto__ key is left out with a warning, and the data stays plain', () => {
  const entry = loadAgent({ file: 'p.md', text: '---\nname: p\ndescription: x\n__proto__:\n  polluted: yes\nhooks:\n  __proto__: 1\n---\n' });
  assert.ok(isAgent(entry));
  assert.deepEqual(entry.diagnostics.map((d) => `${d.code} ${d.line}`), ['field-unsafe-key 4', 'field-unsafe-key 6']);
  assert.equal(Object.getPrototypeOf(entry.extraFields), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('an empty model is ignored by Claude Code: said so, not "passed to the API"', () => {
  const entry = loadAgent({ file: 'm.md', text: "---\nname: m\ndescription: x\nmodel: ''\n---\n" });
  assert.ok(isAgent(entry));
  assert.deepEqual(entry.diagnostics.map((d) => `${d.code} ${d.line}`), ['model-empty 4']);
});

test('a broken multi-line quoted description is shown without its quotes', () => {
  const text = "---\nname: q\ndescription: 'Use this agent when\nthe build breaks: it finds why'\ntools: [Read\n---\nBody\n";
  const entry = loadAgent({ file: 'q.md', text });
  assert.ok(isAgent(entry));
  assert.equal(entry.loads, false);
  assert.equal(entry.summary.startsWith("'"), false, entry.summary);
  assert.equal(entry.whenToUse.endsWith("'"), false, entry.whenToUse);
});

/**
 * What Claude Code 2.1.197 does with `color` and `model`, found by experiment (claude-code.ts says how): the
 * validator is silent on both; the loader keeps a colour only when it is one of the eight names exactly; a model it
 * does not resolve goes to the API unchanged and the agent stops with "There's an issue with the selected model".
 */
describe('colour and model values as Claude Code takes them', () => {
  const diagnose = (line: string) => {
    const entry = loadAgent({ file: 'm.md', text: `---\nname: m\ndescription: x\n${line}\n---\n` });
    assert.ok(isAgent(entry));
    return entry.diagnostics.map((d) => `${d.code} ${d.line}: ${d.message} Fix: ${d.fix}`);
  };
  const rows: Array<[string, string, RegExp | undefined]> = [
    ['Claude Code shows the colour `cyan`', 'color: cyan', undefined],
    ['Claude Code drops `gold` silently: no colour', 'color: gold', /^color-unknown 4: Claude Code ignores the colour `gold`: the agent shows without a colour\. Fix: Use one of "red", "blue", /],
    ['Claude Code drops `Blue`: the names are case-sensitive', 'color: Blue', /^color-unknown 4: .*`Blue` \(colour names are lower-case\).* Fix: Write `color: blue`\.$/],
    ['Claude Code drops a quoted hex colour', 'color: "#ff0000"', /^color-unknown 4: .*`#ff0000` \(it takes colour names, not hex codes\): the agent shows without a colour/],
    ['an unquoted `#ff0000` is a YAML comment: the colour is empty', 'color: #ff0000', /^color-invalid 4: `color` is empty, so Claude Code shows the agent without a colour \(an unquoted `#` starts a YAML comment/],
    ['Claude Code resolves `sonnet`', 'model: sonnet', undefined],
    ['Claude Code resolves aliases in any case: `Sonnet`', 'model: Sonnet', undefined],
    ['Claude Code resolves `fable` (claude-fable-5)', 'model: fable', undefined],
    ['Claude Code resolves `opusplan` and `best`', 'model: opusplan', undefined],
    ['Claude Code reads the `[1m]` suffix', 'model: claude-sonnet-4-5[1m]', undefined],
    ['Claude Code takes `inherit`', 'model: inherit', undefined],
    ['Claude Code sends a full model id as written', 'model: claude-sonnet-4-5-20250929', undefined],
    [
      'Claude Code sends `Claude Sonnet 4.5 (copilot)` unchanged and the agent stops: the fix names the family',
      'model: Claude Sonnet 4.5 (copilot)',
      /^model-unknown 4: Claude Code does not know the model `Claude Sonnet 4\.5 \(copilot\)`: it sends it to the API unchanged, and the agent stops with "There's an issue with the selected model \(Claude Sonnet 4\.5 \(copilot\)\)" instead of running\. Fix: Write `model: sonnet`/,
    ],
    ['Claude Code sends `gpt-4o` unchanged and the agent stops', 'model: gpt-4o', /^model-unknown 4: .*`gpt-4o`.* Fix: Use one of "sonnet", "opus", "haiku", "fable", "best", "opusplan", "inherit", or a Claude model id/],
  ];
  for (const [name, line, expected] of rows) {
    test(name, () => {
      const found = diagnose(line);
      if (!expected) assert.deepEqual(found, []);
      else {
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0], expected);
      }
    });
  }
});
