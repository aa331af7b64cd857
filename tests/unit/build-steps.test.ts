/** The build's per-page steps (built-pages.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  endpointFile,
  finishPagesNotSeen,
  finishPreparedPage,
  outputFile,
  pagesNotSeen,
  portableSteps,
  registerPageStep,
  registerPreparedStep,
  registerBackpressure,
  pagesBackedUp,
  releaseReserved,
  reserveBuiltPage,
} from '../../src/integrations/built-pages.ts';
import { preparePage } from '../../src/integrations/page-steps.ts';
import { PageWriter, writeStreamed } from '../../src/integrations/page-writer.ts';

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

  test("an endpoint's path maps to the file Astro writes; paths Astro may name otherwise are left to it", () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['/llms-full.txt', '/', 'llms-full.txt'],
      ['/categories/backend/rows.json', '/', 'categories/backend/rows.json'],
      ['/catalog/og/catalog.png', '/catalog/', 'og/catalog.png'],
      ['/catalog/og/catalog.png', '/catalog', 'og/catalog.png'],
      ['/elsewhere/a.json', '/catalog/', undefined],
      ['/feed/', '/', undefined],
      ['/a%20b.json', '/', undefined],
      ['/a//b.json', '/', undefined],
    ];
    for (const [pathname, base, file] of cases) assert.equal(endpointFile(pathname, base), file, `${pathname} under ${base}`);
  });

  test('a streamed body is written as it arrives, not held whole first', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'agent-docs-streamed-')), 'deep', 'llms-full.txt');
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    let onDiskBeforeTheEnd = -1;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent < 48) {
          controller.enqueue(chunk);
          sent++;
          return;
        }
        // Everything is sent but the end: what is on disk now was written while the body was still streaming.
        onDiskBeforeTheEnd = readFileSync(file).length;
        controller.close();
      },
    });
    await writeStreamed(file, body);
    assert.equal(readFileSync(file).length, 48 * chunk.length);
    assert.ok(onDiskBeforeTheEnd >= 1 << 20, `only ${onDiskBeforeTheEnd} bytes were on disk before the body ended`);
  });

  test('a body that fails while streaming fails the write', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'agent-docs-streamed-')), 'broken.txt');
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ < 3) controller.enqueue(new Uint8Array(10));
        else controller.error(new Error('the catalog went away'));
      },
    });
    await assert.rejects(writeStreamed(file, body), /the catalog went away/);
  });

  test('pages reach the steps in the order Astro asked for them, whatever order they finish in', () => {
    const seen: string[] = [];
    registerPreparedStep('/', 'search', (file) => seen.push(file));
    const [a, b, c, d] = ['/a/', '/b.png', '/c/', '/d/'].map((pathname) => reserveBuiltPage(pathname)!);
    finishPreparedPage(c, '/c/', {});
    releaseReserved('/b.png'); // not a page: only hands its ticket back
    assert.deepEqual(seen, [], 'the first page is not done yet');
    finishPreparedPage(a, '/a/', {});
    assert.deepEqual(seen, ['a/index.html', 'c/index.html']);
    finishPreparedPage(d, '/d/', {});
    assert.deepEqual(seen, ['a/index.html', 'c/index.html', 'd/index.html']);
    assert.equal(b, 1);
  });

  test('pages that did not pass through the steps are found, and a page that was never written is an error', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'built-pages-'));
    mkdirSync(path.join(out, 'agents/a'), { recursive: true });
    mkdirSync(path.join(out, 'agents/b'), { recursive: true });
    for (const file of ['index.html', 'agents/a/index.html', 'agents/b/index.html']) writeFileSync(path.join(out, file), '<p>');
    writeFileSync(path.join(out, 'agents/a.md'), 'not a page');
    // A previous build's registry is replaced by the first step of the next one.
    registerPreparedStep('/', 'search', () => undefined);
    finishPreparedPage(reserveBuiltPage('/')!, '/', {});
    registerPreparedStep('/', 'search', () => undefined);
    finishPreparedPage(reserveBuiltPage('/agents/a/')!, '/agents/a/', {});
    assert.deepEqual(await pagesNotSeen(out), ['agents/b/index.html', 'index.html']);
    finishPreparedPage(reserveBuiltPage('/agents/c/')!, '/agents/c/', {});
    await assert.rejects(pagesNotSeen(out), /agents\/c\/index\.html/);
  });
});

describe('prepared steps, wherever the page was rendered (render-pool.ts)', () => {
  // No data-pagefind-body: Pagefind gets the whole page (search-cut.ts), so the search text shows the completed policy.
  const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src 'self'"></head><body><main><p>${body}</p><span>a</span><span>b</span></main></body></html>`;

  test('the pure halves run in their order (the check, then the search text of the checked page) and the results reach each step', () => {
    const got: string[] = [];
    registerPreparedStep('/', 'search', (file, text) => got.push(`search ${file}: ${text.includes('</span> <span>') ? 'spaced' : 'not spaced'}, ${text.includes('style-src-attr') ? 'checked' : 'unchecked'}`));
    registerPreparedStep('/', 'csp', (file, problems) => got.push(`csp ${file}: ${problems.length} problem(s)`));
    assert.deepEqual(portableSteps()?.sort(), ['csp', 'search']);
    const prepared = preparePage(new Set(portableSteps()), 'x/index.html', page('Hello'));
    assert.match(prepared.html, /style-src-attr 'none'/, 'the policy was completed');
    finishPreparedPage(reserveBuiltPage('/x/')!, '/x/', prepared.values);
    assert.deepEqual(got.sort(), ['csp x/index.html: 0 problem(s)', 'search x/index.html: spaced, checked']);
  });

  test('a page is written byte for byte as rendered but for its policy, and its search text is decoded text', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-writer-'));
    try {
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src 'self'"></head><body><main data-pagefind-body><h1>Café — ✓</h1><p>naïve “quotes” 日本語</p></main></body></html>`;
      const values = new PageWriter(dir, new Set(portableSteps())).write('x/index.html', new TextEncoder().encode(html));
      const written = readFileSync(path.join(dir, 'x', 'index.html'), 'utf8');
      assert.equal(written, html.replace(`script-src 'self'">`, `script-src 'self'; style-src-attr 'none';">`));
      assert.deepEqual(values.csp, []);
      assert.equal(values.search, '<html lang="en"><body><main data-pagefind-body><h1>Café — ✓</h1> <p>naïve “quotes” 日本語</p></main></body></html>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('pages rendered on either thread, endpoints and pages that wrote nothing keep the order Astro asked for them in', () => {
    const order: string[] = [];
    registerPreparedStep('/', 'search', (file) => order.push(file));
    const a = reserveBuiltPage('/a/')!; // rendered on the main thread
    const b = reserveBuiltPage('/b/')!; // rendered by a worker
    reserveBuiltPage('/c.json'); // an endpoint: its ticket is handed back without a page
    const d = reserveBuiltPage('/d/')!; // a redirect: no page either
    const steps = new Set(['csp', 'search'] as const);
    finishPreparedPage(b, '/b/', preparePage(steps, 'b/index.html', page('B')).values);
    assert.deepEqual(order, [], 'the first page is not done yet');
    finishPreparedPage(a, '/a/', preparePage(steps, 'a/index.html', page('A')).values);
    assert.deepEqual(order, ['a/index.html', 'b/index.html']);
    releaseReserved('/c.json');
    releaseReserved('/d/');
    assert.equal(d, 3);
    finishPreparedPage(reserveBuiltPage('/e/')!, '/e/', preparePage(steps, 'e/index.html', page('E')).values);
    assert.deepEqual(order, ['a/index.html', 'b/index.html', 'e/index.html'], 'the tickets handed back hold no later page up');
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
    finishPreparedPage(reserveBuiltPage('/z/')!, '/z/', {}); // a page seen: the next build's steps start afresh
  });

  test('a plain transform or observer can only run on this thread: no page may be rendered elsewhere', () => {
    registerPreparedStep('/', 'csp', () => undefined);
    assert.deepEqual(portableSteps(), ['csp']);
    registerPageStep('/', { observe: () => undefined });
    assert.equal(portableSteps(), undefined);
  });
});

describe('pages that reached dist/ without the render pool', () => {
  test('go through the same steps once, from disk: transforms in order, observers see the final HTML, and what a transform changed is written back', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'built-pages-late-'));
    mkdirSync(path.join(out, 'late'), { recursive: true });
    writeFileSync(path.join(out, 'index.html'), 'a home');
    writeFileSync(path.join(out, 'late/index.html'), 'late');
    const observed: string[] = [];
    registerPageStep('/', { transform: (_file, html) => html.replace('a', 'b') });
    registerPageStep('/', { observe: (file, html) => observed.push(`${file}:${html}`) });
    registerPageStep('/', { transform: (_file, html) => `${html.toUpperCase()}!` });
    assert.equal(await finishPagesNotSeen(out), 2);
    assert.equal(await finishPagesNotSeen(out), 2, 'the second integration to finish gets the same pass');
    assert.deepEqual(observed, ['index.html:B HOME!', 'late/index.html:LBTE!']);
    assert.equal(readFileSync(path.join(out, 'late/index.html'), 'utf8'), 'LBTE!');
  });
});
