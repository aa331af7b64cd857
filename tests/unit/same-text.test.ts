/**
 * An aggregate plugin that repeats its topic plugins' files (tests/fixtures/repos/aggregate-market): both copies stay
 * agents, as in Claude Code (`all-agents:x` and `topic:x`), and each knows the other by the file's bytes; a copy that
 * drifted by a word is not the same text. Many copies of one file keep short lists.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';
import { scratchFolder } from './scratch.ts';

test('an aggregate plugin\'s copies are agents of their own, each linked to the other', async () => {
  const catalog = await loadCatalog(path.resolve(import.meta.dirname, '../fixtures/repos/aggregate-market'));
  const of = (file: string) => catalog.agents.find((a) => a.file === file)!;
  assert.equal(catalog.agents.length, 6);
  const topic = of('plugins/review-tools/agents/diff-reader.md');
  const bundled = of('plugins/all-agents/agents/diff-reader.md');
  assert.deepEqual([topic.plugin, bundled.plugin], ['review-tools', 'all-agents']);
  assert.deepEqual(topic.sameText, [{ slug: bundled.slug, file: bundled.file, plugin: 'all-agents' }]);
  assert.deepEqual(bundled.sameText, [{ slug: topic.slug, file: topic.file, plugin: 'review-tools' }]);
  assert.equal(topic.sameTextCount, 1);
  // pager-scribe's copy lost two words: two texts, no link.
  assert.equal(of('plugins/ops-tools/agents/pager-scribe.md').sameText, undefined);
  assert.equal(of('plugins/all-agents/agents/pager-scribe.md').sameText, undefined);
});

test('thirty copies of one file: each lists ten others and counts them all', async () => {
  const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`team-${i}/echo.md`, '---\nname: echo\ndescription: Says it back.\n---\n\nRepeat what you are told.\n']));
  const root = scratchFolder(files);
  const catalog = await loadCatalog(root);
  assert.equal(catalog.agents.length, 30);
  for (const agent of catalog.agents) {
    assert.equal(agent.sameText?.length, 10);
    assert.equal(agent.sameTextCount, 29);
    assert.ok(!agent.sameText!.some((other) => other.slug === agent.slug));
  }
});
