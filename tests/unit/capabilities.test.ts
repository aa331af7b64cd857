/**
 * "What this agent can do" (src/agents/capabilities.ts): every form `tools` takes (a comma string, a YAML list, absent,
 * empty, `*`), MCP tool names, `disallowedTools` (whole tools and rules), unknown tools, permission modes, hooks and
 * MCP servers, each row read from frontmatter the way the site reads it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { capabilities, capabilitySummary, readHooks, readMcpServers, readToolEntry, type Capabilities } from '../../src/agents/capabilities.ts';
import { CLAUDE_CODE_TOOLS, READ_ONLY_TOOLS, TOOL_ALIASES } from '../../src/agents/claude-code.ts';
import { isAgent, loadAgent } from '../../src/agents/index.ts';

function capsOf(frontmatter: string): Capabilities {
  const entry = loadAgent({ file: 'team/a.md', text: `---\nname: a\ndescription: Use it.\n${frontmatter}\n---\n\nBody.\n`, render: false });
  assert.ok(isAgent(entry), frontmatter);
  return capabilities(entry.fields);
}

/** Groups as `id: tool, tool` (or `id: all`), for compact rows. */
const groups = (caps: Capabilities) => caps.groups.map((g) => `${g.id}: ${g.all ? 'all' : g.tools.map((t) => t.entry).join(', ')}`);

describe('tools, in every form, grouped by what they let the agent do', () => {
  const rows: Array<[string, string, Capabilities['access'], string[]]> = [
    ['absent', '', 'all', ['read: all', 'change: all', 'run: all', 'web: all', 'mcp: all', 'agents: all', 'schedule: all', 'other: all']],
    ['`*`', 'tools: "*"', 'all', ['read: all', 'change: all', 'run: all', 'web: all', 'mcp: all', 'agents: all', 'schedule: all', 'other: all']],
    ['a comma string', 'tools: Read, Grep, Glob, Write, Edit, Bash', 'list', ['read: Read, Grep, Glob', 'change: Write, Edit', 'run: Bash']],
    ['a YAML list', 'tools:\n  - WebFetch\n  - Read\n  - Task', 'list', ['read: Read', 'web: WebFetch', 'agents: Task']],
    ['an empty string', 'tools: ""', 'none', []],
    ['an empty list', 'tools: []', 'none', []],
    [
      'MCP tool names, a whole server and an MCP resource tool',
      'tools: Read, mcp__sentry__get_issue, mcp__github, ReadMcpResourceTool',
      'list',
      ['read: Read', 'mcp: mcp__sentry__get_issue, mcp__github, ReadMcpResourceTool'],
    ],
    ['rules in parentheses', 'tools: Bash(npm test:*), Agent(worker, researcher), Read(./docs/**)', 'list', ['read: Read(./docs/**)', 'run: Bash(npm test:*)', 'agents: Agent(worker, researcher)']],
    ['unknown tools, kept as written', 'tools: Read, Teleport, read', 'list', ['read: Read', 'other: Teleport, read']],
    [
      'the tools of Claude Code 2.1.332, and an older name',
      'tools: TaskCreate, CronCreate, Monitor, EnterWorktree, Workflow, KillShell, LSP',
      'list',
      ['read: LSP', 'change: EnterWorktree', 'run: Monitor, KillShell', 'agents: Workflow', 'schedule: CronCreate', 'other: TaskCreate'],
    ],
  ];
  for (const [name, frontmatter, access, expected] of rows) {
    test(name, () => {
      const caps = capsOf(frontmatter);
      assert.equal(caps.access, access);
      assert.deepEqual(groups(caps), expected);
    });
  }

  test('an unknown tool is marked unknown, a known one known, an MCP tool by its server', () => {
    assert.deepEqual(readToolEntry('Teleport'), { entry: 'Teleport', tool: 'Teleport', group: 'other', known: false });
    // Tools of older releases: an older name is the tool it now means; a retired one is dropped by Claude Code.
    assert.deepEqual(readToolEntry('Task'), { entry: 'Task', tool: 'Task', group: 'agents', known: true, now: 'Agent' });
    assert.deepEqual(readToolEntry('MultiEdit'), { entry: 'MultiEdit', tool: 'MultiEdit', group: 'other', known: false, retired: true });
    assert.deepEqual(readToolEntry(' Bash(git push:*) '), { entry: 'Bash(git push:*)', tool: 'Bash', rule: 'git push:*', group: 'run', known: true });
    assert.deepEqual(readToolEntry('mcp__github__create_issue').mcp, { server: 'github', tool: 'create_issue' });
    assert.deepEqual(readToolEntry('mcp__github').mcp, { server: 'github' });
    // Names of Object.prototype are not tools.
    assert.equal(readToolEntry('constructor').known, false);
  });

  test('the table names the read-only tools the catalog filter uses, and nothing else is read-only', () => {
    const own = Object.keys(CLAUDE_CODE_TOOLS).filter((t) => CLAUDE_CODE_TOOLS[t].readOnly);
    const older = Object.keys(TOOL_ALIASES).filter((t) => CLAUDE_CODE_TOOLS[TOOL_ALIASES[t]].readOnly);
    assert.deepEqual([...READ_ONLY_TOOLS].sort(), [...own, ...older].sort());
    for (const tool of ['Read', 'Grep', 'Glob', 'WebFetch', 'TodoWrite', 'TaskCreate', 'CronList']) assert.ok(READ_ONLY_TOOLS.has(tool), tool);
    for (const tool of ['Write', 'Edit', 'Bash', 'Agent', 'Task', 'Skill', 'CronCreate', 'Monitor', 'EnterWorktree', 'Workflow']) assert.ok(!READ_ONLY_TOOLS.has(tool), tool);
  });
});

