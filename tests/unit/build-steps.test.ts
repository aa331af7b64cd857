/** The build's per-page steps (built-pages.ts) and the rendered-prompt files beside the content store (prompt-store.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { outputFile, pagesNotSeen, processBuiltPage, registerPageStep } from '../../src/integrations/built-pages.ts';
import { keepPromptHtml, prunePromptHtml, readPromptHtml } from '../../src/integrations/prompt-store.ts';

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
    assert.equal(processBuiltPage('/docs/x/', 'a'), 'b!');
    assert.deepEqual(seen, ['x/index.html:b!']);
    assert.equal(processBuiltPage('/other/', 'a'), undefined, 'outside the base: not a page of this build');
  });

  test('pages that did not pass through the steps are found, and a page that was never written is an error', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'built-pages-'));
    mkdirSync(path.join(out, 'agents/a'), { recursive: true });
    mkdirSync(path.join(out, 'agents/b'), { recursive: true });
    for (const file of ['index.html', 'agents/a/index.html', 'agents/b/index.html']) writeFileSync(path.join(out, file), '<p>');
    writeFileSync(path.join(out, 'agents/a.md'), 'not a page');
    // A previous build's registry is replaced by the first step of the next one.
    registerPageStep('/', { observe: () => undefined });
    processBuiltPage('/', '<p>');
    registerPageStep('/', { observe: () => undefined });
    processBuiltPage('/agents/a/', '<p>');
    assert.deepEqual(await pagesNotSeen(out), ['agents/b/index.html', 'index.html']);
    processBuiltPage('/agents/c/', '<p>');
    await assert.rejects(pagesNotSeen(out), /agents\/c\/index\.html/);
  });
});

describe('rendered prompts beside the content store', () => {
  test('kept by content hash, shared, read back checked, and pruned when no entry refers to them', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'prompts-')), 'store');
    const [a, b, a2] = await keepPromptHtml(dir, ['<p>a</p>', '<p>b</p>', '<p>a</p>']);
    assert.equal(a.file, a2.file, 'the same HTML is one file');
    assert.equal(await readPromptHtml(b), '<p>b</p>');
    assert.equal(readdirSync(dir).length, 2);
    await prunePromptHtml(dir, [b]);
    assert.deepEqual(readdirSync(dir), [path.basename(b.file)]);
    await assert.rejects(readPromptHtml(a), /missing/);
    writeFileSync(b.file, '<p>changed</p>');
    await assert.rejects(readPromptHtml(b), /does not match its hash/);
  });
});
