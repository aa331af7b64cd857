/**
 * Every link in the built output of the current target resolves: to a built file under BASE_PATH, and to an id
 * on that page when it has a `#fragment`. The checker (link-check.ts) is first run on a small site with known
 * faults, so a passing run means the links are sound, not that the checker sees nothing.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { currentTarget } from './built-site';
import { checkLinks, describeBroken } from './link-check';

test('the checker finds each kind of broken link in a small site', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'links-check-'));
  try {
    const site = { siteUrl: 'https://agents.example.test', basePath: '/catalog/' };
    const files: Record<string, string> = {
      'agents/a/index.html': '<h2 id="there">There</h2>',
      'agents/a.md': '# a',
      'og/a.png': 'png',
      'index.html': [
        '<link rel="canonical" href="https://agents.example.test/catalog/">',
        '<meta property="og:image" content="https://agents.example.test/catalog/og/a.png">',
        '<meta property="og:url" content="https://agents.example.test/catalog/og/missing.png">',
        '<a id="self" href="#self">self</a>',
        '<a href="/catalog/agents/a/">page</a>',
        '<a href="agents/a?ref=x#there">relative, query, fragment</a>',
        '<a href="/catalog/agents/a/#nowhere">missing fragment</a>',
        '<a href="/catalog/missing/">missing page</a>',
        '<a href="/agents/a/">outside the base</a>',
        '<a href="https://agents.example.test/other/">absolute, outside the base</a>',
        '<a href="https://agents.example.test/catalog/agents/a.md">raw file</a>',
        '<a href="https://github.com/acme/agents">external</a>',
        '<a href="mailto:team@example.test">mail</a>',
        '<a href="#gone">missing fragment on this page</a>',
        '<script src="/catalog/_astro/missing.js"></script>',
      ].join('\n'),
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const report = await checkLinks(dir, site);
    expect(report.broken.map((b) => `${b.page} ${b.href}`).sort()).toEqual(
      [
        'index.html https://agents.example.test/catalog/og/missing.png',
        'index.html /catalog/agents/a/#nowhere',
        'index.html /catalog/missing/',
        'index.html /agents/a/',
        'index.html https://agents.example.test/other/',
        'index.html #gone',
        'index.html /catalog/_astro/missing.js',
      ].sort(),
    );
    expect(report.external).toEqual(['index.html → https://github.com/acme/agents']);
    expect(report.checked).toBe(13);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every internal link of the build resolves, with its fragment, under BASE_PATH', async ({ siteUrl, basePath }, info) => {
  const { outDir } = currentTarget(info);
  const report = await checkLinks(outDir, { siteUrl, basePath });
  info.annotations.push({ type: 'links', description: `${report.checked} internal links checked, ${report.external.length} external links listed (not fetched)` });
  await info.attach('external-links.txt', { body: report.external.join('\n') || '(none)', contentType: 'text/plain' });

  expect(report.checked, 'internal links found: the build is not empty').toBeGreaterThan(100);
  expect(report.broken, `${report.broken.length} broken links in ${outDir}/:\n${describeBroken(report.broken)}`).toEqual([]);
});