describe('disallowedTools', () => {
  test('a whole tool leaves the list; a rule only limits it', () => {
    const caps = capsOf('tools: Read, Bash, WebFetch\ndisallowedTools: WebFetch, Bash(git push:*)');
    assert.deepEqual(groups(caps), ['read: Read', 'run: Bash']);
    assert.deepEqual(caps.removed.map((r) => [r.tool, r.rule ?? null]), [['WebFetch', null], ['Bash', 'git push:*']]);
    assert.ok(caps.flags.includes('runs-commands'));
    assert.ok(!caps.flags.includes('web'));
  });
  test('with every tool, removing Bash and PowerShell takes away running commands, and a rule does not', () => {
    assert.ok(!capsOf('disallowedTools: Bash, PowerShell').flags.includes('runs-commands'));
    assert.ok(capsOf('disallowedTools: Bash').flags.includes('runs-commands'), 'PowerShell is left');
    assert.ok(capsOf('disallowedTools:\n  - "Bash(git push:*)"').flags.includes('runs-commands'));
    assert.ok(!capsOf('disallowedTools: Write, Edit, NotebookEdit').flags.includes('changes-files'));
  });
  test('a whole MCP server removes its tools', () => {
    assert.deepEqual(groups(capsOf('tools: Read, mcp__github__create_issue\ndisallowedTools: mcp__github')), ['read: Read']);
  });
  test('a YAML list, as the seed catalog\'s release-manager writes it', () => {
    const caps = capsOf('disallowedTools:\n  - "Bash(git push:*)"\n  - "Bash(npm publish:*)"\n  - WebFetch');
    assert.equal(caps.access, 'all');
    assert.deepEqual(caps.removed.map((r) => r.entry), ['Bash(git push:*)', 'Bash(npm publish:*)', 'WebFetch']);
    assert.ok(caps.flags.includes('web'), 'WebSearch is left');
  });
});

describe('flags and the short summary', () => {
  const rows: Array<[string, string, string[], string[]]> = [
    ['every tool', '', ['all-tools', 'runs-commands', 'changes-files', 'web', 'agents'], ['runs shell commands', 'changes files']],
    ['read-only', 'tools: Read, Grep, Glob', ['read-only'], ['read-only']],
    ['read-only with the web', 'tools: Read, WebSearch', ['read-only', 'web'], ['read-only']],
    ['no tools', 'tools: []', ['no-tools'], ['no tools']],
    // Claude Code drops a name it does not know, so it neither adds nor takes away.
    ['an unknown tool is dropped', 'tools: Read, Teleport', ['read-only'], ['read-only']],
    ['only unknown tools: nothing is read-only', 'tools: Teleport', [], []],
    ['memory adds Write and Edit: not read-only', 'tools: Read, Grep\nmemory: project', ['changes-files', 'memory'], ['changes files', 'keeps a memory']],
    ['MCP tools', 'tools: Read, mcp__sentry__get_issue', ['mcp'], []],
    ['skipping prompts, with hooks', 'tools: Read, Edit\npermissionMode: acceptEdits\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: ./lint.sh', ['skips-prompts', 'changes-files', 'hooks'], ['skips permission prompts', 'changes files', 'has hooks']],
    ['plan mode skips nothing', 'tools: Read\npermissionMode: plan', ['read-only'], ['read-only']],
    ['bypassPermissions, MCP servers', 'tools: Bash\npermissionMode: bypassPermissions\nmcpServers:\n  - github', ['skips-prompts', 'runs-commands', 'mcp', 'mcp-servers'], ['skips permission prompts', 'runs shell commands', 'starts MCP servers']],
  ];
  for (const [name, frontmatter, flags, summary] of rows) {
    test(name, () => {
      const caps = capsOf(frontmatter);
      assert.deepEqual(caps.flags, flags);
      assert.deepEqual(capabilitySummary(caps), summary);
    });
  }
});

