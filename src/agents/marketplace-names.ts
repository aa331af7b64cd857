/**
 * Marketplace names as Claude Code 2.1.332 judges them (read from its package; recorded in
 * tests/fixtures/repos/claude-code-2.1.332.json, `marketplaceNames`). Two rules, with different reach:
 *
 * - its manifest schema refuses a name that looks like an official Anthropic or Claude marketplace
 *   (`claude-marketplace`, `official-claude-tools`, non-ASCII letters…), wherever the marketplace comes from, and a
 *   name it keeps for its own plugin sources (`builtin`, `inline`…): `claude plugin validate` fails too;
 * - the names of Anthropic's own marketplaces (`claude-plugins-official`, `healthcare`…) pass the schema and
 *   `claude plugin validate`, but `claude plugin marketplace add` refuses them unless the marketplace comes from
 *   GitHub's `anthropics` organization: the verdict depends on where people add it from (MARKETPLACE_SOURCE, REPO_URL).
 */

/** Names reserved for Anthropic's own marketplaces (any letter case). */
export const RESERVED_MARKETPLACE_NAMES: ReadonlySet<string> = new Set([
  'claude-code-marketplace', 'claude-code-plugins', 'claude-plugins-official', 'anthropic-marketplace', 'anthropic-plugins',
  'agent-skills', 'anthropic-agent-skills', 'life-sciences', 'knowledge-work-plugins', 'claude-for-legal',
  'claude-for-financial-services', 'financial-services-plugins', 'first-party-plugins', 'claude-tag-plugins',
  'claude-community', 'claude-plugins-community', 'healthcare', 'anthropic-plugin-directory', 'claude-plugin-directory',
]);

/** The GitHub organization whose repositories may use a reserved name. */
export const OFFICIAL_ORG = 'anthropics';

/** Names Claude Code gives its own plugin sources: no marketplace may take them. */
const SOURCE_NAMES = new Set(['inline', 'builtin', 'skills-dir', 'synced', 'claude-plugin-test']);

const OFFICIAL = 'official[^a-z0-9]*(anthropic|claude)|(?:anthropic|claude)[^a-z0-9]*official';
const NOUNS = ['marketplace', 'plugins', 'official'];
const LOOSE_NOUNS = [...NOUNS, 'directory', 'directories'];
const startsLike = (nouns: readonly string[]) => new RegExp(`(?:${OFFICIAL}|^(?:anthropic|claude)[^a-z0-9]*(${nouns.join('|')}))`, 'i');
const NON_ASCII = /[^\u0020-\u007E]/;

/**
 * True when Claude Code's schema calls the name an impersonation of an official marketplace: a port of its check
 * (`anthropic-marketplace-extra`, `claude_plugins`, `claudeplugins`, `official-claude-tools`; not `my-claude-plugins`).
 */
export function impersonatesOfficial(name: string): boolean {
  if (RESERVED_MARKETPLACE_NAMES.has(name.toLowerCase())) return false;
  if (NON_ASCII.test(name) || startsLike(NOUNS).test(name)) return true;
  const loose = startsLike(LOOSE_NOUNS);
  if (loose.test(name) || loose.test(name.replace(/^[^a-z0-9]+/i, ''))) return true;
  if (/official(?:anthropic|claude)|(?:anthropic|claude)official/i.test(name.replace(/[^a-z0-9]+/gi, ''))) return true;
  // The words run together: "claude" + "plugins", "anthropic" + "directory"…, over the first few words.
  const joined = new RegExp(`^(?:anthropic|claude)(?:${LOOSE_NOUNS.join('|')})s?$`, 'i');
  const limit = 9 + Math.max(...LOOSE_NOUNS.map((n) => n.length)) + 1;
  let sofar = '';
  for (const word of name.split(/[^a-z0-9]+/i).filter(Boolean)) {
    sofar += word;
    if (joined.test(sofar)) return true;
    if (sofar.length > limit) break;
  }
  return false;
}

/** What Claude Code's manifest schema says against a marketplace name, wherever it comes from; undefined when nothing. */
export function marketplaceNameProblem(name: string): string | undefined {
  if (/ /.test(name)) return 'contains spaces, which Claude Code refuses';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) return 'contains control or text-direction characters, which Claude Code refuses';
  if (/[\\/]/.test(name) || name.includes('..') || name === '.') return 'contains path characters, which Claude Code refuses';
  if (impersonatesOfficial(name)) return 'looks like an official Anthropic or Claude marketplace, which Claude Code refuses ("Marketplace name impersonates an official Anthropic/Claude marketplace")';
  if (SOURCE_NAMES.has(name.toLowerCase())) return 'is reserved by Claude Code for its own plugin sources';
  return undefined;
}

/**
 * Whether people add the marketplace from GitHub's `anthropics` organization: `anthropics/repo`, or a git URL of a
 * repository there. Undefined when the source is not known.
 */
export function fromOfficialOrg(source: string | undefined): boolean | undefined {
  if (!source?.trim()) return undefined;
  const value = source.trim();
  const shorthand = /^([\w.-]+)\/[\w.-]+(?:[#@].*)?$/.exec(value);
  if (shorthand) return shorthand[1].toLowerCase() === OFFICIAL_ORG;
  const ssh = /^(?:ssh:\/\/)?git@(?:ssh\.)?github\.com[:/]([^/]+)\//i.exec(value);
  if (ssh) return ssh[1].toLowerCase() === OFFICIAL_ORG;
  try {
    const url = new URL(value);
    const host = url.hostname.toLowerCase();
    const owner = url.pathname.split('/').filter(Boolean)[0] ?? '';
    // A marketplace.json fetched by URL is a `url` source, never a GitHub one, whatever host serves it.
    return (host === 'github.com' || host === 'ssh.github.com') && !/\.json$/i.test(url.pathname) && owner.toLowerCase() === OFFICIAL_ORG;
  } catch {
    return false;
  }
}

/** Claude Code's refusal of a reserved name, in its words. */
export const reservedNameMessage = (name: string) =>
  `The name '${name}' is reserved for official Anthropic marketplaces and can only be used with GitHub sources from the '${OFFICIAL_ORG}' organization.`;
