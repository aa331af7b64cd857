/** "View source" / "Edit this agent" URLs (src/site/source.ts): settings → links, one row per shape of setup. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sourceLinks, type SourceSettings } from '../../src/site/source.ts';
import { isoDay } from '../../src/site/format.ts';
import { recentlyUpdated, sharedUpdateDay } from '../../src/site/outputs.ts';
import type { StoredAgent } from '../../src/agents/types.ts';

const root = path.resolve('/work/project');
const repo = 'https://github.com/acme/agents';

describe('sourceLinks', () => {
  const rows: Array<[string, Partial<SourceSettings>, string, { view: string; edit: string } | undefined]> = [
    ['no REPO_URL: nothing', { repoUrl: undefined }, 'infra/a.md', undefined],
    ['agents/ inside the project', {}, 'infra/a.md', { view: `${repo}/blob/main/agents/infra/a.md`, edit: `${repo}/edit/main/agents/infra/a.md` }],
    ['a nested AGENTS_DIR', { agentsDir: path.join(root, 'docs/agents') }, 'a.md', { view: `${repo}/blob/main/docs/agents/a.md`, edit: `${repo}/edit/main/docs/agents/a.md` }],
    ['AGENTS_DIR is the project root', { agentsDir: root }, 'a.md', { view: `${repo}/blob/main/a.md`, edit: `${repo}/edit/main/a.md` }],
    ['AGENTS_DIR outside the project, no override: nothing', { agentsDir: path.resolve('/elsewhere/agents') }, 'a.md', undefined],
    ['a sibling folder named like ..x is outside too', { agentsDir: path.resolve('/work/project-agents') }, 'a.md', undefined],
    ['REPO_AGENTS_PATH for another repository', { agentsDir: path.resolve('/elsewhere/agents'), repoAgentsPath: '/claude/agents/' }, 'a.md', { view: `${repo}/blob/main/claude/agents/a.md`, edit: `${repo}/edit/main/claude/agents/a.md` }],
    ['REPO_AGENTS_PATH "." is the repository root', { repoAgentsPath: '.' }, 'x/a.md', { view: `${repo}/blob/main/x/a.md`, edit: `${repo}/edit/main/x/a.md` }],
    ['each segment encoded, slashes kept', { repoBranch: 'release/v2' }, 'ops & infra/a b#1?.md', {
      view: `${repo}/blob/release/v2/agents/ops%20%26%20infra/a%20b%231%3F.md`,
      edit: `${repo}/edit/release/v2/agents/ops%20%26%20infra/a%20b%231%3F.md`,
    }],
  ];
  for (const [name, overrides, file, expected] of rows) {
    test(name, () => {
      const settings: SourceSettings = { repoUrl: repo, repoBranch: 'main', agentsDir: path.join(root, 'agents'), ...overrides };
      const links = sourceLinks(file, settings, root);
      assert.deepEqual(links && { view: links.view, edit: links.edit }, expected);
    });
  }
});

describe('recently updated', () => {
  const agent = (name: string, updated?: string) => ({ name, slug: name, updated }) as StoredAgent;
  test('newest first, ties by name, undated left out, at most the count', () => {
    const agents = [agent('b', '2026-01-02T00:00:00Z'), agent('a', '2026-01-02T00:00:00Z'), agent('c'), agent('d', '2026-03-01T00:00:00Z'), agent('e', '2025-01-01T00:00:00Z')];
    assert.deepEqual(recentlyUpdated(agents, 3).map((a) => a.name), ['d', 'a', 'b']);
    assert.deepEqual(recentlyUpdated([agent('c')]), []);
  });
  const shared: Array<[string, Array<string | undefined>, ReturnType<typeof sharedUpdateDay>]> = [
    ['a shallow clone: every file on its one commit\'s day', ['2026-11-26T04:29:32Z', '2026-11-26T04:29:32Z', '2026-11-26T18:00:00Z'], { day: '2026-11-26', agents: 3 }],
    ['files copied without history: the dated ones share a day, the rest have none', ['2026-11-26T04:29:32Z', undefined, '2026-11-26T08:00:00Z'], { day: '2026-11-26', agents: 2 }],
    ['a history with two days tells them apart', ['2026-11-26T04:29:32Z', '2026-11-25T23:00:00Z'], undefined],
    ['one dated agent is no pattern', ['2026-11-26T04:29:32Z', undefined], undefined],
    ['no dates at all', [undefined, undefined], undefined],
  ];
  for (const [name, dates, expected] of shared) {
    test(`one shared day: ${name}`, () => assert.deepEqual(sharedUpdateDay(dates.map((updated, i) => agent(`a${i}`, updated))), expected));
  }
  const days: Array<[string, string]> = [
    ['2026-11-26T04:29:32.000Z', '2026-11-26'],
    ['2026-11-26T23:30:00-02:00', '2026-11-27'],
    ['not a date', 'not a date'],
  ];
  for (const [iso, day] of days) test(`isoDay(${iso}) → ${day}`, () => assert.equal(isoDay(iso), day));
});
