/**
 * The JSON Schema (draft 2020-12) of `/agents.json` (outputs.ts `catalogJson`), published at `/agents.schema.json`.
 * Each field's description says what the catalog puts there; tests/unit/outputs.test.ts validates real output with it.
 */
import { CAPABILITY_FLAGS, TOOL_GROUPS } from '../agents/capabilities.ts';
import { absolute, SCHEMA_PATH, type Site } from './outputs.ts';

const text = (description: string) => ({ type: 'string', description });
const count = (description: string) => ({ type: 'integer', minimum: 0, description });
const date = (description: string) => ({ type: ['string', 'null'], format: 'date-time', description });

/** The JSON Schema (draft 2020-12) of `/agents.json`, published at `/agents.schema.json`. */
export function catalogSchema(site: Site) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: absolute(site, SCHEMA_PATH),
    title: `${site.siteTitle}: agents`,
    description: 'Every Claude Code agent definition published by this catalog, with links to its page and its raw file.',
    type: 'object',
    required: ['$schema', 'generated', 'count', 'agents'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', format: 'uri', description: 'This schema.' },
      generated: date('The latest change to any agent file (not the build time, so builds are reproducible); null for an empty catalog.'),
      count: count('Number of agents.'),
      agents: { type: 'array', items: { $ref: '#/$defs/agent' } },
    },
    $defs: {
      agent: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'slug', 'summary', 'description', 'model', 'tools', 'color', 'category', 'categoryUrl', 'plugin', 'marketplace', 'capabilities', 'loads', 'url', 'rawUrl', 'sha256', 'tokens', 'updated'],
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
            required: ['name', 'url', 'version', 'description', 'install'],
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
        required: ['tools', 'groups', 'removed', 'permissionMode', 'hooks', 'mcpServers', 'effort', 'flags', 'summary'],
        description: 'What the agent can do, from its `tools`, `disallowedTools`, `permissionMode`, `hooks`, `mcpServers` and `effort`.',
        properties: {
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
          flags: { type: 'array', items: { enum: [...CAPABILITY_FLAGS] }, description: 'Short facts, in this order of importance: see `summary` for words.' },
          summary: { type: 'array', items: { type: 'string' }, description: 'What the cards and search results say: "read-only", "runs shell commands", "has hooks"…' },
        },
      },
    },
  } as const;
}
