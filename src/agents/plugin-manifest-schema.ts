/**
 * The fields of a plugin manifest (`.claude-plugin/plugin.json`, or a marketplace entry that defines a plugin) whose
 * refusal by Claude Code's schema stops `claude plugin install`: the plugin, and every agent in it, never arrives.
 * Recorded with Claude Code 2.1.332 (tests/fixtures/repos/claude-code-2.1.332.json, `manifestFields`): a `commands`,
 * `hooks`, `mcpServers`… of the wrong shape fails the install with "Validation errors: commands: Invalid input", while
 * a wrong `author`, `homepage`, `keywords`, `license`, `repository`, `description` or `displayName` is dropped and the
 * plugin installs. `name` and `agents` are checked where they are read (manifest.ts), with more detail.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a value is, in zod's words ("expected string, received number"). */
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A path relative to the plugin's folder, as the schema takes it: `./…`, optionally with a required ending. */
const relative = (value: unknown, ending?: string) => typeof value === 'string' && value.startsWith('./') && (ending === undefined || value.endsWith(ending));

type Check = (value: unknown) => string | undefined;

/** One value, or a list of values, each passing `item`. Claude Code's schema says only "Invalid input" for these. */
const oneOrList = (item: (value: unknown) => boolean): Check => (value) =>
  (Array.isArray(value) ? value.every(item) : item(value)) ? undefined : 'Invalid input';

/** A union with a single string form: a string that breaks it is named ("must start with …"), anything else is "Invalid input". */
const pathOr = (ending: string, other: (value: unknown) => boolean): Check => (value) => {
  if (typeof value === 'string') {
    if (!value.startsWith('./')) return 'Invalid string: must start with "./"';
    return value.endsWith(ending) ? undefined : `Invalid string: must end with "${ending}"`;
  }
  const items = Array.isArray(value) ? value : [value];
  return Array.isArray(value) || other(value) ? (items.every((v) => relative(v, ending) || other(v)) ? undefined : 'Invalid input') : 'Invalid input';
};

const typed = (expected: 'string' | 'boolean' | 'array' | 'record'): Check => (value) => {
  const ok = expected === 'array' ? Array.isArray(value) : expected === 'record' ? isObject(value) : typeof value === expected;
  return ok ? undefined : `Invalid input: expected ${expected}, received ${received(value)}`;
};

