/**
 * What runs, read as text and never run: hooks (the settings format Claude Code reads from an agent's frontmatter, a
 * plugin's hooks/hooks.json or its manifest) and MCP servers (an agent's `mcpServers`, a plugin's .mcp.json). Whatever
 * does not fit the expected shape is kept as text, so nothing that would run is hidden.
 */

export interface Hook {
  /** The event it runs on (`PreToolUse`, `Stop`…). */
  event: string;
  /** The tools it is limited to, as written (`Bash`, `Edit|Write`). */
  matcher?: string;
  /** `command`, `prompt`, `agent`, `http`…, as written. */
  type: string;
  /** What it runs, as text: the shell command, the prompt, the URL; the entry as JSON when its shape is unknown. */
  run: string;
}

export interface McpServer {
  name: string;
  /** Started by the agent (an inline definition), or a server already configured in the project or the user's settings. */
  inline: boolean;
  /** For an inline server: the command line it starts, or its URL. */
  run?: string;
  /** Reached over the network at a URL (`http`, `sse`, `ws`), rather than started as a local command. */
  remote?: true;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

/**
 * `hooks` as Claude Code reads it from an agent (the settings format): `{ <event>: [{ matcher?, hooks: [{ type,
 * command | prompt | url }] }] }`. Whatever does not fit that shape is kept as text, so nothing that would run is hidden.
 */
export function readHooks(hooks: unknown): Hook[] {
  if (hooks === undefined || hooks === null) return [];
  if (!isObject(hooks)) return [{ event: '(hooks)', type: 'unknown', run: asText(hooks) }];
  const found: Hook[] = [];
  for (const [event, matchers] of Object.entries(hooks)) {
    for (const group of Array.isArray(matchers) ? matchers : [matchers]) {
      const matcher = isObject(group) && typeof group.matcher === 'string' && group.matcher ? { matcher: group.matcher } : {};
      const handlers = isObject(group) && Array.isArray(group.hooks) ? group.hooks : [group];
      for (const handler of handlers) {
        if (!isObject(handler)) {
          found.push({ event, ...matcher, type: 'unknown', run: asText(handler) });
          continue;
        }
        const type = typeof handler.type === 'string' ? handler.type : 'unknown';
        const what = [handler.command, handler.prompt, handler.url].find((value) => typeof value === 'string');
        found.push({ event, ...matcher, type, run: typeof what === 'string' ? what : asText(handler) });
      }
    }
  }
  return found;
}

function mcpServer(name: string, config: unknown): McpServer {
  if (!isObject(config)) return { name, inline: true, run: asText(config) };
  if (typeof config.command === 'string') {
    const args = Array.isArray(config.args) ? config.args.map(asText) : [];
    return { name, inline: true, run: [config.command, ...args].join(' ') };
  }
  if (typeof config.url === 'string') return { name, inline: true, run: config.url, remote: true };
  return { name, inline: true, run: asText(config) };
}

/**
 * `mcpServers`: a list whose entries name a configured server (`- github`) or define one inline (`- name: { command,
 * args }` or `{ url }`); a map of name → definition is read the same way.
 */
export function readMcpServers(servers: unknown): McpServer[] {
  if (servers === undefined || servers === null) return [];
  const entries = Array.isArray(servers) ? servers : [servers];
  const found: McpServer[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') found.push({ name: entry, inline: false });
    else if (isObject(entry)) for (const [name, config] of Object.entries(entry)) found.push(mcpServer(name, config));
    else found.push({ name: asText(entry), inline: false });
  }
  return found;
}
