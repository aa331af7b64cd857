/**
 * The search engine (next to Pagefind, in the worker) and the page's client of it: what crosses between them, and
 * that only the newest query is worked on (src/scripts/search-engine.ts, search-client.ts). Pagefind is a stand-in
 * whose searches and result data resolve when the test says so.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SearchEngine, toHit, type Reply, type Request } from '../../src/scripts/search-engine.ts';
import { SearchClient, Superseded, type Found } from '../../src/scripts/search-client.ts';
import type { Pagefind, PagefindFragment, PagefindResult } from '../../src/scripts/search-pagefind.ts';

function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => ([resolve, reject] = [ok, fail]));
  return { promise, resolve, reject };
}

/** A turn of the event loop: what the engine waits for to let queued requests in. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Until everything the stand-ins started has run (they only wait for turns and for the test). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await turn();
};

const fragment = (url: string): PagefindFragment => ({
  url: `${url}?highlight=x`,
  raw_url: url,
  excerpt: '<mark>x</mark>',
  plain_excerpt: 'x',
  sub_results: [{ title: 'T', url: `${url}#t`, excerpt: 'x', anchor: { id: 't' } }],
  meta: { title: url },
  filters: { category: ['c'] },
  // What Pagefind's data has beyond what a result shows: the page's whole text.
  ...({ content: 'the whole page '.repeat(1000), word_count: 3000, locations: [1, 2] } as object),
});

/** A Pagefind whose `search(term)` waits for `answer(term, n)`, with n results whose data resolve at once. */
function fakePagefind() {
  const asked: string[] = [];
  const pending = new Map<string, ReturnType<typeof later<{ results: PagefindResult[]; unfilteredResultCount: number }>>>();
  const dataLoaded: string[] = [];
  const pagefind = {
    search: (term: string | null) => {
      asked.push(String(term));
      const answer = later<{ results: PagefindResult[]; unfilteredResultCount: number }>();
      pending.set(String(term), answer);
      return answer.promise;
    },
  } as unknown as Pagefind;
  const answer = (term: string, n: number) => {
    const results = Array.from({ length: n }, (_, i) => ({
      id: `${term}-${i}`,
      data: async () => (dataLoaded.push(`${term}-${i}`), fragment(`/agents/${term}-${i}/`)),
    }));
    pending.get(term)!.resolve({ results, unfilteredResultCount: n });
  };
  const answerWith = (term: string, results: PagefindResult[]) => pending.get(term)!.resolve({ results, unfilteredResultCount: results.length });
  return { pagefind, asked, answer, answerWith, dataLoaded };
}

function engineWith(load: () => Promise<Pagefind>) {
  const replies: Reply[] = [];
  const engine = new SearchEngine(load, (reply) => replies.push(reply), turn);
  return { engine, replies };
}

const search = (id: number, term: string, count = 2): Request => ({ type: 'search', id, term, filters: {}, count });

