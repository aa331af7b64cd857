/**
 * The part of a page Pagefind reads (src/integrations/search-cut.ts): what is cut away, where the page goes whole,
 * and, with Pagefind itself, that the cut page gives the same index as the whole one — and that cutting a page the
 * guards send whole would not.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { close, createIndex } from 'pagefind';
import { searchedPart } from '../../src/integrations/search-cut.ts';
import { pageForSearch } from '../../src/integrations/search-prompt.ts';

const head = '<!DOCTYPE html><html lang="en" data-theme="dark"><head><meta charset="utf-8"><title>Tool · catalog</title></head>';
const chrome = '<header><a href="/">Catalog</a><nav><a href="/all/">All agents</a></nav></header>';
const footer = '<footer><p>Built from agent files.</p></footer><dialog><form><input name="q"></form></dialog>';
const main = [
  '<main id="main-content" data-pagefind-body>',
  '<div hidden data-pagefind-ignore data-testid="search-meta"><span data-pagefind-filter="model">opus</span><span data-pagefind-meta="summary">Reviews code.</span></div>',
  '<h1>code-reviewer</h1><p>Reviews code<copy-button data-pagefind-ignore><span>Copy</span></copy-button> for you.</p>',
  '<section data-pagefind-ignore><h2>Install</h2><div><div>nested</div></div><pre>cp a b</pre></section>',
  '<section><h2 id="prompt">Prompt</h2><p>Read the diff, then the tests.</p></section>',
  '<div data-pagefind-ignore><script type="module">const x = "<div>";</script><p>script-beside</p></div>',
  '<p>After the script.</p>',
  '</main>',
].join('');
/** An ignored element whose scripts and styles hold end tags in their text, then text Pagefind reads. */
const TRICKY =
  '<div data-pagefind-ignore><script>document.body.append("</div><p>fake</p>")</script><style>a::after{content:"</div>"}</style><p>inside</p></div><p>After the script.</p>';
const page = (body = main, before = chrome, afterMain = footer) => `${head}<body>${before}${body}${afterMain}</body></html>`;

describe('searchedPart: the body element, without what Pagefind ignores', () => {
  test('an indexed page keeps <html> and its body element; chrome and plain ignored parts go', () => {
    const cut = searchedPart(page());
    assert.ok(cut.startsWith('<html lang="en" data-theme="dark"><body><main id="main-content" data-pagefind-body>'), cut);
    assert.ok(cut.endsWith('</main></body></html>'));
    for (const gone of ['<header>', '<footer>', '<title>', 'Copy</span>', 'Install', 'nested', 'cp a b', 'script-beside', '<script']) assert.ok(!cut.includes(gone), gone);
    for (const kept of ['data-pagefind-filter="model"', 'data-pagefind-meta="summary"', '<h1>code-reviewer</h1>', 'Read the diff', 'After the script.']) assert.ok(cut.includes(kept), kept);
    assert.ok(cut.includes('Reviews code for you.'), 'the text around a removed element stays in place');
  });

  test("an ignored element's own attributes count: one that also sets a filter is kept", () => {
    const cut = searchedPart(page(main.replace('<h2>Install</h2>', '<h2>Install</h2><span data-pagefind-filter="kind" data-pagefind-ignore>agent</span>')));
    assert.ok(cut.includes('data-pagefind-filter="kind"'), cut);
  });

  test('the attributes named in text or in a quoted value are no attributes: nothing is cut for them', () => {
    const quoted = main.replace('<h1>code-reviewer</h1>', '<h1 title="x data-pagefind-ignore y">code-reviewer</h1><p>Say data-pagefind-ignore to hide.</p>');
    const cut = searchedPart(page(quoted));
    assert.ok(cut.includes('<h1 title="x data-pagefind-ignore y">code-reviewer</h1><p>Say data-pagefind-ignore to hide.</p>'), cut);
    assert.ok(!cut.includes('Install'), 'the real ignored parts still go');
  });

  test("a tag in a script's or a style's text is no tag: the ignored element ends at its own end tag", () => {
    const cut = searchedPart(page(main.replace('<p>After the script.</p>', TRICKY)));
    for (const gone of ['fake', 'inside', '<style']) assert.ok(!cut.includes(gone), gone);
    assert.ok(cut.includes('<p>After the script.</p></main>'), cut);
  });

  const whole: Array<[string, string]> = [
    ['no body element', page('<main><h1>Home</h1></main>')],
    ['the body attribute twice (a prompt quoting it)', page(main.replace('for you.', 'for you: <code>&lt;main data-pagefind-body&gt;</code>.'))],
    ['metadata outside the body', page(main, `<meta data-pagefind-meta="image[content]" content="/card.png">${chrome}`)],
    ['a filter outside the body', page(main, chrome, `<span data-pagefind-filter="kind">guide</span>${footer}`)],
    ['an <h1> outside the body', page(main, `<h1>Catalog</h1>${chrome}`)],
    ['an <img> outside the body', page(main, chrome, `<img src="/logo.png" alt="">${footer}`)],
    ['a body element never closed', page(main.replace('</main>', ''))],
    ['no body element, and its attribute quoted in a value', page('<main><h1>Home</h1><a title="see data-pagefind-body" href="/a/">a</a></main>')],
    ['the body element closed inside a script only', page(main.replace('</main>', '<script>"</main>"</script>'))],
    ...(
      [
        ['a comment in the body', '<!-- </div> -->'],
        ['a <noscript> in the body (markup or text, depending on the parser)', '<noscript><p>no</p></noscript>'],
        ['a script holding <!-- (where </script> may not end it)', '<script>var s = "<!--<script>";</script>'],
        ['a <title/> closed as in SVG', '<svg><title/></svg>'],
      ] as const
    ).map(([name, inside]): [string, string] => [name, page(main.replace('<p>After the script.</p>', `<div data-pagefind-ignore>${inside}<p>unsure</p></div>`))]),
  ];
  for (const [name, html] of whole) test(`goes whole: ${name}`, () => assert.equal(searchedPart(html), html));
});

