/**
 * What an agent's prompt takes from its plugin (src/agents/plugin-needs.ts): the reasons the page gives for offering
 * the whole plugin first, on the marketplace fixture and on small texts, including the names it must not take for a
 * dependency (a longer name, the agent's own name, a plugin of another name).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';
import { pluginNeeds, type PluginNeedsInput } from '../../src/agents/plugin-needs.ts';

const contents: PluginNeedsInput['contents'] = {
  agents: [
    { name: 'kit:planner', slug: 'planner', summary: '', loads: true },
    { name: 'kit:runner', slug: 'runner', summary: '', loads: true },
  ],
  skills: [{ name: 'kit:sizing', file: 'plugins/kit/skills/sizing/SKILL.md' }],
  commands: [{ name: 'kit:status', file: 'plugins/kit/commands/status.md' }],
};
const needs = (text: string, more: Partial<PluginNeedsInput> = {}) =>
  pluginNeeds({ texts: [text], pluginNames: ['kit'], ownName: 'kit:runner', contents, ...more });

test('a prompt that uses the plugin\'s folder, skills, commands or other agents needs the plugin', () => {
  assert.deepEqual(needs('Run ${CLAUDE_PLUGIN_ROOT}/bin/check first.'), ['files under ${CLAUDE_PLUGIN_ROOT}']);
  assert.deepEqual(needs('Keep state in $CLAUDE_PLUGIN_DATA/state.json.'), ['files under ${CLAUDE_PLUGIN_DATA}']);
  assert.deepEqual(needs('Ask kit:planner for a plan, size it with kit:sizing, then run /kit:status.'), ['the skill kit:sizing', 'the command /kit:status', 'the agent kit:planner']);
  assert.deepEqual(needs('Nothing special.', { skills: ['sizing'] }), ['the skill kit:sizing, which it preloads']);
  assert.deepEqual(needs('Nothing special.', { skills: ['kit:sizing'] }), ['the skill kit:sizing, which it preloads']);
});

test('names that only look like the plugin\'s do not count', () => {
  // Its own name, a longer name, another plugin's component, a variable of another name.
  assert.deepEqual(needs('You are kit:runner. Use kit:sizing-v2, other:planner, ${CLAUDE_PLUGIN_ROOTS} and ${CLAUDE_PROJECT_DIR}.'), []);
  // The plugin's other name (its plugin.json name against the marketplace entry's) counts too.
  assert.deepEqual(needs('Ask kit-entry:planner.', { pluginNames: ['kit', 'kit-entry'] }), ['the agent kit:planner']);
  // An agent in a folder of agents/ is named with the folder between.
  assert.deepEqual(pluginNeeds({ texts: ['Hand over to kit:reviews:editor.'], pluginNames: ['kit'], contents: { ...contents, agents: [{ name: 'kit:reviews:editor', slug: 'editor', summary: '', loads: true }] } }), ['the agent kit:reviews:editor']);
});

test('on the marketplace fixture: backfill-runner needs its plugin, sql-tuner does not', async () => {
  const catalog = await loadCatalog(path.resolve(import.meta.dirname, '../fixtures/repos/marketplace-plugins'));
  const byName = new Map(catalog.agents.map((a) => [a.name, a]));
  assert.deepEqual(byName.get('backfill-runner')?.pluginNeeds, ['files under ${CLAUDE_PLUGIN_ROOT}', 'the skill data-pipelines:backfill-planner']);
  assert.equal(byName.get('sql-tuner')?.pluginNeeds, undefined);
});
