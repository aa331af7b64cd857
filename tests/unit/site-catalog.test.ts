/**
 * The catalog's one owner (src/site/catalog.ts): what it works out once per sync, what a page may still read after
 * the next sync in `astro dev`, and that nothing else reads the process-wide state or the store.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';
import { toStored } from '../../src/agents/types.ts';
import { catalogHandOver, givePrompt, keepCatalog, keepHandedOver, promptHtml, siteCatalog, takePrompt } from '../../src/site/catalog.ts';
import { listingFacets } from '../../src/site/facets.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const seed = await loadCatalog(path.join(ROOT, 'agents'));
const info = { layout: seed.layout, plugins: seed.plugins };
/** A fresh parse of the seed catalog as the loader keeps it, less the agents `drop` names. */
const keep = (drop: string[] = []) => keepCatalog(seed.agents.filter((a) => !drop.includes(a.slug)).map((a) => structuredClone(toStored(a))), info);

describe('the catalog of a sync', () => {
  test('agents in catalog order, each listing with its slug, each agent computed once', () => {
    keep();
    const catalog = siteCatalog();
    assert.equal(catalog.agents.length, seed.agents.length);
    assert.equal(siteCatalog(), catalog, 'computed once per sync');
    const first = catalog.agents[0]!;
    assert.equal(catalog.data(first), catalog.data(first), "an agent's data is worked out once");
    assert.equal(catalog.data(first).capabilities.file, catalog.data(first).capabilities.file);
    for (const listing of catalog.listings) {
      assert.equal(listing.route, `${listing.kind === 'category' ? 'categories' : 'plugins'}/${listing.slug}/`);
      assert.equal(catalog.categorySlugs.get(listing.name) ?? catalog.pluginSlugs.get(listing.name), listing.slug);
    }
    assert.equal(catalog.all.agents.length, catalog.agents.length);
    // Every page of a paginated listing shows the filters of all its agents: counted once per listing, not per page.
    const { agents } = catalog.all;
    assert.equal(catalog.filters(agents), catalog.filters(agents), "a listing's filters are worked out once");
    assert.deepEqual(catalog.filters(agents), listingFacets(agents.map((a) => catalog.data(a).facets)));
    keep();
    assert.notEqual(siteCatalog(), catalog, 'a new sync is computed again');
  });

  test('in dev, a page holding an agent removed by the next sync still renders it; the catalog no longer lists it', () => {
    keep();
    const removed = siteCatalog().agents.find((a) => a.slug === seed.agents[0]!.slug)!;
    const props = siteCatalog().data(removed);
    keep([removed.slug]);
    assert.ok(!siteCatalog().agents.some((a) => a.slug === removed.slug));
    assert.equal(siteCatalog().data(props.agent).agent.slug, removed.slug);
    assert.ok(promptHtml(props.agent, false).length > 0, 'its prompt is still there for the page that holds it');
  });

  test('a built page takes its prompt once; dev keeps it', () => {
    keep();
    const [a, b] = siteCatalog().agents;
    assert.ok(promptHtml(a!, true).length > 0);
    assert.throws(() => promptHtml(a!, true), new RegExp(`"${a!.slug}" was already taken by its page`));
    assert.equal(promptHtml(b!, false), promptHtml(b!, false));
  });

  test('handed to another thread, the catalog goes without its prompts; a prompt taken goes with its page, and back', () => {
    keep();
    const [a] = siteCatalog().agents;
    const html = promptHtml(a!, false);
    const handed = structuredClone(catalogHandOver());
    assert.ok(!JSON.stringify(handed).includes(html), 'no prompt in what is handed over');
    assert.equal(takePrompt(a!.slug), html);
    assert.equal(takePrompt(a!.slug), undefined, 'taken: this thread no longer has it');
    assert.throws(() => promptHtml(a!, true), /already taken/);
    // The other thread: the same agents, a prompt only once it is given.
    keepHandedOver(handed);
    const there = siteCatalog().bySlug.get(a!.slug)!;
    assert.throws(() => promptHtml(there, true), /was not kept/);
    givePrompt(a!.slug, html);
    assert.equal(promptHtml(there, true), html);
    assert.throws(() => givePrompt('no-such-agent', html), /No agent "no-such-agent"/);
  });
});

/** Every source file under src/, relative to the repository. */
const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(ts|mjs|astro|mdx)$/.test(e.name))
  .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));

describe('one owner', () => {
  test('no module but the catalog reads globalThis', () => {
    const allowed = ['src/site/catalog.ts'];
    const readers = sources.filter((file) => !allowed.includes(file) && /globalThis\s*(?:as|\)|\[|\.)/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    assert.deepEqual(readers, []);
  });

  test('pages, components, cards and site modules import neither src/integrations nor the content store', () => {
    const readers = sources.filter(
      (file) => /^src\/(pages|components|site|og)\//.test(file) && /from\s+['"](?:[./]*\/integrations\/|astro:content['"])/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    assert.deepEqual(readers, []);
  });
});
