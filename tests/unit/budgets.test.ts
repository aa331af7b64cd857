/**
 * Page-weight budgets (scripts/budgets.ts) on the seed catalog: the seed agent page's HTML, CSS and JS before
 * interaction, gzipped, weighed with the function `npm run bench` uses, the home page's HTML, and every page's
 * element count. No wall-clock limits here: build time and
 * memory are the bench's business, on a quiet machine.
 *
 * `npm test` runs the unit tests before it builds anything, so this test builds the repo's agents/ itself into a
 * /tmp/bench-budgets-* folder (the bench's build: private caches, never dist/). Set AGENT_DOCS_DIST to an existing
 * build of agents/ (served at `/`) to weigh that instead.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSite, parsePhases } from '../../scripts/bench.ts';
import {
  agentPageChecks, BUDGET_AGENT, BUDGETS, fileForUrl, formatBudget, formatValue, KB, staticImports, weighPage, withinBudget,
  type PageWeight,
} from '../../scripts/budgets.ts';
import { findViews } from '../../scripts/bench/catalog-size.ts';
import { countBuildElements, countElements, pageForFile, type BuildElements } from '../../scripts/bench/elements.ts';

describe('page-weight budgets on the seed build', () => {
  let work: string | undefined;
  let weight: PageWeight | undefined;
  let home: PageWeight | undefined;
  let elements: BuildElements | undefined;
  let unavailable: string | undefined;

  before(async () => {
    let outDir = process.env.AGENT_DOCS_DIST;
    if (!outDir) {
      if (!existsSync(path.resolve('node_modules/astro/bin/astro.mjs'))) {
        unavailable = 'astro is not installed (npm ci), so the seed site cannot be built';
        return;
      }
      work = await mkdtemp(path.join(os.tmpdir(), 'bench-budgets-'));
      outDir = path.join(work, 'dist');
      const build = await buildSite({ agentsDir: path.resolve('agents'), outDir, workDir: work, env: { SITE_URL: '', BASE_PATH: '' } });
      const tail = build.lines.slice(-20).map((line) => `  | ${line.text}`).join('\n');
      assert.equal(build.code, 0, `astro build of agents/ failed (exit ${build.code}):\n${tail}`);
    }
    weight = await weighPage(outDir, `/agents/${BUDGET_AGENT}/`);
    home = await weighPage(outDir, '/');
    elements = await countBuildElements(outDir, BUDGETS.pageElements.limit);
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  for (const id of ['agentHtml', 'agentJs', 'agentCss'] as const) {
    test(`${BUDGETS[id].label} ${formatBudget(BUDGETS[id])}`, (t) => {
      if (unavailable) return t.skip(unavailable);
      const check = agentPageChecks(weight!).find((c) => c.id === id)!;
      const files = id === 'agentJs' ? weight!.js : id === 'agentCss' ? weight!.css : [weight!.html];
      const detail = files.map((f) => `${f.url} ${formatValue('bytes', f.gzip)}`).join(', ');
      assert.ok(check.pass, `${formatValue('bytes', check.value)} gzipped, over ${formatBudget(BUDGETS[id])}: ${detail}`);
    });
  }

  test(`${BUDGETS.homeHtml.label} ${formatBudget(BUDGETS.homeHtml)}`, (t) => {
    if (unavailable) return t.skip(unavailable);
    assert.ok(withinBudget(BUDGETS.homeHtml, home!.totals.html), `${formatValue('bytes', home!.totals.html)} gzipped`);
  });

  test(`${BUDGETS.homeElements.label} and every page's ${formatBudget(BUDGETS.pageElements)} elements`, (t) => {
    if (unavailable) return t.skip(unavailable);
    const { counts, over } = elements!;
    assert.ok(counts.size > 10, `${counts.size} pages counted`);
    assert.ok(withinBudget(BUDGETS.homeElements, counts.get('/')!), `home page: ${counts.get('/')} elements`);
    assert.deepEqual(over, [], 'pages over the element budget');
  });

  test('the weighed page is a real agent page that loads scripts and styles', (t) => {
    if (unavailable) return t.skip(unavailable);
    assert.ok(weight!.html.bytes > 1000, 'the page has content');
    assert.ok(weight!.css.length > 0, 'at least one screen stylesheet is linked');
    assert.ok(weight!.js.length > 0, 'at least one module script runs before interaction');
  });
});

describe('measuring helpers', () => {
  test('staticImports finds static imports and re-exports, not import()', () => {
    const rows: Array<[string, string[]]> = [
      ['import{a as b}from"./x.js";import"./y.js";', ['./x.js', './y.js']],
      ['const m=1;\nimport * as z from "./z.js"', ['./z.js']],
      ["export{q}from'./q.js';export{r as s};", ['./q.js']],
      ['const p=import(`./lazy.js`);import("./lazy2.js")', []],
      ['import.meta.url', []],
    ];
    for (const [code, expected] of rows) assert.deepEqual(staticImports(code), expected, code);
  });

  test('fileForUrl maps URL paths under the base to built files', () => {
    const rows: Array<[string, string, string | undefined]> = [
      ['/', '/', '/out/index.html'],
      ['/agents/x/', '/', '/out/agents/x/index.html'],
      ['/_astro/a.css', '/', '/out/_astro/a.css'],
      ['/catalog/agents/x/', '/catalog/', '/out/agents/x/index.html'],
      ['/catalog/_astro/a.js?v=1', '/catalog/', '/out/_astro/a.js'],
      ['https://cdn.example/x.js', '/', undefined],
    ];
    for (const [url, base, expected] of rows) assert.equal(fileForUrl('/out', url, base), expected, `${url} under ${base}`);
  });

  test('countElements counts the elements a browser parses, with scripting on', () => {
    const rows: Array<[string, number]> = [
      ['<!doctype html><html><head><title>t</title></head><body><p>a</p></body></html>', 5],
      // The parser supplies <html>, <head> and <body>.
      ['<p>a<p>b', 5],
      ['<!DOCTYPE html><html lang="en"><meta charset="utf-8"><body><br><img src=x alt=""></body></html>', 6],
      // Comments, CDATA and end tags are no elements; `<` in text or in a quoted attribute opens none.
      ['<body><!-- <div> --><svg><![CDATA[<g>]]></svg> a < b <a title="x > <b>" data-x=\'<i>\'>y</a></body>', 5],
      // Raw text: what looks like tags inside script, style, textarea, title and noscript is text.
      ['<body><script>let s = "<div><p>";</script><style>a::before{content:"<b>"}</style><noscript><p>x</p></noscript></body>', 6],
      ['<body><SCRIPT type="module">if (a<b) x("</scriptx>")</SCRIPT ><textarea><b></textarea></body>', 5],
      // A template's content is not in the document until cloned; nested templates too.
      ['<body><template><p><template><i></i></template></p></template><hr></body>', 5],
      // Upper case, custom elements and SVG count like any element.
      ['<HTML><HEAD></HEAD><BODY><my-card><svg viewBox="0 0 1 1"><path d="M0 0"/></svg></my-card></BODY></HTML>', 6],
    ];
    for (const [html, expected] of rows) assert.equal(countElements(html), expected, html);
  });

  test('pageForFile names a built file by its URL path', () => {
    const rows: Array<[string, string]> = [
      ['/out/index.html', '/'],
      ['/out/agents/x/index.html', '/agents/x/'],
      ['/out/404.html', '/404.html'],
      ['/out/all/2/index.html', '/all/2/'],
    ];
    for (const [file, page] of rows) assert.equal(pageForFile('/out', file), page, file);
  });

  test('a build: every page counted, the largest named, those over the limit listed; the views found or not', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-elements-'));
    try {
      // UTF-8 text around the tags: the files are read as latin1 (elements.ts), which must not change the count.
      const page = (elements: number) => `<!doctype html><html><head><title>Café — ✓ 漢字</title></head><body>${'<i title="é→">ü</i>'.repeat(elements - 4)}</body></html>`;
      const files: Array<[string, number]> = [
        ['index.html', 40],
        ['categories/security/index.html', 90],
        ['categories/data/index.html', 30],
        ['categories/data/2/index.html', 20],
        ['all/index.html', 70],
        ['agents/a/index.html', 60],
      ];
      for (const [file, elements] of files) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), page(elements));
      }
      await writeFile(path.join(dir, 'agents.json'), '<p>not a page</p>');
      const counted = await countBuildElements(dir, 50);
      assert.equal(counted.counts.size, 6);
      assert.equal(counted.counts.get('/categories/data/2/'), 20);
      assert.deepEqual(counted.largest, { page: '/categories/security/', elements: 90 });
      assert.deepEqual(counted.over.map((p) => p.page), ['/categories/security/', '/all/', '/agents/a/']);
      assert.deepEqual(await findViews(dir), [
        { name: 'home', page: '/' },
        { name: 'category', page: '/categories/data/' },
        { name: 'all agents', page: '/all/' },
      ]);

      await rm(path.join(dir, 'categories'), { recursive: true });
      await rm(path.join(dir, 'all'), { recursive: true });
      assert.deepEqual(await findViews(dir), [
        { name: 'home', page: '/' },
        { name: 'category', page: undefined },
        { name: 'all agents', page: undefined },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('budgets compare in the right direction', () => {
    const rows: Array<[keyof typeof BUDGETS, number, boolean]> = [
      ['agentHtml', 12 * KB, true],
      ['agentHtml', 12 * KB + 1, false],
      ['homeHtml', 30 * KB, true],
      ['homeHtml', 30 * KB + 1, false],
      ['homeElements', 1500, true],
      ['pageElements', 1501, false],
      ['searchLatency', 150, true],
      ['lighthouse', 100, true],
      ['lighthouse', 99, false],
      ['scaleRatio', 1.21, false],
    ];
    for (const [id, value, pass] of rows) assert.equal(withinBudget(BUDGETS[id], value), pass, `${id} at ${value}`);
  });

  test('parsePhases reads Astro and Pagefind log lines', () => {
    const lines = [
      [100, '04:21:37 [content] Syncing content'],
      [200, '04:21:37 [agent-docs:agents] 13 agents, 0 skipped, from /x in 93 ms'],
      [250, '04:21:37 [content] Synced content'],
      [900, ' generating static routes '],
      [910, '04:21:38   ├─ /index.html (+3ms) '],
      [920, '04:21:38   └─ /404.html (+1ms) '],
      [930, '04:21:38 ✓ Completed in 7m 3s.'],
      [940, '04:21:38 [build] ✓ Completed in 1.2s.'],
      [990, '04:21:38 [agent-docs:pagefind] indexed 16 pages in 255 ms'],
    ].map(([at, text]) => ({ at: at as number, text: text as string }));
    assert.deepEqual(parsePhases(lines), {
      startup: 100,
      contentSync: 150,
      bundling: 650,
      routes: 2,
      pageGeneration: 423_000,
      loader: 93,
      indexedPages: 16,
      searchIndex: 255,
    });
  });
});