/** An inline MCP server: a local command, or a URL it reaches. */
const mcpServer = (v: unknown) => isObject(v) && (typeof v.command === 'string' || typeof v.url === 'string');
const mcpServers = (v: unknown) => isObject(v) && Object.values(v).every(mcpServer);
const mcpBundle = (v: unknown) => typeof v === 'string' && /\.(mcpb|dxt)$/.test(v) && (v.startsWith('./') || /^https?:\/\//.test(v));
/** An inline LSP server needs a command (without spaces: arguments go in `args`) and at least one file extension. */
const lspServer = (v: unknown) =>
  isObject(v) && typeof v.command === 'string' && !/\s/.test(v.command.trim()) && isObject(v.extensionToLanguage) && Object.keys(v.extensionToLanguage).length > 0;
const lspServers = (v: unknown) => isObject(v) && Object.values(v).every(lspServer);
const hooksObject = (v: unknown) => isObject(v);
const monitor = (v: unknown) =>
  isObject(v) && [v.name, v.command, v.description].every((s) => typeof s === 'string' && s.length > 0) && (v.when === undefined || v.when === 'always' || (typeof v.when === 'string' && /^on-skill-invoke:.+/.test(v.when)));
const monitors: Check = (value) => {
  if (typeof value === 'string') return relative(value) ? (value.endsWith('.json') ? undefined : 'Invalid string: must end with ".json"') : 'Invalid string: must start with "./"';
  if (!Array.isArray(value) || !value.every(monitor)) return 'Invalid input';
  return new Set(value.map((m) => (m as { name: string }).name)).size === value.length ? undefined : 'Monitor names must be unique within a plugin';
};
const commandEntry = (v: unknown) => isObject(v) && (typeof v.source === 'string') !== (typeof v.content === 'string');

/**
 * The fields whose refusal stops the install, each with its check. What the check does not look into (the items of
 * `dependencies`, the options of `userConfig`, the settings of an inline hook) Claude Code may still refuse.
 */
const REFUSED_WHEN_INVALID: Readonly<Record<string, Check>> = {
  version: typed('string'),
  defaultEnabled: typed('boolean'),
  dependencies: typed('array'),
  userConfig: typed('record'),
  channels: typed('array'),
  settings: typed('record'),
  commands: (v) => (isObject(v) ? (Object.values(v).every(commandEntry) ? undefined : 'Invalid input') : oneOrList((x) => relative(x))(v)),
  skills: oneOrList((x) => x === '.' || relative(x)),
  outputStyles: oneOrList((x) => relative(x)),
  themes: oneOrList((x) => relative(x)),
  workflows: oneOrList((x) => relative(x)),
  hooks: pathOr('.json', hooksObject),
  mcpServers: (v) => (typeof v === 'string' ? (relative(v, '.json') || mcpBundle(v) ? undefined : 'Invalid input') : oneOrList((x) => relative(x, '.json') || mcpBundle(x) || mcpServers(x))(v)),
  lspServers: pathOr('.json', lspServers),
  monitors,
  types: (v) => (relative(v, '.d.ts') && !String(v).split(/[\\/]/).includes('..') ? undefined : 'Invalid input'),
};

/** Fields Claude Code drops from a plugin.json when they are not of their shape; the plugin still installs. */
const DROPPED_WHEN_INVALID: Readonly<Record<string, Check>> = {
  displayName: typed('string'),
  description: typed('string'),
  author: (v) => (isObject(v) && typeof v.name === 'string' && v.name.length > 0 ? undefined : 'expected an object with a `name`'),
  homepage: (v) => (typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v) ? undefined : 'Invalid URL'),
  repository: typed('string'),
  license: typed('string'),
  keywords: (v) => (Array.isArray(v) && v.every((k) => typeof k === 'string') ? undefined : `Invalid input: expected array, received ${received(v)}`),
};

export interface FieldProblem {
  field: string;
  /** Claude Code's words for it, after the field: "Invalid input", "Invalid input: expected string, received number". */
  message: string;
  /** `refused`: the install fails; `dropped`: Claude Code leaves the field out and installs the plugin. */
  effect: 'refused' | 'dropped';
}

/**
 * The problems Claude Code's schema finds in a plugin's manifest. `entry`: a marketplace entry (its metadata fields
 * belong to the marketplace's schema, so only the component fields are checked here).
 */
export function manifestFieldProblems(manifest: Record<string, unknown>, kind: 'plugin.json' | 'entry'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, check] of Object.entries(REFUSED_WHEN_INVALID)) {
    if (!Object.hasOwn(manifest, field) || manifest[field] === undefined) continue;
    const message = check(manifest[field]);
    if (message) problems.push({ field, message, effect: 'refused' });
  }
  if (kind === 'plugin.json') {
    for (const [field, check] of Object.entries(DROPPED_WHEN_INVALID)) {
      if (!Object.hasOwn(manifest, field) || manifest[field] === undefined) continue;
      const message = check(manifest[field]);
      if (message) problems.push({ field, message, effect: 'dropped' });
    }
  }
  return problems;
}

/** The fix for a refused field, by what it holds. */
export function fieldFix(field: string): string {
  switch (field) {
    case 'version':
      return 'Write the version as a string, e.g. `"version": "1.2.0"`.';
    case 'settings':
    case 'userConfig':
      return `Make \`${field}\` an object (\`{ … }\`), or remove it.`;
    case 'dependencies':
    case 'channels':
      return `Make \`${field}\` a list (\`[ … ]\`), or remove it.`;
    case 'defaultEnabled':
      return 'Write `true` or `false`.';
    case 'hooks':
    case 'lspServers':
    case 'monitors':
    case 'mcpServers':
      return `Point \`${field}\` at a JSON file in the plugin ("./${field === 'hooks' ? 'hooks/hooks' : field === 'monitors' ? 'monitors/monitors' : field === 'lspServers' ? '.lsp' : '.mcp'}.json"), or define it inline as Claude Code's documentation shows.`;
    default:
      return `Write \`${field}\` as a path starting with "./" (or a list of such paths), relative to the plugin's folder, or remove it to use the default folder.`;
  }
}