describe('with Pagefind: the cut page indexes as the whole page does', () => {
  after(() => close());

  /** Every file of the index of `pages` (path → bytes as text), as Pagefind would write it. */
  async function indexOf(pages: Record<string, string>): Promise<Map<string, string>> {
    const { index } = await createIndex({});
    for (const [file, html] of Object.entries(pages)) {
      const { errors } = await index!.addHTMLFile({ sourcePath: file, content: html });
      assert.deepEqual(errors, []);
    }
    const { files } = await index!.getFiles();
    await index!.deleteIndex();
    return new Map(files.map((f) => [f.path, Buffer.from(f.content).toString('latin1')]));
  }

  const site = (cut: (html: string) => string) => ({
    'agents/code-reviewer/index.html': cut(page()),
    'agents/with-scripts/index.html': cut(page(main.replace('code-reviewer', 'with-scripts').replace('<p>After the script.</p>', TRICKY))),
    'agents/with-meta/index.html': cut(page(main.replace('code-reviewer', 'with-meta'), `<meta data-pagefind-meta="image[content]" content="/card.png">${chrome}`)),
    'agents/with-logo/index.html': cut(page(main.replace('code-reviewer', 'with-logo'), chrome, `<img src="/logo.png" alt="">${footer}`)),
    'index.html': cut(page('<main><h1>Home</h1><p>All the agents.</p></main>')),
  });

  test('the same index, file for file', async () => {
    const [whole, cut] = [await indexOf(site((html) => pageForSearch(html, true))), await indexOf(site((html) => pageForSearch(html)))];
    assert.deepEqual([...cut.keys()].sort(), [...whole.keys()].sort());
    for (const [file, bytes] of whole) assert.ok(cut.get(file) === bytes, `${file} differs`);
  });

  test('cutting a page the guards send whole would change the index (metadata and the image outside the body)', async () => {
    const naive = (html: string) => {
      const start = html.indexOf('<main');
      return start < 0 ? html : `<html lang="en"><body>${html.slice(start, html.indexOf('</main>') + 7)}</body></html>`;
    };
    const [whole, cut] = [await indexOf(site((html) => html)), await indexOf(site(naive))];
    assert.notDeepEqual(cut, whole);
  });
});
