/**
 * Every fixture in tests/fixtures/shapes is a real-world frontmatter shape; expected.json holds the verdict
 * Claude Code's own validator gave for that exact file (`claude plugin validate`), checked when it was written.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadAgent, isAgent } from '../../src/agents/index.ts';

const dir = new URL('../fixtures/shapes/', import.meta.url);
const expected: Record<string, { loads: boolean | 'skipped'; name: string | null; description_startswith: string | null }> = JSON.parse(
  readFileSync(new URL('expected.json', dir), 'utf8'),
);

describe('shapes: our verdict matches Claude Code', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  test('every fixture has an expected verdict', () => assert.deepEqual(files.filter((f) => !(f in expected)), []));
  for (const file of files) {
    const want = expected[file];
    if (!want) continue;
    test(`${file}: ${want.loads === 'skipped' ? 'skipped' : want.loads ? 'loads' : 'does not load'}`, () => {
      const entry = loadAgent({ file, text: readFileSync(new URL(file, dir), 'utf8') });
      if (want.loads === 'skipped') {
        // Claude Code skips it. Without a name anywhere it is documentation; with a name a reader can see, the
        // catalog still shows it, marked as not loading, with the reason as an error.
        if (!isAgent(entry)) return;
        assert.equal(entry.loads, false);
        assert.ok(entry.diagnostics.some((d) => d.severity === 'error' && d.line > 0), 'the reason is an error with a line');
        return;
      }
      assert.ok(isAgent(entry), `expected an agent, got skipped: ${'reason' in entry ? entry.reason : ''}`);
      assert.equal(entry.loads, want.loads, entry.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
      if (want.name) assert.equal(entry.name, want.name);
      if (want.loads && want.description_startswith) {
        // Claude Code's runtime description: every literal \n becomes a line break.
        const description = entry.fields.description.replaceAll('\\n', '\n');
        assert.ok(description.startsWith(want.description_startswith), `description starts with ${JSON.stringify(description.slice(0, 50))}`);
      }
      if (!want.loads) assert.ok(entry.diagnostics.some((d) => d.severity === 'error' && d.line > 0), 'a file that does not load has an error with a line');
    });
  }
});
