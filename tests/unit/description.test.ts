import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { describe, expandLiteralEscapes, extractExamples, parseExample, summaryOf, whenToUseOf } from '../../src/agents/description.ts';

suite('summaryOf: the first sentence, plain, at most ~200 characters', () => {
  const rows: Array<[string, string]> = [
    ['Use this agent when you need X. This includes:', 'Use this agent when you need X.'],
    ['Use **this** agent for `git` work, e.g. rebases. More text.', 'Use this agent for git work, e.g. rebases.'],
    ['Reviews code\n\nSecond paragraph.', 'Reviews code'],
    ['No full stop at all', 'No full stop at all'],
    ['Ends with a question? Yes.', 'Ends with a question?'],
    ['コードをレビューします。次に進みます。', 'コードをレビューします。'],
    ['See [the docs](https://x.test) first. Then go.', 'See the docs first.'],
    [`${'word '.repeat(60)}end.`, `${'word '.repeat(39).trim()}…`],
    ['Sorts tickets (FEAT-{n}/... or FIX-{n}/...) by age. Then stops.', 'Sorts tickets (FEAT-{n}/... or FIX-{n}/...) by age.'],
  ];
  for (const [input, expected] of rows) test(JSON.stringify(input.slice(0, 40)), () => assert.equal(summaryOf(input), expected));
});

suite('expandLiteralEscapes', () => {
  const rows: Array<[string, string]> = [
    ['a\\nb', 'a\nb'],
    ['a\\n\\nb', 'a\n\nb'],
    ['say \\"hi\\"', 'say "hi"'],
    ['no escapes: C:\\dir', 'no escapes: C:\\dir'],
  ];
  for (const [input, expected] of rows) test(input, () => assert.equal(expandLiteralEscapes(input), expected));
});

suite('parseExample: real variations', () => {
  const rows: Array<{ name: string; block: string; expected: unknown }> = [
    {
      name: 'context, quoted turns, commentary',
      block: '\nContext: The user finished a feature.\nuser: "Please review it"\nassistant: "I\'ll use the code-reviewer agent."\n<commentary>\nReview after a feature.\n</commentary>\n',
      expected: {
        context: 'The user finished a feature.',
        turns: [
          { speaker: 'user', role: 'user', text: 'Please review it' },
          { speaker: 'assistant', role: 'assistant', text: "I'll use the code-reviewer agent." },
        ],
        commentary: 'Review after a feature.',
      },
    },
    {
      name: 'inline on one line, capitalised Assistant, no quotes',
      block: 'Context: A deploy failed. user: The deploy failed again Assistant: Let me use the incident agent. <commentary>Failures need triage.</commentary>',
      expected: {
        context: 'A deploy failed.',
        turns: [
          { speaker: 'user', role: 'user', text: 'The deploy failed again' },
          { speaker: 'Assistant', role: 'assistant', text: 'Let me use the incident agent.' },
        ],
        commentary: 'Failures need triage.',
      },
    },
    {
      name: 'no context, other labels, several assistant turns, placeholder line',
      block: '\nHuman: Fix the flaky test\nClaude: I will look at it first.\n<function call omitted for brevity>\nClaude: Now launching the flaky-test-hunter agent.\n',
      expected: {
        turns: [
          { speaker: 'Human', role: 'user', text: 'Fix the flaky test' },
          { speaker: 'Claude', role: 'assistant', text: 'I will look at it first.\n<function call omitted for brevity>' },
          { speaker: 'Claude', role: 'assistant', text: 'Now launching the flaky-test-hunter agent.' },
        ],
      },
    },
    {
      name: 'a label inside a quoted turn on one line is not a new turn',
      block: 'user: "Tell the assistant: be brief" assistant: "Sure."',
      expected: {
        turns: [
          { speaker: 'user', role: 'user', text: 'Tell the assistant: be brief' },
          { speaker: 'assistant', role: 'assistant', text: 'Sure.' },
        ],
      },
    },
    {
      name: 'quoted first line then a note, plain "Commentary:" label',
      block: '\nContext: A form was added.\n\nuser: "Here is my form:"\n[form omitted]\n\nassistant: "Checking it with the form-auditor."\n\n<launches the form-auditor>\n\nCommentary: Forms need an audit.\n',
      expected: {
        context: 'A form was added.',
        turns: [
          { speaker: 'user', role: 'user', text: 'Here is my form:\n[form omitted]' },
          { speaker: 'assistant', role: 'assistant', text: 'Checking it with the form-auditor.\n\n<launches the form-auditor>' },
        ],
        commentary: 'Forms need an audit.',
      },
    },
    {
      name: 'bold labels',
      block: '\n**Context:** Late night.\n**User:** "Ship it"\n**Assistant:** "Running the release agent."\n',
      expected: {
        context: 'Late night.',
        turns: [
          { speaker: 'User', role: 'user', text: 'Ship it' },
          { speaker: 'Assistant', role: 'assistant', text: 'Running the release agent.' },
        ],
      },
    },
  ];
  for (const row of rows) test(row.name, () => assert.deepEqual(parseExample(row.block), row.expected));
});

