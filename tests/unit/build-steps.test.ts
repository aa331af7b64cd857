/** The build's per-page steps (built-pages.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { beginBuiltPage, finishPagesNotSeen, outputFile, pagesNotSeen, processBuiltPage, registerPageStep } from '../../src/integrations/built-pages.ts';

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
