/**
 * The JSON Schema (draft 2020-12) of `/agents.json` (outputs.ts `catalogJson`), published at `/agents.schema.json`.
 * Each field's description says what the catalog puts there; tests/unit/outputs.test.ts validates real output with it.
 */
import { CAPABILITY_FLAGS, TOOL_GROUPS } from '../agents/capabilities.ts';
import { absolute, SCHEMA_PATH, type Site } from './outputs.ts';

const text = (description: string) => ({ type: 'string', description });
const count = (description: string) => ({ type: 'integer', minimum: 0, description });
const date = (description: string) => ({ type: ['string', 'null'], format: 'date-time', description });
const said = () => ({ type: 'object', additionalProperties: false, required: ['field', 'says'], properties: { field: text('The frontmatter field.'), says: text('In words.') } });
const nullable = (description: string) => ({ type: ['string', 'null'], description });
/** An object with these string fields required and these optional, and nothing else. */
const record = (required: Record<string, unknown>, optional: Record<string, unknown> = {}) => ({ type: 'object', additionalProperties: false, required: Object.keys(required), properties: { ...required, ...optional } });
const risk = { risk: text('Why it deserves a look before installing, in words.') };

function pluginSchema() {
  return record({
    name: { ...text('The name `/plugin install` takes (the marketplace entry\'s).'), minLength: 1 },
    url: { type: ['string', 'null'], format: 'uri', description: 'Its page in this catalog; null when none of its agents is published.' },
    loadsAs: nullable('The name Claude Code gives it once installed, when its plugin.json says another: its agents are `loadsAs:agent`.'),
    version: nullable('Its version, when its manifest gives one.'),
    description: nullable('Its description, when its manifest gives one.'),
    source: { enum: ['local', 'github', 'git', 'npm', 'other'], description: '`local`: in this repository (its files are read); otherwise fetched from elsewhere at install time.' },
    install: nullable('`/plugin install <plugin>@<marketplace>`; null outside a marketplace.'),
    refused: nullable('Why `claude plugin install` fails for it; null when it installs.'),
    contents: { anyOf: [{ $ref: '#/$defs/contents' }, { type: 'null' }], description: 'What installing it adds; null for a plugin from another source.' },
  });
}

/** What installing a plugin adds (plugin-contents.ts): read from its files, shown as text, never run. */
function contentsSchema() {
  const list = (items: object, description: string) => ({ type: 'array', items, description });
  const item = record({ name: text('As Claude Code names it: `plugin:name`.'), file: text('Where it is, relative to the catalog\'s folder.') }, { description: text('Its `description`.') });
  const file = text('The file it is read from.');
  return record({
    agents: list(record({ name: text('`plugin:agent`.'), slug: text('Its page\'s slug.'), summary: text('First sentence of its description.'), loads: { type: 'boolean', description: 'Whether Claude Code loads it.' } }), 'Its agents.'),
    skills: list(item, 'Skills (each a folder with a SKILL.md).'),
    commands: list(item, 'Slash commands (`/plugin:command`).'),
    hooks: list(record({ event: text('The event, e.g. `PreToolUse`.'), type: text('`command`, `prompt`, `http`…'), run: text('What it runs or where it sends, as text.'), file }, { matcher: text('The tools it is limited to.'), ...risk }), 'Hook handlers from hooks/hooks.json and the manifest.'),
    mcpServers: list(record({ name: text('The server\'s name.'), run: text('The command line it starts, or the URL it reaches.'), remote: { type: 'boolean', description: 'Reached over the network rather than started locally.' }, file }, risk), 'MCP servers from .mcp.json and the manifest.'),
    lspServers: list(record({ name: text('The server\'s name.'), run: text('The command line it starts.'), extensions: { type: 'array', items: { type: 'string' }, description: 'The file extensions it serves.' }, file }, risk), 'LSP servers from .lsp.json and the manifest.'),
    monitors: list(record({ name: text('The monitor\'s name.'), run: text('The command it keeps running.'), when: text('`always`, or `on-skill-invoke:<skill>`.'), file }, { description: text('What it watches.'), ...risk }), 'Background commands whose output lines reach the model.'),
    bin: list(record({ file, executable: { type: 'boolean', description: 'Has an execute bit.' } }, risk), 'Files in bin/, put on the PATH of Claude Code\'s shell.'),
    settings: list(record({ key: text('The setting.'), value: text('Its value, as JSON text.'), applied: { type: 'boolean', description: 'Claude Code applies it (only `agent` and `subagentStatusLine` from a plugin).' }, file }, risk), 'Settings the plugin sets while enabled.'),
    outputStyles: list(item, 'Output styles.'),
    unreadable: list(record({ file, reason: text('Why it was not read.') }), 'Component files that could not be read.'),
  });
}

