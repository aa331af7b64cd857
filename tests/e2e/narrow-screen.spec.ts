/**
 * Nothing runs off a phone's screen: every page of the current target's build, at 375 px, has no element past the
 * viewport's right edge unless it sits inside a block that scrolls (or clips) horizontally and itself fits. The
 * "narrow" target builds a generated catalog made to overflow (scripts/generate-agents.ts --long: long paths, folder
 * and category names, unbroken words, URLs, model ids, wide code and tables); the other targets are checked too.
 */
import type { Page } from 'playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { currentTarget, filesUnder, servedPath } from './built-site.ts';
import { expect, test } from './fixtures.ts';

test.use({ viewport: { width: 375, height: 800 } });

/** Elements past the right edge that no fitting horizontally scrolling (or clipping) ancestor contains. */
function offenders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const contained = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return a.getBoundingClientRect().right <= width + 0.5;
      }
      return false;
    };
    const found: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5 || contained(el)) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/)[0]}` : ''}`;
      found.push(`${name} ends at ${Math.round(box.right)} px: "${(el.textContent ?? '').trim().slice(0, 50)}"`);
    }
    // The page itself must not scroll sideways either.
    if (document.documentElement.scrollWidth > width) found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    return found;
  });
}

test('no page has content past the right edge of a 375 px screen', async ({ page }, info) => {
  const { outDir } = currentTarget(info);
  const pages = (await filesUnder(outDir, '.html')).map(servedPath);
  expect(pages.length, 'pages in the build').toBeGreaterThan(3);
  // A bound for many page loads on a slow machine, not a wait: each page is checked as soon as it has loaded.
  test.setTimeout(30_000 + pages.length * 5_000);
  const problems: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    for (const problem of (await offenders(page)).slice(0, 5)) problems.push(`/${path}: ${problem}`);
  }
  expect(problems, `${pages.length} pages checked`).toEqual([]);
});

test('a command breaks only between words on a 375 px screen, unless a word is longer than the line', async ({ page }, info) => {
  const { outDir } = currentTarget(info);
  const pages = [];
  for (const file of await filesUnder(outDir, '.html')) if ((await readFile(path.join(outDir, file), 'utf8')).includes('command-text')) pages.push(servedPath(file));
  expect(pages.length, 'pages with a command').toBeGreaterThan(0);
  test.setTimeout(30_000 + pages.length * 5_000);
  const problems: string[] = [];
  for (const served of pages) {
    await page.goto(served);
    // Each word of each command, measured where the page lays it out: a word that fits the line sits on one line.
    const broken = await page.evaluate(() => {
      const found: string[] = [];
      for (const code of document.querySelectorAll<HTMLElement>('.command-text')) {
        if (!code.checkVisibility()) continue;
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of (node.nodeValue ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index!);
            range.setEnd(node, word.index! + word[0].length);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const lines = new Set(rects.map((r) => Math.round(r.top)));
            const width = rects.reduce((sum, r) => sum + r.width, 0);
            if (lines.size > 1 && width <= code.clientWidth) found.push(`"${word[0]}" broken over ${lines.size} lines`);
          }
        }
      }
      return found;
    });
    for (const problem of broken) problems.push(`/${served}: ${problem}`);
  }
  expect(problems, `${pages.length} pages with commands`).toEqual([]);
});