describe('the search engine', () => {
  test('answers a search with its count, then the data of its first results only, without the page text', async () => {
    const fake = fakePagefind();
    const { engine, replies } = engineWith(async () => fake.pagefind);
    const done = engine.handle(search(1, 'review', 2));
    await settle();
    fake.answer('review', 5000);
    await done;
    assert.deepEqual(replies[0], { type: 'found', id: 1, total: 5000 });
    const hits = replies.filter((r) => r.type === 'hit');
    assert.deepEqual(
      hits.map((r) => r.index),
      [0, 1],
    );
    assert.deepEqual(fake.dataLoaded, ['review-0', 'review-1'], 'only the shown results load their data');
    const [first] = hits;
    assert.equal(first.hit.raw_url, '/agents/review-0/');
    assert.deepEqual(Object.keys(first.hit).sort(), ['excerpt', 'filters', 'meta', 'plain_excerpt', 'raw_url', 'sub_results', 'url']);
  });

  test('sends results of the newest search when asked, and none of an older one', async () => {
    const fake = fakePagefind();
    const { engine, replies } = engineWith(async () => fake.pagefind);
    const first = engine.handle(search(1, 'a', 2));
    await settle();
    fake.answer('a', 10);
    await first;
    await engine.handle({ type: 'hits', id: 1, from: 2, count: 3 });
    assert.deepEqual(
      replies.filter((r) => r.type === 'hit').map((r) => r.index),
      [0, 1, 2, 3, 4],
    );
    const second = engine.handle(search(2, 'b'));
    await settle();
    fake.answer('b', 10);
    await second;
    replies.length = 0;
    await engine.handle({ type: 'hits', id: 1, from: 5, count: 3 });
    await settle();
    assert.deepEqual(replies, [], 'search 1 is no longer the newest');
  });

  test('drops a search overtaken while Pagefind loaded, and runs only the newest', async () => {
    const fake = fakePagefind();
    const loading = later<Pagefind>();
    const { engine, replies } = engineWith(() => loading.promise);
    const older = engine.handle(search(1, 're'));
    const newer = engine.handle(search(2, 'review'));
    loading.resolve(fake.pagefind);
    await older;
    await settle();
    assert.deepEqual(fake.asked, ['review']);
    assert.deepEqual(replies, [{ type: 'superseded', id: 1 }]);
    fake.answer('review', 1);
    await newer;
    assert.deepEqual(replies[1], { type: 'found', id: 2, total: 1 });
  });

  test('runs only the newest of the searches that arrived while one ran, and sends nothing for the one overtaken', async () => {
    const fake = fakePagefind();
    const { engine, replies } = engineWith(async () => fake.pagefind);
    const running = engine.handle(search(1, 'r'));
    await settle();
    assert.deepEqual(fake.asked, ['r']);
    // While "r" runs, "re" and "rev" arrive; the event loop hands them over one turn apart, as it does messages.
    const waiting = [engine.handle(search(2, 're'))];
    await turn();
    waiting.push(engine.handle(search(3, 'rev')));
    await settle();
    fake.answer('r', 100);
    await running;
    await settle();
    assert.deepEqual(fake.asked, ['r', 'rev'], '"re" never ran');
    assert.deepEqual(fake.dataLoaded, ['r-0'], '"r", overtaken while it ran, only fetches its first result for the next');
    fake.answer('rev', 3);
    await Promise.all(waiting);
    assert.deepEqual(replies, [
      { type: 'superseded', id: 1 },
      { type: 'superseded', id: 2 },
      { type: 'found', id: 3, total: 3 },
      ...['rev-0', 'rev-1'].map((slug, index) => ({ type: 'hit', id: 3, index, hit: toHit(fragment(`/agents/${slug}/`)) })),
    ]);
  });

  test('a search asked for while another runs waits for it, then runs only if still the newest', async () => {
    const fake = fakePagefind();
    const { engine, replies } = engineWith(async () => fake.pagefind);
    const running = engine.handle(search(1, 're'));
    await settle();
    // "rev" and then "revi" arrive while "re" runs (Pagefind awaiting its index mid-search), each well after the last.
    const rev = engine.handle(search(2, 'rev'));
    await settle();
    assert.deepEqual(fake.asked, ['re'], '"rev" does not run beside "re"');
    const revi = engine.handle(search(3, 'revi'));
    await settle();
    fake.answer('re', 10);
    await Promise.all([running, rev]);
    await settle();
    assert.deepEqual(fake.asked, ['re', 'revi'], 'once "re" is done, only the newest runs');
    fake.answer('revi', 1);
    await revi;
    assert.deepEqual(
      replies.flatMap((r) => (r.type === 'superseded' || r.type === 'found' ? [[r.type, r.id]] : [])),
      [
        ['superseded', 1],
        ['superseded', 2],
        ['found', 3],
      ],
    );
  });

  test('loads the first result on its own, the others once it is in', async () => {
    const fake = fakePagefind();
    const { engine } = engineWith(async () => fake.pagefind);
    const started: number[] = [];
    const first = later<PagefindFragment>();
    const done = engine.handle(search(1, 'x', 3));
    await settle();
    const results = [0, 1, 2].map((i) => ({ id: `${i}`, data: () => (started.push(i), i === 0 ? first.promise : Promise.resolve(fragment(`/${i}/`))) }));
    fake.answerWith('x', results);
    await settle();
    assert.deepEqual(started, [0]);
    first.resolve(fragment('/0/'));
    await done;
    assert.deepEqual(started, [0, 1, 2]);
  });

  test('a failed load says so, and the next request tries again', async () => {
    let attempts = 0;
    const fake = fakePagefind();
    const { engine, replies } = engineWith(async () => {
      if (++attempts === 1) throw new Error('offline');
      return fake.pagefind;
    });
    await engine.handle({ type: 'load' });
    await engine.handle({ type: 'load' });
    assert.deepEqual(replies, [{ type: 'error', message: 'offline' }, { type: 'ready' }]);
  });
});

/** A client wired to a stand-in engine: the requests it sends, and a way to reply. */
function clientWithEngine() {
  const sent: Request[] = [];
  let reply!: (reply: Reply) => void;
  const client = new SearchClient((receive) => {
    reply = receive;
    return (request) => sent.push(request);
  });
  return { client, sent, reply: (r: Reply) => reply(r) };
}

describe('the search client', () => {
  test('sends every search at once, and answers each as the engine does', async () => {
    const { client, sent, reply } = clientWithEngine();
    const r = client.search('r', {}, 8);
    const re = client.search('re', {}, 8);
    assert.deepEqual(sent, [
      { type: 'search', id: 1, term: 'r', filters: {}, count: 8 },
      { type: 'search', id: 2, term: 're', filters: {}, count: 8 },
    ]);
    reply({ type: 'superseded', id: 1 });
    reply({ type: 'found', id: 2, total: 2 });
    assert.equal(await r, undefined);
    assert.equal((await re)?.total, 2);
  });

  test('hands out results as they arrive, asks only for those not yet asked for, and ends an older search’s', async () => {
    const { client, sent, reply } = clientWithEngine();
    const answer = client.search('review', {}, 2);
    reply({ type: 'found', id: 1, total: 5 });
    const found = (await answer) as Found;
    const [a, b] = found.hits(0, 2);
    assert.equal(sent.length, 1, 'the first two were asked for with the search');
    reply({ type: 'hit', id: 1, index: 1, hit: fragment('/b/') });
    reply({ type: 'hit', id: 1, index: 0, hit: fragment('/a/') });
    assert.equal((await a).raw_url, '/a/');
    assert.equal((await b).raw_url, '/b/');
    const more = found.hits(2, 2);
    assert.deepEqual(sent.at(-1), { type: 'hits', id: 1, from: 2, count: 2 });
    assert.equal(found.hits(4, 2).length, 1, 'five results in all');
    client.search('deploy', {}, 2);
    for (const hit of more) await assert.rejects(hit, Superseded);
    await assert.rejects(found.hits(4, 1)[0], Superseded);
  });

  test('a search that fails rejects; a failed load rejects load()', async () => {
    const { client, reply } = clientWithEngine();
    const loading = client.load();
    reply({ type: 'error', message: 'Failed to load Pagefind' });
    await assert.rejects(loading, /Failed to load Pagefind/);
    const answer = client.search('x', {}, 2);
    reply({ type: 'error', id: 1, message: 'boom' });
    await assert.rejects(answer, /boom/);
  });
});
