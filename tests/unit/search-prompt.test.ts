/** What of a prompt the search index holds (src/integrations/search-prompt.ts), on prompts markdown.ts renders. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderBody } from '../../src/agents/markdown.ts';
import { OPENING_WORDS, pageForSearch, promptForSearch } from '../../src/integrations/search-prompt.ts';

const words = (n: number, word = 'w') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('promptForSearch: the opening paragraph, cut, and every heading under its id', () => {
  test('a prompt with an opening, sections and lists', () => {
    const { html } = renderBody(`You are a **careful** reviewer of <b>schemas</b> & code.\n\n## Core rules\n\n- never guess\n- ask\n\n### Step 1: \`plan\`\n\nLater paragraph that search does not hold.\n`);
    assert.equal(
      promptForSearch(html),
      '<p>You are a careful reviewer of &lt;b&gt;schemas&lt;/b&gt; &amp; code.</p>' +
        '<h3 id="core-rules">Core rules</h3><h4 id="step-1-plan">Step 1: <code>plan</code></h4>',
    );
  });

  test(`the opening stops after ${OPENING_WORDS} words`, () => {
    const { html } = renderBody(words(OPENING_WORDS + 25));
    assert.equal(promptForSearch(html), `<p>${words(OPENING_WORDS)}</p>`);
  });

  test('a prompt that starts with a heading: its first paragraph is the opening; an empty prompt gives nothing', () => {
    const { html } = renderBody('## Role\n\nYou plan.\n\n## Rules\n\n1. one\n');
    assert.equal(promptForSearch(html), '<p>You plan.</p><h3 id="role">Role</h3><h3 id="rules">Rules</h3>');
    assert.equal(promptForSearch(renderBody('').html), '');
  });

  test('heading-like text in a prompt is escaped by markdown.ts, so it is not taken for a heading', () => {
    const { html } = renderBody('Intro.\n\n<h2 id="x">fake</h2>\n');
    assert.equal(promptForSearch(html), '<p>Intro.</p>');
  });
});

describe('pageForSearch: an agent page with its prompt body cut', () => {
  const page = (body: string) =>
    `<main data-pagefind-body><h1>A</h1><section><div class="prompt-body prose" data-testid="prompt-body" data-astro-cid-x>${body}</div></section><section>Details</section></main>`;

  test('only the prompt body changes', () => {
    const { html } = renderBody(`Opening.\n\n## Part\n\n${words(50)}\n`);
    assert.equal(pageForSearch(page(html)), page('<p>Opening.</p><h3 id="part">Part</h3>'));
  });

  test('a page without a prompt body is given as it is', () => {
    const other = '<main data-pagefind-body><h1>Guide</h1><p>All of it.</p></main>';
    assert.equal(pageForSearch(other), other);
  });
});
