/**
 * Agent files parsed on worker threads (src/agents/parse-pool.ts): the catalog is the same whichever thread parsed a
 * file, in the same order, and a catalog too small to be worth a worker is parsed here alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCatalog } from '../../scripts/generate-agents.ts';
import { loadCatalog } from '../../src/agents/index.ts';
import { loadAgents, PARSE_POOL_MIN_FILES } from '../../src/agents/parse-pool.ts';
import { loadAgent } from '../../src/agents/load-agent.ts';
import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const dir = mkdtempSync(path.join(tmpdir(), 'parse-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('agent files parsed on worker threads', () => {
  test('a catalog parsed with two workers equals one parsed on this thread alone, file for file and in order', async () => {
    await generateCatalog(160, dir, { include: path.resolve(import.meta.dirname, '../../agents') });
    const [alone, pooled] = [await loadCatalog(dir, { workers: 0 }), await loadCatalog(dir, { workers: 2 })];
    assert.ok(alone.agents.length >= 160, `a real catalog (${alone.agents.length} agents)`);
    assert.deepEqual(pooled, alone);
  });

  test('the workers really parse: files reach them when the list is long enough, none when it is short', async () => {
    const inputs = Array.from({ length: PARSE_POOL_MIN_FILES * 4 }, (_, i) => ({ file: `a${i}.md`, text: `---\nname: a${i}\ndescription: Use this agent when ${i}.\n---\n\nYou do ${i}.\n` }));
    const started: Worker[] = [];
    const spy = (worker: Worker) => started.push(worker);
    process.on('worker', spy);
    try {
      assert.deepEqual(await loadAgents(inputs.slice(0, PARSE_POOL_MIN_FILES - 1), 2), inputs.slice(0, PARSE_POOL_MIN_FILES - 1).map((i) => loadAgent(i)));
      assert.equal(started.length, 0, 'a short list is parsed here alone');
      assert.deepEqual(await loadAgents(inputs, 2), inputs.map((i) => loadAgent(i)));
      assert.equal(started.length, 2, 'two workers started for a long list');
    } finally {
      process.off('worker', spy);
    }
  });

  test('once the list is done, the workers hold nothing of what was parsed', async () => {
    // Node keeps a worker object until its thread has exited, and at 10,000 agents the whole parsed catalog stayed
    // reachable from the workers' listeners meanwhile. The workers are held here, so only what they reach counts.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const inputs = Array.from({ length: PARSE_POOL_MIN_FILES * 2 }, (_, i) => ({ file: `b${i}.md`, text: `---\nname: b${i}\ndescription: Use this agent when ${i}.\n---\n\nYou do ${i}.\n` }));
    const workers: Worker[] = [];
    const spy = (worker: Worker) => workers.push(worker);
    let collected = false;
    const registry = new FinalizationRegistry(() => (collected = true));
    process.on('worker', spy);
    try {
      await (async () => {
        const parsed = await loadAgents(inputs, 2);
        registry.register(parsed[parsed.length - 1]!, 'last');
      })();
    } finally {
      process.off('worker', spy);
    }
    gc();
    // The registry's callback runs a few turns of the event loop after the collection, or never.
    for (let turn = 0; turn < 100 && !collected; turn++) await new Promise(setImmediate);
    assert.equal(workers.length, 2, 'two workers parsed');
    assert.ok(collected, 'the parsed agents were collected while the workers were still reachable');
  });
});