suite('parseExample: a user with a name', () => {
  const daisy = { speaker: 'Daisy', role: 'user' };
  const rows: Array<{ name: string; block: string; expected: unknown }> = [
    {
      name: 'a named user, quoted, then Assistant (the official marketplace\'s shape)',
      block: '\nContext: Daisy is moving the billing jobs to a queue.\nDaisy: "Can you check the retry logic?"\nAssistant: "I\'ll use the queue-reviewer agent to check it."\n<commentary>Retries need review.</commentary>\n',
      expected: {
        context: 'Daisy is moving the billing jobs to a queue.',
        turns: [
          { ...daisy, text: 'Can you check the retry logic?' },
          { speaker: 'Assistant', role: 'assistant', text: "I'll use the queue-reviewer agent to check it." },
        ],
        commentary: 'Retries need review.',
      },
    },
    {
      name: 'on one line, the name after the context\'s full stop',
      block: 'Context: Omar shipped a hotfix. Omar: "Is the rollback plan sound?" Assistant: "Let me ask the release-manager agent."',
      expected: {
        context: 'Omar shipped a hotfix.',
        turns: [
          { speaker: 'Omar', role: 'user', text: 'Is the rollback plan sound?' },
          { speaker: 'Assistant', role: 'assistant', text: 'Let me ask the release-manager agent.' },
        ],
      },
    },
    {
      name: 'two words, bold',
      block: '\n**Mary Ann:** "Review my migration"\n**Assistant:** "Starting the schema-migrator agent."\n',
      expected: {
        turns: [
          { speaker: 'Mary Ann', role: 'user', text: 'Review my migration' },
          { speaker: 'Assistant', role: 'assistant', text: 'Starting the schema-migrator agent.' },
        ],
      },
    },
    {
      name: 'unquoted, where no other label names the user',
      block: '\nPriya: the nightly build is red again\nassistant: I\'ll launch the flaky-test-hunter agent.\n',
      expected: {
        turns: [
          { speaker: 'Priya', role: 'user', text: 'the nightly build is red again' },
          { speaker: 'assistant', role: 'assistant', text: "I'll launch the flaky-test-hunter agent." },
        ],
      },
    },
    {
      name: 'a word like "Note" is not a name',
      block: '\nNote: the repository uses pnpm.\nuser: "Install the linter"\nassistant: "Using the setup agent."\n',
      expected: {
        context: 'Note: the repository uses pnpm.',
        turns: [
          { speaker: 'user', role: 'user', text: 'Install the linter' },
          { speaker: 'assistant', role: 'assistant', text: 'Using the setup agent.' },
        ],
      },
    },
    {
      name: 'an unquoted capitalised word stays text when the example has a user already',
      block: '\nuser: "Is staging healthy?"\nassistant: "Checking with the incident agent."\nStaging: three pods restarting\n',
      expected: {
        turns: [
          { speaker: 'user', role: 'user', text: 'Is staging healthy?' },
          { speaker: 'assistant', role: 'assistant', text: 'Checking with the incident agent.\nStaging: three pods restarting' },
        ],
      },
    },
    {
      name: 'no assistant turn: a name is not a speaker',
      block: 'Daisy: "hello there"',
      expected: { context: 'Daisy: "hello there"', turns: [] },
    },
    {
      name: 'a name mid-sentence, or inside a quoted turn, on one line',
      block: 'Context: We asked Daisy: she agreed. user: "Tell Omar: ship it" assistant: "Using the release agent."',
      expected: {
        context: 'We asked Daisy: she agreed.',
        turns: [
          { speaker: 'user', role: 'user', text: 'Tell Omar: ship it' },
          { speaker: 'assistant', role: 'assistant', text: 'Using the release agent.' },
        ],
      },
    },
  ];
  for (const row of rows) test(row.name, () => assert.deepEqual(parseExample(row.block), row.expected));
});

suite('whenToUse and examples from a description', () => {
  test('examples are removed from the prose, with the line that introduced them', () => {
    const text = 'Use this agent for X.\n\nExamples:\n<example>\nuser: "a"\nassistant: "b"\n</example>\n<example>\nuser: "c"\nassistant: "d"\n</example>';
    assert.equal(whenToUseOf(text), 'Use this agent for X.');
    assert.equal(extractExamples(text).length, 2);
  });
  test('an unclosed <example> still counts up to the next one', () => {
    assert.equal(extractExamples('<example>user: "a" assistant: "b" <example>user: "c" assistant: "d"</example>').length, 2);
  });
  test('literal \\n from a one-line description become line breaks', () => {
    const parts = describe('Use this agent when testing.\\n\\n<example>\\nuser: \\"hi\\"\\nassistant: \\"hello\\"\\n</example>');
    assert.equal(parts.whenToUse, 'Use this agent when testing.');
    assert.deepEqual(parts.examples[0].turns.map((t) => t.text), ['hi', 'hello']);
  });
  test('examples come from an Examples section of the body when the description has none', () => {
    const body = '# Agent\n\n## Examples\n\n<example>\nuser: "one"\nassistant: "two"\n</example>\n\n## Other\n<example>\nuser: "x"\n</example>\n';
    const parts = describe('Use this agent for Y.', body);
    assert.equal(parts.examples.length, 1);
    assert.equal(parts.examples[0].turns[0].text, 'one');
  });
});

suite('whenToUseOf: what is left once the examples are gone', () => {
  const rows: Array<[string, string, string]> = [
    ['bare list markers of `- <example>` items', 'Use it for X.\n\nExamples:\n- <example>user: "a" assistant: "b"</example>\n- <example>user: "c" assistant: "d"</example>', 'Use it for X.'],
    ['"Examples:" at the end of the last sentence', 'Use it for X. Examples: <example>user: "a" assistant: "b"</example>', 'Use it for X.'],
    ['"Specifically:" at the end of the last sentence', 'Use it for X and Y. Specifically:\n\n<example>user: "a"</example>', 'Use it for X and Y.'],
    ['a colon that is not an intro stays', 'Use it when: the build fails. <example>user: "a"</example>', 'Use it when: the build fails.'],
  ];
  for (const [name, input, expected] of rows) test(name, () => assert.equal(whenToUseOf(input), expected));
});
