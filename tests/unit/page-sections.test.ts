/**
 * The agent page's sections are declared once (src/agents/page-sections.ts): the page renders them, "On this page"
 * lists them, the dev search document indexes the indexed ones under the same ids, and prompt headings never take
 * their ids. This holds the three readers to the declaration.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';
import { AGENT_SECTIONS } from '../../src/agents/page-sections.ts';
import { PAGE_IDS } from '../../src/agents/markdown.ts';
import { toStored } from '../../src/agents/types.ts';
import { keepCatalog, promptHtml, siteCatalog } from '../../src/site/catalog.ts';
import { searchDocument } from '../../src/integrations/dev-search-document.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const seed = await loadCatalog(path.join(ROOT, 'agents'));
keepCatalog(seed.agents.map((a) => toStored(a)), { layout: seed.layout, plugins: seed.plugins });
const catalog = siteCatalog();

describe('the agent page is described once', () => {
  test("prompt headings never take a section's id", () => {
    for (const { id } of AGENT_SECTIONS) assert.ok(PAGE_IDS.includes(id), id);
  });

  test("the dev search document's sections are the page's indexed sections, in page order, for every seed agent", () => {
    const shapes = new Set<string>();
    for (const agent of catalog.agents) {
      const data = catalog.data(agent);
      const doc = searchDocument(data, promptHtml(agent, false));
      const ids = [...doc.matchAll(/<h2 id="([^"]+)">/g)].map((m) => m[1]);
      const indexed = data.sections.filter((s) => s.indexed).map((s) => s.id);
      assert.deepEqual(ids, indexed, agent.slug);
      shapes.add(data.sections.map((s) => s.id).join(' '));
    }
    assert.ok(shapes.size > 1, 'the seed has agents with and without optional sections');
  });

  test('the page renders only the declared sections: no section id written into [slug].astro', () => {
    const page = readFileSync(path.join(ROOT, 'src/pages/agents/[slug].astro'), 'utf8');
    for (const { id } of AGENT_SECTIONS) assert.ok(!new RegExp(`\\sid="${id}"|aria-labelledby="${id}"`).test(page), id);
    assert.match(page, /data\.sections\.map/);
    assert.match(page, /<OnThisPage sections=\{data\.sections\}/);
  });
});
