/** JSON with positions (src/agents/json-source.ts): what manifests parse to, and where problems are reported. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJsonWithPositions } from '../../src/agents/json-source.ts';

describe('valid JSON parses as JSON.parse does, with each value’s position', () => {
  const rows: Array<[string, string, Array<[string, number, number]>]> = [
    ['an object over lines', '{\n  "name": "x",\n  "plugins": [\n    { "source": "./p" }\n  ]\n}', [['', 1, 1], ['name', 2, 11], ['plugins', 3, 14], ['plugins/0', 4, 5], ['plugins/0/source', 4, 17]]],
    ['a byte order mark before the value', '\uFEFF{"a": true}', [['', 1, 2], ['a', 1, 8]]],
    ['escapes and numbers', '{"s": "a\\"b\\u00e9\\n", "n": -1.5e3, "z": null}', [['s', 1, 7], ['n', 1, 28], ['z', 1, 41]]],
    ['empty containers', '{"a": {}, "b": []}', [['a', 1, 7], ['b', 1, 16]]],
  ];
  for (const [name, text, expected] of rows) {
    test(name, () => {
      const parsed = parseJsonWithPositions(text);
      assert.ok(parsed.ok, 'parses');
      assert.deepEqual(parsed.value, JSON.parse(text.replace(/^\uFEFF/, '')));
      for (const [key, line, column] of expected) assert.deepEqual(parsed.positions.get(key), { line, column }, key);
    });
  }

  test('`at` falls back to the nearest enclosing value for a path that is not there', () => {
    const parsed = parseJsonWithPositions('{\n  "plugins": [{"name": "a"}]\n}');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.at('plugins', 0, 'source'), { line: 2, column: 15 });
  });

  test('a "__proto__" key is an own property, never the prototype', () => {
    const parsed = parseJsonWithPositions('{"__proto__": {"polluted": true}}');
    assert.ok(parsed.ok);
    const value = parsed.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('invalid JSON: a sentence and the place where reading stopped', () => {
  const rows: Array<[string, string, RegExp, number, number]> = [
    ['a trailing comma in an object', '{\n  "a": 1,\n}', /trailing comma/, 3, 1],
    ['a trailing comma in a list', '[1, 2,]', /trailing comma/, 1, 7],
    ['a missing colon', '{"a" 1}', /expected ":" after "a"/, 1, 6],
    ['an unclosed list', '{"a": [1, 2', /expected "," or "\]"/, 1, 12],
    ['a line break inside a string', '{\n  "a": "x\ny"}', /line break/, 2, 10],
    ['single quotes', "{'a': 1}", /quoted property name/, 1, 2],
    ['a single-quoted value', "{\"a\": 'x'}", /double quotes/, 1, 7],
    ['a comment', '{ // note\n"a": 1 }', /quoted property name/, 1, 3],
    ['text after the value', '{} x', /after the end/, 1, 4],
    ['an empty file', '', /expected a value, found the end/, 1, 1],
    ['a bad escape', '{"a": "\\x"}', /invalid escape/, 1, 8],
    ['nesting a thousand deep', '['.repeat(1000), /nested more than 64/, 1, 66],
  ];
  for (const [name, text, message, line, column] of rows) {
    test(name, () => {
      const parsed = parseJsonWithPositions(text);
      assert.equal(parsed.ok, false);
      if (parsed.ok) return;
      assert.match(parsed.message, message);
      assert.deepEqual(parsed.position, { line, column });
      if (!name.startsWith('nesting')) assert.throws(() => JSON.parse(text), 'JSON.parse rejects it too');
    });
  }
});
