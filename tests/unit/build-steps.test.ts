/** The build's per-page steps (built-pages.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  beginBuiltPage,
  finishHere,
  finishPagesNotSeen,
  finishPreparedPage,
  outputFile,
  pagesNotSeen,
  portableSteps,
  processBuiltPage,
  registerPageStep,
  registerPreparedStep,
  registerBackpressure,
  pagesBackedUp,
  releaseReserved,
  reserveBuiltPage,
} from '../../src/integrations/built-pages.ts';
import { preparePage } from '../../src/integrations/page-steps.ts';

describe('built pages', () => {
  test('a request path maps to the file Astro writes with build.format "directory"', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['/', '/', 'index.html'],
      ['/agents/code-reviewer/', '/', 'agents/code-reviewer/index.html'],
      ['/agents/code-reviewer', '/', 'agents/code-reviewer/index.html'],
      ['/404', '/', '404.html'],
      ['/catalog/', '/catalog/', 'index.html'],
      ['/catalog', '/catalog/', 'index.html'],
      ['/catalog/guide/', '/catalog/', 'guide/index.html'],
      ['/catalog/404', '/catalog/', '404.html'],
      ['/catalog/404.html', '/catalog/', '404.html'],
      ['/elsewhere/', '/catalog/', undefined],
    ];
    for (const [pathname, base, file] of cases) assert.equal(outputFile(pathname, base), file, `${pathname} under ${base}`);
  });

  test('transforms run in order before the observers, which see the final HTML', () => {
    const seen: string[] = [];
    registerPageStep('/docs/', { transform: (_file, html) => html.replace('a', 'b') });
    registerPageStep('/docs/', { observe: (file, html) => seen.push(`${file}:${html}`) });
    registerPageStep('/docs/', { transform: (_file, html) => `${html}!` });
    assert.equal(processBuiltPage(beginBuiltPage()!, '/docs/x/', 'a'), 'b!');
    assert.deepEqual(seen, ['x/index.html:b!']);
    assert.equal(processBuiltPage(beginBuiltPage()!, '/other/', 'a'), undefined, 'outside the base: not a page of this build');
  });

  test('observers get pages in the order their requests started, whatever order they finish in', () => {
    const seen: string[] = [];
    registerPageStep('/', { observe: (file) => seen.push(file) });
    const [a, b, c, d] = [beginBuiltPage()!, beginBuiltPage()!, beginBuiltPage()!, beginBuiltPage()!];
    processBuiltPage(c, '/c/', 'C');
    processBuiltPage(b, '/b.png'); // not a page: only hands its ticket back
    assert.deepEqual(seen, [], 'the first page is not done yet');
    processBuiltPage(a, '/a/', 'A');
    assert.deepEqual(seen, ['a/index.html', 'c/index.html']);
    processBuiltPage(d, '/d/', 'D');
    assert.deepEqual(seen, ['a/index.html', 'c/index.html', 'd/index.html']);
  });

  test('pages that did not pass through the steps are found, and a page that was never written is an error', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'built-pages-'));
    mkdirSync(path.join(out, 'agents/a'), { recursive: true });
    mkdirSync(path.join(out, 'agents/b'), { recursive: true });
    for (const file of ['index.html', 'agents/a/index.html', 'agents/b/index.html']) writeFileSync(path.join(out, file), '<p>');
    writeFileSync(path.join(out, 'agents/a.md'), 'not a page');
    // A previous build's registry is replaced by the first step of the next one.
    registerPageStep('/', { observe: () => undefined });
    processBuiltPage(beginBuiltPage()!, '/', '<p>');
    registerPageStep('/', { observe: () => undefined });
    processBuiltPage(beginBuiltPage()!, '/agents/a/', '<p>');
    assert.deepEqual(await pagesNotSeen(out), ['agents/b/index.html', 'index.html']);
    processBuiltPage(beginBuiltPage()!, '/agents/c/', '<p>');
    await assert.rejects(pagesNotSeen(out), /agents\/c\/index\.html/);
  });
});

describe('prepared steps, wherever the page was rendered (render-pool.ts)', () => {
  // No data-pagefind-body: Pagefind gets the whole page (search-cut.ts), so the search text shows the completed policy.
  const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src 'self'"></head><body><main><p>${body}</p><span>a</span><span>b</span></main></body></html>`;

  test('on this thread the pure halves run in their order (the check, then the search text of the checked page) and the results reach each step', () => {
    const got: string[] = [];
    registerPreparedStep('/', 'search', (file, text) => got.push(`search ${file}: ${text.includes('</span> <span>') ? 'spaced' : 'not spaced'}, ${text.includes('style-src-attr') ? 'checked' : 'unchecked'}`));
    registerPreparedStep('/', 'csp', (file, problems) => got.push(`csp ${file}: ${problems.length} problem(s)`));
    const html = processBuiltPage(beginBuiltPage()!, '/x/', page('Hello'))!;
    assert.match(html, /style-src-attr 'none'/, 'the policy was completed');
    assert.deepEqual(got.sort(), ['csp x/index.html: 0 problem(s)', 'search x/index.html: spaced, checked']);
    assert.deepEqual(portableSteps()?.sort(), ['csp', 'search']);
  });

  test('a page rendered elsewhere is taken in the order Astro asked for it, among pages rendered here', () => {
    const order: string[] = [];
    registerPreparedStep('/', 'search', (file) => order.push(file));
    const a = reserveBuiltPage('/a/')!; // rendered here: its request claims the ticket in the middleware
    const b = reserveBuiltPage('/b/')!; // rendered by a worker
    reserveBuiltPage('/c.json'); // an endpoint: its request hands the ticket back without a page
    const d = reserveBuiltPage('/d/')!; // rendered here, but no request came (the route wrote nothing)
    const elsewhere = preparePage(new Set(['csp', 'search']), 'b/index.html', page('B'));
    finishPreparedPage(b, '/b/', elsewhere.values);
    assert.deepEqual(order, [], 'the first page is not done yet');
    assert.equal(beginBuiltPage('/a/'), a, 'the request claims the ticket reserved for its path');
    processBuiltPage(a, '/a/', page('A'));
    assert.deepEqual(order, ['a/index.html', 'b/index.html']);
    processBuiltPage(beginBuiltPage('/c.json')!, '/c.json');
    releaseReserved('/d/');
    assert.equal(d, 3);
    processBuiltPage(beginBuiltPage('/e/')!, '/e/', page('E'));
    assert.deepEqual(order, ['a/index.html', 'b/index.html', 'e/index.html'], 'the unclaimed ticket was handed back, so later pages are not held up');
  });

  test('a page the prerenderer finishes on this thread passes the middleware untouched, and keeps its place in the order', () => {
    const order: string[] = [];
    registerPreparedStep('/', 'search', (file) => order.push(file));
    const a = reserveBuiltPage('/a/')!; // finished here by the prerenderer (page-writer.ts)
    const b = reserveBuiltPage('/b/')!; // through the middleware
    const c = reserveBuiltPage('/c/')!; // finished here, but it turned out to be no page (a redirect)
    finishHere('/a/');
    finishHere('/c/');
    assert.equal(beginBuiltPage('/a/'), undefined, 'no ticket: the middleware hands the response back as it is');
    assert.equal(beginBuiltPage('/b/'), b);
    processBuiltPage(b, '/b/', page('B'));
    assert.deepEqual(order, [], 'the first page is not done yet');
    finishPreparedPage(a, '/a/', preparePage(new Set(['csp', 'search']), 'a/index.html', page('A')).values);
    assert.deepEqual(order, ['a/index.html', 'b/index.html']);
    assert.equal(beginBuiltPage('/c/'), undefined);
    releaseReserved('/c/');
    processBuiltPage(beginBuiltPage('/d/')!, '/d/', page('D'));
    assert.equal(c, 2);
    assert.deepEqual(order, ['a/index.html', 'b/index.html', 'd/index.html']);
  });

  test('rendering waits while a step has too many pages in hand, and goes on once it has caught up', async () => {
    let behind: Promise<void> | undefined;
    let catchUp = () => undefined as void;
    registerPreparedStep('/', 'search', () => undefined);
    registerBackpressure('/', () => behind);
    assert.equal(pagesBackedUp(), undefined, 'nothing behind: no wait');
    behind = new Promise((resolve) => (catchUp = resolve));
    let resumed = false;
    const waiting = pagesBackedUp()!.then(() => (resumed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resumed, false, 'still behind');
    catchUp();
    await waiting;
    assert.equal(resumed, true);
    processBuiltPage(beginBuiltPage()!, '/z/', page('Z')); // a page seen: the next build's steps start afresh
  });

  test('a plain transform or observer can only run on this thread: no page may be rendered elsewhere', () => {
    registerPreparedStep('/', 'csp', () => undefined);
    assert.deepEqual(portableSteps(), ['csp']);
    registerPageStep('/', { observe: () => undefined });
    assert.equal(portableSteps(), undefined);
  });
});

describe('pages that reached dist/ without the middleware', () => {
  test('go through the same steps once, from disk, and what a transform changed is written back', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'built-pages-late-'));
    mkdirSync(path.join(out, 'late'), { recursive: true });
    writeFileSync(path.join(out, 'index.html'), 'seen');
    writeFileSync(path.join(out, 'late/index.html'), 'late');
    const observed: string[] = [];
    registerPageStep('/', { transform: (_file, html) => html.toUpperCase() });
    registerPageStep('/', { observe: (file, html) => observed.push(`${file}:${html}`) });
    processBuiltPage(beginBuiltPage()!, '/', 'seen');
    assert.equal(await finishPagesNotSeen(out), 1);
    assert.equal(await finishPagesNotSeen(out), 1, 'the second integration to finish gets the same pass');
    assert.deepEqual(observed, ['index.html:SEEN', 'late/index.html:LATE']);
    assert.equal(readFileSync(path.join(out, 'late/index.html'), 'utf8'), 'LATE');
  });
});