describe('permission mode, model and effort', () => {
  const rows: Array<[string, string, boolean]> = [
    ['default', 'asks you before each action', false],
    ['acceptEdits', 'edits files without asking', true],
    ['bypassPermissions', 'skips every permission prompt', true],
    ['auto', 'a classifier', true],
    ['dontAsk', 'denied', false],
    ['plan', 'without changing anything', false],
  ];
  for (const [mode, says, skips] of rows) {
    test(mode, () => {
      const found = capsOf(`permissionMode: ${mode}`).permissionMode!;
      assert.equal(found.mode, mode);
      assert.match(found.says, new RegExp(says));
      assert.equal(found.skipsPrompts, skips);
    });
  }
  test('absent: no mode; the model inherits; no effort', () => {
    const caps = capsOf('');
    assert.equal(caps.permissionMode, undefined);
    assert.equal(caps.model, 'inherit');
    assert.equal(caps.effort, undefined);
  });
  test('model and effort as written', () => {
    const caps = capsOf('model: opus\neffort: high');
    assert.deepEqual([caps.model, caps.effort], ['opus', 'high']);
  });
});

describe('hooks: each with the command it runs, as text', () => {
  test('the settings format, with matchers and several types', () => {
    const hooks = readHooks({
      PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './scripts/check-command.sh "$TOOL_INPUT"' }] }],
      PostToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'npx prettier --write' }, { type: 'prompt', prompt: 'Did the edit keep the tests?' }] }],
      Stop: [{ hooks: [{ type: 'http', url: 'https://hooks.example.test/done' }] }],
    });
    assert.deepEqual(hooks, [
      { event: 'PreToolUse', matcher: 'Bash', type: 'command', run: './scripts/check-command.sh "$TOOL_INPUT"' },
      { event: 'PostToolUse', matcher: 'Edit|Write', type: 'command', run: 'npx prettier --write' },
      { event: 'PostToolUse', matcher: 'Edit|Write', type: 'prompt', run: 'Did the edit keep the tests?' },
      { event: 'Stop', type: 'http', run: 'https://hooks.example.test/done' },
    ]);
  });
  test('shapes it does not know are kept as text, never dropped', () => {
    assert.deepEqual(readHooks('rm -rf /'), [{ event: '(hooks)', type: 'unknown', run: 'rm -rf /' }]);
    assert.deepEqual(readHooks({ Stop: 'echo done' }), [{ event: 'Stop', type: 'unknown', run: 'echo done' }]);
    assert.deepEqual(readHooks({ Stop: [{ hooks: [{ type: 'command', cmd: 'x' }] }] }), [{ event: 'Stop', type: 'command', run: '{"type":"command","cmd":"x"}' }]);
    assert.deepEqual(readHooks(undefined), []);
  });
});

describe('MCP servers', () => {
  test('names of configured servers, inline definitions, and a map', () => {
    assert.deepEqual(readMcpServers(['github', { sentry: { command: 'npx', args: ['-y', '@sentry/mcp-server'] } }, { docs: { type: 'http', url: 'https://mcp.example.test' } }]), [
      { name: 'github', inline: false },
      { name: 'sentry', inline: true, run: 'npx -y @sentry/mcp-server' },
      { name: 'docs', inline: true, run: 'https://mcp.example.test', remote: true },
    ]);
    assert.deepEqual(readMcpServers({ local: { command: './server' } }), [{ name: 'local', inline: true, run: './server' }]);
    assert.deepEqual(readMcpServers(undefined), []);
  });
  test('from frontmatter', () => {
    const caps = capsOf('mcpServers:\n  - github\n  - pg:\n      command: npx\n      args: ["-y", "pg-mcp", "--read-only"]');
    assert.deepEqual(caps.mcpServers, [{ name: 'github', inline: false }, { name: 'pg', inline: true, run: 'npx -y pg-mcp --read-only' }]);
    assert.ok(caps.flags.includes('mcp-servers'));
  });
});
