/** What of a prompt the search index holds (src/integrations/search-prompt.ts), on prompts markdown.ts renders. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderBody } from '../../src/agents/markdown.ts';
import { htmlWords, pageForSearch, PROMPT_WEIGHT, promptForSearch, spacedForSearch, words } from '../../src/integrations/search-prompt.ts';

const p = (text: string) => `<p data-pagefind-weight="${PROMPT_WEIGHT}">${text}</p>`;

describe('words: tokens as the index tells them apart', () => {
  const rows: Array<[string, string[]]> = [
    ['Review the code.', ['review', 'the', 'code']],
    ['(see: `plan`) — then', ['see', 'plan', 'then']],
    ['mlops-engineer v1.2 C++ e.g.', ['mlops-engineer', 'v1.2', 'c', 'e.g']],
    ['Ünïcode ÉTÉ 日本語', ['ünïcode', 'été', '日本語']],
    ['— ... !!', []],
  ];
  for (const [text, expected] of rows) test(JSON.stringify(text), () => assert.deepEqual(words(text), expected));
});

describe('promptForSearch: every heading, and each sentence that brings a word the prompt has not used', () => {
  const rows: Array<[string, string, string]> = [
    [
      'a sentence with nothing new is left out; one with a new word is kept whole',
      'You review code. You review code carefully. Code you review.',
      p('You review code. You review code carefully.'),
    ],
    [
      'headings stay under their ids, and a word first used deep inside is kept in its section',
      'You plan work.\n\n## Rules\n\nYou plan work.\n\n### Step 1: `ship`\n\nYou plan work with zanzibar.\n',
      p('You plan work.') + '<h3 id="rules">Rules</h3>' + '<h4 id="step-1-ship">Step 1: <code>ship</code></h4>' + p('You plan work with zanzibar.'),
    ],
    [
      'a heading\'s words count as used: the text under it adds only what is new',
      '## Review the cache\n\nReview the cache. Then flush it.\n',
      '<h3 id="review-the-cache">Review the cache</h3>' + p('Then flush it.'),
    ],
    [
      'list items, table cells and code lines are sentences of their own; raw HTML stays escaped text',
      '- alpha beta\n- alpha beta\n- gamma\n\n| a | b |\n|---|---|\n| a | delta |\n\n```\nrun <tool>\nrun <tool>\n```\n',
      p('alpha beta gamma a b delta run &lt;tool&gt;'),
    ],
    [
      'case and punctuation do not make a word new',
      'Deploy now! deploy, NOW. Deploy (now)?',
      p('Deploy now!'),
    ],
    ['an empty prompt gives nothing', '', ''],
    [
      'heading-like text in a prompt is escaped by markdown.ts, so it is not taken for a heading',
      'Intro.\n\n<h2 id="x">fake</h2>\n',
      p('Intro. &lt;h2 id=&quot;x&quot;&gt;fake&lt;/h2&gt;'),
    ],
  ];
  for (const [name, markdown, expected] of rows) {
    test(name, () => assert.equal(promptForSearch(renderBody(markdown).html), expected));
  }

  test('words the page already indexes whole (its principles) count as used', () => {
    const { html } = renderBody('Opening line.\n\n1. **Be brief**: say less.\n2. **Be kind**: and new.\n');
    assert.equal(promptForSearch(html, htmlWords('<strong>Be brief</strong> say less.')), p('Opening line. Be kind: and new.'));
  });

  test('every word of the prompt is still in what the index gets', () => {
    const markdown = Array.from({ length: 40 }, (_, i) => `## Part ${i}\n\nThe team reviews the plan ${i % 3 ? '' : `word${i}`}. The team reviews the plan.\n`).join('\n');
    const { html } = renderBody(markdown);
    const text = (h: string) => h.replace(/<a class="heading-anchor"[^>]*>[\s\S]*?<\/a>/g, '').replace(/<[^>]*>/g, ' ');
    const kept = promptForSearch(html);
    assert.deepEqual(new Set(words(text(kept))), new Set(words(text(html))));
    assert.ok(kept.length < html.length / 3, `kept ${kept.length} of ${html.length} characters`);
  });
});

describe('spacedForSearch: elements that touch get a space between them, so their words stay apart in the index', () => {
  const rows: Array<[string, string, string]> = [
    ['badges laid out by a flex gap', '<p><span>plugin</span> <span>ai-agents</span><span>v1.0.0</span><span>3 agents</span></p>', '<p><span>plugin</span> <span>ai-agents</span> <span>v1.0.0</span> <span>3 agents</span></p>'],
    ['a term and its definition', '<dl><dt>Model</dt><dd>opus</dd></dl>', '<dl><dt>Model</dt> <dd>opus</dd></dl>'],
    ['a link then its screen-reader words', '<a href="x">Docs</a><span class="sr-only"> (opens)</span>', '<a href="x">Docs</a> <span class="sr-only"> (opens)</span>'],
    ['markup inside a word is left alone', '<p>re<strong>view</strong>ed, <em>fast</em>.</p>', '<p>re<strong>view</strong>ed, <em>fast</em>.</p>'],
    ['white space already there is kept as it is', '<li>a</li>\n<li>b</li>', '<li>a</li>\n<li>b</li>'],
  ];
  for (const [name, input, expected] of rows) test(name, () => assert.equal(spacedForSearch(input), expected));
});

describe('pageForSearch: an agent page with its prompt body as the index gets it (whole: search-cut.test.ts cuts it)', () => {
  const page = (body: string) =>
    `<main data-pagefind-body><h1>A</h1><section><div class="prompt-body prose" data-testid="prompt-body" data-astro-cid-x>${body}</div></section><section>Details</section></main>`;
  /** The same page as the index gets it: its elements spaced apart (`spacedForSearch`). */
  const spaced = (body: string) =>
    `<main data-pagefind-body><h1>A</h1> <section><div class="prompt-body prose" data-testid="prompt-body" data-astro-cid-x>${body}</div></section> <section>Details</section></main>`;

  test('only the prompt body changes', () => {
    const { html } = renderBody('Opening.\n\n## Part\n\nOpening.\n');
    assert.equal(pageForSearch(page(html), true), spaced(p('Opening.') + '<h3 id="part">Part</h3>'));
  });

  test("the principles list's words count as used in the prompt below it", () => {
    const principles = '<section><ol class="principles" data-testid="principles" data-astro-cid-y><li><strong class="title">Be brief</strong><div class="text">Say less &amp; mean it.</div></li></ol></section>';
    const { html } = renderBody('You help.\n\n1. **Be brief**: say less & mean it.\n');
    assert.equal(pageForSearch(principles + page(html), true), spacedForSearch(principles) + ' ' + spaced(p('You help.')));
  });

  test('a page without a prompt body is only spaced', () => {
    const other = '<main data-pagefind-body><h1>Guide</h1><p>All <code>of</code><span>it</span>.</p></main>';
    assert.equal(pageForSearch(other, true), '<main data-pagefind-body><h1>Guide</h1> <p>All <code>of</code> <span>it</span>.</p></main>');
  });
});
