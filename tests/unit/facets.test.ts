/** The facets the catalog's filters and the search's selects share: the same values, groups and labels (facets.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentFields } from '../../src/agents/types.ts';
import { searchFilters, filterOptions } from '../../src/site/search-meta.ts';
import { agentFacets, listingFacets } from '../../src/site/facets.ts';

const agent = (category: string, fields: Partial<AgentFields>) => ({ category, fields: { name: 'a', description: 'x', ...fields } as AgentFields });

describe("an agent's search filters are the catalog facets' values", () => {
  const rows: Array<[string, ReturnType<typeof agent> & { plugin?: string }, Record<string, string[]>]> = [
    [
      'no model, no colour, every tool',
      agent('infrastructure', {}),
      { model: ['inherit'], category: ['infrastructure'], plugin: [], color: ['none'], tools: ['all'], can: ['runs-commands', 'changes-files', 'web', 'agents'] },
    ],
    [
      'a model id by family, a hex colour as other, read-only tools',
      agent('review', { model: 'claude-sonnet-4-5-20250929', color: '#ff0000', tools: ['Read', 'Grep'] }),
      { model: ['sonnet'], category: ['review'], plugin: [], color: ['other'], tools: ['read-only'], can: [] },
    ],
    [
      'an unknown model as other, an unknown colour as other, MCP tools',
      agent('ops', { model: 'gpt-4o', color: 'gold', tools: ['Bash', 'mcp__github__create_issue'] }),
      { model: ['other'], category: ['ops'], plugin: [], color: ['other'], tools: ['custom', 'mcp'], can: ['runs-commands'] },
    ],
    [
      'a plugin agent: its plugin, as named',
      { ...agent('data', { model: 'haiku' }), plugin: 'all-agents' },
      { model: ['haiku'], category: ['data'], plugin: ['all-agents'], color: ['none'], tools: ['all'], can: ['runs-commands', 'changes-files', 'web', 'agents'] },
    ],
    ['a display name by family, a known colour', agent('x', { model: 'Claude Haiku 4.5 (copilot)', color: 'cyan', tools: [] }), { model: ['haiku'], category: ['x'], plugin: [], color: ['cyan'], tools: ['custom'], can: [] }],
  ];
  for (const [name, input, expected] of rows) test(name, () => assert.deepEqual(searchFilters(agentFacets(input)), expected));
});

describe("the search selects' options: the catalog's labels and order, with counts", () => {
  const options = filterOptions([
    agent('review', { model: 'haiku', color: 'none-such', tools: ['Read'] }),
    agent('review', { model: 'claude-opus-4-1', color: 'red', tools: ['Bash', 'mcp__gh__x'] }),
    agent('data', { model: 'fable' }),
    agent('data', { model: 'Sonnet', color: 'Blue' }),
  ].map((a) => agentFacets(a)));
  const shown = (name: string) => options[name].map(({ value, label, count }) => `${value}=${label} (${count})`);
  test('models by family, Opus to Other', () => assert.deepEqual(shown('model'), ['opus=Opus (1)', 'sonnet=Sonnet (1)', 'haiku=Haiku (1)', 'other=Other (1)']));
  test('categories capitalised, alphabetically', () => assert.deepEqual(shown('category'), ['data=Data (2)', 'review=Review (2)']));
  test("Claude Code's colours, then other colours, then no colour", () => assert.deepEqual(shown('color'), ['red=red (1)', 'other=other colours (2)', 'none=no colour (1)']));
  test('tool access as the catalog says it', () =>
    assert.deepEqual(shown('tools'), ['all=All tools (inherits) (2)', 'read-only=Read-only: no Write, Edit or Bash (1)', 'custom=Custom list (1)', 'mcp=Uses MCP tools (1)']));
  test('what the agents can do, in the catalog’s words', () =>
    assert.deepEqual(shown('can'), ['runs-commands=Runs shell commands (3)', 'changes-files=Changes files (2)', 'web=Uses the web (2)', 'agents=Starts other agents (2)']));
});

describe("a listing's facets offer only what narrows it (listingFacets)", () => {
  /** One agent's values in filter-match.ts FACETS order: category, model family, colour, tools, can, model id, plugin. */
  const row = (category: string, model: string, id: string, can: string[], color = 'blue', tools = ['custom'], plugin: string[] = []) => [[category], [model], [color], tools, can, [id], plugin];
  const facets = (agents: string[][][]) => Object.fromEntries(listingFacets(agents).map((f) => [f.name, f.options.map((o) => `${o.value} ${o.count}`)]));
  const rows: Array<[string, string[][][], Record<string, string[]>]> = [
    [
      'a category page where every agent runs commands: no "Runs shell commands 3 of 3", no category, no colour',
      [row('ops', 'opus', 'opus', ['runs-commands', 'web']), row('ops', 'sonnet', 'sonnet', ['runs-commands']), row('ops', 'sonnet', 'sonnet', ['runs-commands', 'changes-files'])],
      { model: ['opus 1', 'sonnet 2'], can: ['changes-files 1', 'web 1'] },
    ],
    [
      'a family written two ways: the model ids list every id the agents use, claude-opus-4-6 included',
      [
        row('a', 'sonnet', 'sonnet', []),
        row('a', 'sonnet', 'claude-sonnet-4-5', []),
        row('b', 'opus', 'claude-opus-4-6', []),
        row('b', 'opus', 'claude-opus-4-6', []),
        row('b', 'inherit', 'inherit', []),
      ],
      {
        category: ['a 2', 'b 3'],
        model: ['opus 2', 'sonnet 2', 'inherit 1'],
        'model-id': ['claude-opus-4-6 2', 'sonnet 1', 'claude-sonnet-4-5 1', 'inherit 1'],
      },
    ],
    [
      'each family written one way: no model-id facet (the Model facet says it all)',
      [row('a', 'sonnet', 'sonnet', [], 'red'), row('a', 'opus', 'claude-opus-4-6', [], 'blue')],
      { model: ['opus 1', 'sonnet 1'], color: ['red 1', 'blue 1'] },
    ],
    [
      'a multi-valued facet keeps the one option that narrows',
      [row('a', 'sonnet', 'sonnet', [], 'red', ['all']), row('a', 'sonnet', 'sonnet', [], 'red', ['all', 'mcp'])],
      { tools: ['mcp 1'] },
    ],
    [
      'an aggregate plugin beside topic plugins: a Plugin facet, plugins in the order their agents come; none on a plugin\'s own page',
      [row('a', 'sonnet', 'sonnet', [], 'red', ['all'], ['review-tools']), row('a', 'sonnet', 'sonnet', [], 'red', ['all'], ['all-agents']), row('a', 'sonnet', 'sonnet', [], 'red', ['all'], ['all-agents'])],
      { plugin: ['review-tools 1', 'all-agents 2'] },
    ],
    ['one plugin: nothing to narrow', [row('a', 'sonnet', 'sonnet', [], 'red', ['all'], ['all-agents']), row('a', 'opus', 'opus', [], 'red', ['all'], ['all-agents'])], { model: ['opus 1', 'sonnet 1'] }],
  ];
  for (const [name, agents, expected] of rows) test(name, () => assert.deepEqual(facets(agents), expected));
});
