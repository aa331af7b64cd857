import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSafeUrl, renderBody, renderMarkdown } from '../../src/agents/markdown.ts';

describe('markdown: raw HTML is text, unsafe links are not links', () => {
  const rows: Array<[string, string]> = [
    ['<example>\nuser: hi\n</example>', '<p>&lt;example&gt;\nuser: hi\n&lt;/example&gt;</p>\n'],
    ['Use {{Placeholder}} and {braces}', '<p>Use {{Placeholder}} and {braces}</p>\n'],
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n'],
    ['[click](javascript:alert(1))', '<p>[click](javascript:alert(1))</p>\n'],
    ['[x](data:text/html,hi)', '<p>[x](data:text/html,hi)</p>\n'],
    ['![i](vbscript:x)', '<p>![i](vbscript:x)</p>\n'],
    ['[ok](https://example.test)', '<p><a href="https://example.test" rel="nofollow noopener noreferrer">ok</a></p>\n'],
    ['[rel](./other.md)', '<p><a href="./other.md">rel</a></p>\n'],
    ['[mail](mailto:a@b.test)', '<p><a href="mailto:a@b.test">mail</a></p>\n'],
    ['![diagram](https://example.test/d.png)', '<p><a class="image-link" href="https://example.test/d.png" rel="nofollow noopener noreferrer">Image: diagram</a></p>\n'],
  ];
  for (const [input, expected] of rows) test(JSON.stringify(input), () => assert.equal(renderMarkdown(input), expected));

  const urls: Array<[string, boolean]> = [['https://a.test', true], ['/x', true], ['#y', true], ['JaVaScRiPt:x', false], ['java\tscript:x', false], [' data:x', false]];
  for (const [url, safe] of urls) test(`isSafeUrl(${JSON.stringify(url)})`, () => assert.equal(isSafeUrl(url), safe));
});

describe('renderBody: outline and heading ids', () => {
  test('unique ids that never take the page section ids', () => {
    const { outline, html } = renderBody('# Title\n## Examples\n## Setup\n## Setup\n```\n# not a heading\n```');
    assert.deepEqual(outline.map((h) => [h.depth, h.text, h.slug]), [[1, 'Title', 'title'], [2, 'Examples', 'examples-2'], [2, 'Setup', 'setup'], [2, 'Setup', 'setup-2']]);
    assert.match(html, /<div class="heading-wrap"><h4 id="setup-2">Setup<\/h4><a class="heading-anchor" href="#setup-2" data-pagefind-ignore>/);
  });
});
