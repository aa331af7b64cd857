import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractPrinciples } from '../../src/agents/principles.ts';

const titles = (body: string) => extractPrinciples(body).map((p) => [p.title, p.text]);

describe('extractPrinciples: the list under a heading that names principles', () => {
  const rows: Array<{ name: string; body: string; expected: string[][] }> = [
    {
      name: 'numbered, **Title**: text',
      body: '## Your Operational Principles\n\n1. **Automation First**: Automate.\n\n2. **Plan for Scale**: Grow.\n\n## Next\n- **Not**: this',
      expected: [['Automation First', 'Automate.'], ['Plan for Scale', 'Grow.']],
    },
    { name: 'bullets, **Title:** text', body: '### Core principles\n- **Be kind:** always.\n- **Be brief:** mostly.', expected: [['Be kind', 'always.'], ['Be brief', 'mostly.']] },
    { name: 'dash separator and continuation lines', body: '## Guiding Principles\n1. **Evidence** — cite it,\n   every time.\n2. **Scope** - stay in it.', expected: [['Evidence', 'cite it, every time.'], ['Scope', 'stay in it.']] },
    { name: 'no bold lead', body: '## Principles\n- Prefer small diffs\n- Tests: always', expected: [['Prefer small diffs', ''], ['Tests', 'always']] },
    { name: 'principles as sub-headings', body: '## Core Principles\n### 1. Honesty\nSay what you know.\n### 2. Care\nCheck twice.\n## After', expected: [['Honesty', 'Say what you know.'], ['Care', 'Check twice.']] },
    { name: 'one principle named in the heading, prose below', body: '## Core Principle: Ask first\n\nYou ask before you edit.\nAlways.\n\nMore later.\n## Next', expected: [['Ask first', 'You ask before you edit. Always.']] },
    { name: 'none', body: '## Approach\n1. **Step**: do it', expected: [] },
    { name: 'a heading inside a code fence does not count', body: '```\n## Principles\n- **x**: y\n```\n', expected: [] },
  ];
  for (const row of rows) test(row.name, () => assert.deepEqual(titles(row.body), row.expected));

  test('principle text is rendered safely', () => {
    const [p] = extractPrinciples('## Principles\n1. **A**: use <script>alert(1)</script> and `code`');
    assert.equal(p.html, 'use &lt;script&gt;alert(1)&lt;/script&gt; and <code>code</code>');
  });
});