/** The JSON Schema (draft 2020-12) of `/agents.json`, published at `/agents.schema.json`. */
export function catalogSchema(site: Site) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: absolute(site, SCHEMA_PATH),
    title: `${site.siteTitle}: agents`,
    description: 'Every Claude Code agent definition published by this catalog, with links to its page and its raw file.',
    type: 'object',
    required: ['$schema', 'generated', 'count', 'agents', 'plugins'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', format: 'uri', description: 'This schema.' },
      generated: date('The latest change to any agent file (not the build time, so builds are reproducible); null for an empty catalog.'),
      count: count('Number of agents.'),
      agents: { type: 'array', items: { $ref: '#/$defs/agent' } },
      plugins: { type: 'array', items: { $ref: '#/$defs/plugin' }, description: 'Every plugin of the catalog (local and remote), in manifest order.' },
    },
    $defs: {
      plugin: pluginSchema(),
      contents: contentsSchema(),
      agent: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'slug', 'summary', 'description', 'model', 'tools', 'color', 'category', 'categoryUrl', 'plugin', 'marketplace', 'capabilities', 'pluginCapabilities', 'loads', 'url', 'rawUrl', 'sha256', 'tokens', 'updated'],
        properties: {
          name: { ...text('The frontmatter `name`, exactly as written: what Claude Code calls the agent.'), minLength: 1 },
          slug: { type: 'string', pattern: '^[^/?#\\s]+$', description: 'Unique, URL-safe identifier used in this site\'s URLs.' },
          summary: text('Plain-text first sentence of the description.'),
          description: text('The frontmatter `description`: what Claude Code reads to decide when to delegate to the agent.'),
          model: { ...text('Model alias (`sonnet`, `opus`, `haiku`), full model id, or `inherit` (also when the field is absent).'), minLength: 1 },
          tools: {
            type: ['array', 'null'],
            items: { type: 'string' },
            description: 'Tools the agent may use; null when the field is absent, which means the agent inherits every tool.',
          },
          color: { type: ['string', 'null'], description: 'Terminal label colour as written; null when absent.' },
          category: text(
            'Frontmatter `category`, else the marketplace entry\'s `category`, else the plugin\'s name, else the nearest folder not named `agents` (a numeric prefix such as `01-` dropped), else "uncategorized".',
          ),
          categoryUrl: { type: 'string', format: 'uri', description: 'The category\'s page: its agents, with filters.' },
          plugin: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['name', 'url', 'version', 'description', 'install', 'agentName', 'refused'],
            description: 'The Claude Code plugin the agent ships in; null when it is not in a plugin.',
            properties: {
              name: { ...text('The plugin\'s name.'), minLength: 1 },
              url: { type: 'string', format: 'uri', description: 'The plugin\'s page in this catalog: its agents, with filters.' },
              version: { type: ['string', 'null'], description: 'The plugin\'s version, when its manifest gives one.' },
              description: { type: ['string', 'null'], description: 'The plugin\'s description, when its manifest gives one.' },
              install: {
                type: ['string', 'null'],
                description: 'The slash command that installs the plugin in Claude Code (`/plugin install <plugin>@<marketplace>`); null when the plugin is not in a marketplace.',
              },
              agentName: { type: ['string', 'null'], description: 'What Claude Code calls the agent once its plugin is installed: `plugin:agent`, the plugin part being the `name` in the plugin\'s own plugin.json.' },
              refused: { type: ['string', 'null'], description: 'Why `claude plugin install` fails for the plugin (so the agent never arrives that way); null when it installs.' },
            },
          },
          marketplace: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['name', 'source'],
            description: 'The plugin marketplace the agent\'s plugin is offered in; null when it is not in one.',
            properties: {
              name: { ...text('The marketplace\'s name, as in `/plugin install <plugin>@<name>`.'), minLength: 1 },
              source: {
                type: ['string', 'null'],
                description: 'What `/plugin marketplace add` takes (`owner/repo`, a git URL); null when the site was built without MARKETPLACE_SOURCE or REPO_URL.',
              },
            },
          },
          capabilities: { $ref: '#/$defs/capabilities' },
          pluginCapabilities: {
            anyOf: [{ $ref: '#/$defs/capabilities' }, { type: 'null' }],
            description: 'For an agent in a plugin: what it can do once the plugin is installed, where Claude Code ignores some fields (`ignored`); null otherwise.',
          },
          loads: { type: 'boolean', description: 'Whether Claude Code would load this file as an agent.' },
          url: { type: 'string', format: 'uri', description: 'The agent\'s page.' },
          rawUrl: { type: 'string', format: 'uri', description: 'The agent file byte-for-byte: download it into .claude/agents/ to install.' },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the raw file (UTF-8 bytes).' },
          tokens: {
            type: 'object',
            additionalProperties: false,
            required: ['description', 'prompt'],
            description: 'Estimated token counts (about 4 characters per token): an estimate, not a tokenizer count.',
            properties: {
              description: count('Estimated tokens of the description (always in Claude Code\'s context).'),
              prompt: count('Estimated tokens of the prompt body (loaded when the agent runs).'),
            },
          },
          updated: date('Last change: the last git commit touching the file, else its modification time.'),
        },
      },
      capabilities: {
        type: 'object',
        additionalProperties: false,
        required: ['route', 'tools', 'groups', 'removed', 'permissionMode', 'hooks', 'mcpServers', 'effort', 'memory', 'runs', 'ignored', 'flags', 'summary'],
        description: 'What the agent can do, from its `tools`, `disallowedTools`, `permissionMode`, `hooks`, `mcpServers`, `memory`, `effort` and the fields that shape a run.',
        properties: {
          route: { enum: ['file', 'plugin'], description: '`file`: the agent file copied into .claude/agents/ (every field in force); `plugin`: installed with its plugin.' },
          tools: { enum: ['all', 'none', 'list'], description: '`all`: no `tools` field, so every tool; `none`: an empty list; `list`: the tools named.' },
          groups: {
            type: 'array',
            description: 'The tools by what they let the agent do; with `tools: "all"` every group, with `all: true` and no names.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'all', 'tools'],
              properties: {
                id: { enum: TOOL_GROUPS.map((g) => g.id), description: 'read files, change files, run commands, web, MCP tools, other agents, other (and tools Claude Code does not know).' },
                all: { type: 'boolean', description: 'Every tool of the group (less what `removed` takes away).' },
                tools: { type: 'array', items: { type: 'string' }, description: 'The `tools` entries of the group, as written.' },
              },
            },
          },
          removed: { type: 'array', items: { type: 'string' }, description: '`disallowedTools` as written: a whole tool, or `Tool(rule)` for only the uses the rule matches.' },
          permissionMode: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['mode', 'skipsPrompts'],
            description: 'The `permissionMode`; null when absent (Claude Code asks as usual).',
            properties: {
              mode: text('As written.'),
              skipsPrompts: { type: 'boolean', description: 'The agent acts without asking first (acceptEdits, auto, bypassPermissions).' },
            },
          },
          hooks: {
            type: 'array',
            description: 'Each hook handler, with what it runs as text.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['event', 'matcher', 'type', 'run'],
              properties: {
                event: text('The event it runs on, e.g. `PreToolUse`.'),
                matcher: { type: ['string', 'null'], description: 'The tools it is limited to, as written.' },
                type: text('`command`, `prompt`, `http`…, as written.'),
                run: text('The command, prompt or URL; the handler as JSON when its shape is unknown.'),
              },
            },
          },
          mcpServers: {
            type: 'array',
            description: 'The `mcpServers` entries.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'inline', 'run'],
              properties: {
                name: text('The server\'s name.'),
                inline: { type: 'boolean', description: 'Defined in the agent file (the agent starts it), rather than a server already configured.' },
                run: { type: ['string', 'null'], description: 'For an inline server: the command line it starts, or its URL.' },
              },
            },
          },
          effort: { type: ['string', 'null'], description: 'The `effort` as written; null when absent.' },
          memory: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['scope', 'folder', 'adds'],
            description: '`memory`: a folder of notes kept across sessions, whose MEMORY.md goes into the agent\'s prompt; null when absent.',
            properties: {
              scope: { enum: ['user', 'project', 'local'], description: 'As written.' },
              folder: text('The folder, as Claude Code names it for the agent on this route.'),
              adds: { type: 'array', items: { type: 'string' }, description: 'Tools `memory` adds to the agent\'s `tools` list (Write, Edit, Read) so it can keep its notes.' },
            },
          },
          runs: { type: 'array', items: said(), description: 'How it runs, in words: isolation, background, preloaded skills, maxTurns, omitClaudeMd, autoCompactWindow, initialPrompt.' },
          ignored: { type: 'array', items: said(), description: 'Fields the file sets that Claude Code ignores on this route, with its warning\'s words.' },
          flags: { type: 'array', items: { enum: [...CAPABILITY_FLAGS] }, description: 'Short facts, in this order of importance: see `summary` for words.' },
          summary: { type: 'array', items: { type: 'string' }, description: 'What the cards and search results say: "read-only", "runs shell commands", "has hooks"…' },
        },
      },
    },
  } as const;
}
