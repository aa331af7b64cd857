/**
 * A marketplace's plugin source → the one address git is given, or the reason it is refused. The source is
 * untrusted text: it must never reach git as an option (`--upload-pack=…`), a local path (`/home/me/secret`, read
 * from the build machine's own disk), a protocol that runs a program (`ext::sh -c …`, ssh with its config and keys),
 * or a host on the build machine's own network. So only URLs of the allowed protocols are accepted (https by
 * default; tests add http and file), with a host that is not a loopback, private or link-local address; GitHub's
 * `owner/name` shorthand and ssh addresses (`git@host:owner/name`) are fetched over https, as public repositories
 * are, without keys.
 */
import type { FetchTarget, RemoteSource } from './types.ts';

export type Protocol = 'https' | 'http' | 'file';

/** What the caller allows, never what the source asks: tests serve repositories over http and file from 127.0.0.1. */
export interface Policy {
  protocols: readonly Protocol[];
  /** Whether loopback, private and link-local hosts may be fetched from (tests only). */
  localHosts: boolean;
}

export const DEFAULT_POLICY: Policy = { protocols: ['https'], localHosts: false };

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** GitHub's own rules for an owner (letters, digits, single hyphens) and a repository name. */
const GITHUB_REPO = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/;
/** `git@host:owner/name.git`: ssh's short form (no scheme, a colon before the path). */
const SCP_LIKE = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/;
/** Claude Code's own bound on a git URL. */
const URL_LENGTH = 2048;

const quoted = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
const refuse = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/** A branch or tag name git would accept (git check-ref-format's rules), and that can never read as an option. */
export function refProblem(ref: string): string | undefined {
  const bad =
    ref.length > 255 ||
    ref.startsWith('-') ||
    ref.startsWith('/') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock') ||
    ref.includes('..') ||
    ref.includes('//') ||
    ref.includes('@{') ||
    ref === '@' ||
    // Control characters, space and the characters git reserves for revision syntax.
    /[\x00-\x20\x7f~^:?*[\\]/.test(ref) ||
    ref.split('/').some((part) => part.startsWith('.'));
  return bad ? `The ref ${quoted(ref)} is not a branch or tag name git accepts.` : undefined;
}

/** A git-subdir `path` → plain segments joined by `/`; `./a/b/` → `a/b`. */
export function subPath(raw: string): Checked<string | undefined> {
  const trimmed = raw.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') return { ok: true, value: undefined };
  const segments = trimmed.split('/');
  if (trimmed.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git' || /[\x00-\x1f\\]/.test(s))) {
    return refuse(`The plugin's path ${quoted(raw)} must be a folder inside the repository, written like "plugins/my-plugin" (no "..", no leading "/").`);
  }
  return { ok: true, value: segments.join('/') };
}

/** Whether a host names the build machine or its own network: loopback, private, link-local, unspecified. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === 'metadata.google.internal') return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host.replace(/^::ffff:/, ''))?.slice(1).map(Number);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) {
    // IPv6: loopback, unspecified, unique-local (fc00::/7), link-local (fe80::/10), and IPv4-mapped in hex form.
    return host === '::1' || host === '::' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host) || host.startsWith('::ffff:');
  }
  return false;
}

/** A repository address as written → a URL git may be given. */
export function repositoryUrl(raw: string, policy: Policy): Checked<{ url: string; shown: string }> {
  const written = raw.trim();
  if (!written || written.length > URL_LENGTH || /[\x00-\x20\x7f]/.test(written)) return refuse(`The repository address ${quoted(raw)} is not a URL.`);
  const github = GITHUB_REPO.exec(written);
  let address = written;
  if (github) address = `https://github.com/${github[1]}/${github[2]!.replace(/\.git$/, '')}.git`;
  else if (/^ssh:\/\//i.test(written)) {
    // ssh://[user@]host[:port]/path: the same repository over https, without keys.
    const parsed = URL.canParse(written) ? new URL(written) : undefined;
    if (!parsed?.hostname) return refuse(`The repository address ${quoted(raw)} is not a URL.`);
    address = `https://${parsed.hostname}${parsed.pathname}`;
  } else if (!written.includes('://')) {
    const scp = SCP_LIKE.exec(written);
    if (!scp) return refuse(`The repository address ${quoted(raw)} is not a URL: write it as https://host/owner/name.git, or owner/name for GitHub.`);
    address = `https://${scp[1]}/${scp[2]!.replace(/^\/+/, '')}`;
  }
  if (!URL.canParse(address)) return refuse(`The repository address ${quoted(raw)} is not a URL.`);
  const url = new URL(address);
  const protocol = url.protocol.slice(0, -1).toLowerCase();
  if (protocol === 'git') return refuse(`The repository address ${quoted(raw)} uses git://, which is neither encrypted nor authenticated, so it is not fetched: use its https:// address.`);
  if (!(policy.protocols as readonly string[]).includes(protocol)) {
    return refuse(`The repository address ${quoted(raw)} uses ${protocol}:, and plugins are fetched only over ${policy.protocols.join(', ')}: use its https:// address.`);
  }
  if (protocol === 'file') {
    if (url.hostname && url.hostname !== 'localhost') return refuse(`The repository address ${quoted(raw)} names a file on another machine.`);
  } else {
    if (!url.hostname) return refuse(`The repository address ${quoted(raw)} names no host.`);
    if (!policy.localHosts && isLocalHost(url.hostname)) {
      return refuse(`The repository address ${quoted(raw)} names the build machine or its own network (${url.hostname}), which a plugin source may not reach.`);
    }
  }
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return { ok: true, value: { url: url.href, shown: shown.href } };
}

/** The source as a marketplace entry gives it → what to fetch, or why it cannot be. Never throws. */
export function fetchTarget(source: RemoteSource, policy: Policy = DEFAULT_POLICY): Checked<FetchTarget> {
  const address = source.kind === 'github' ? source.repo : source.url;
  if (source.kind === 'github' && !GITHUB_REPO.test(source.repo.trim())) return refuse(`The GitHub repository ${quoted(source.repo)} is not of the form owner/name.`);
  const where = repositoryUrl(address, policy);
  if (!where.ok) return where;
  let sha = source.sha?.trim();
  let ref = source.ref?.trim() || undefined;
  if (sha !== undefined && !OBJECT_ID.test(sha)) return refuse(`The sha ${quoted(sha)} is not a full commit id (40 hexadecimal digits).`);
  // A ref written as a full commit id pins that commit (git would take it so too).
  if (sha === undefined && ref !== undefined && OBJECT_ID.test(ref)) [sha, ref] = [ref, undefined];
  const badRef = ref === undefined ? undefined : refProblem(ref);
  if (badRef) return refuse(badRef);
  const sub = source.kind === 'git' && source.path !== undefined ? subPath(source.path) : ({ ok: true, value: undefined } as const);
  if (!sub.ok) return sub;
  return {
    ok: true,
    value: {
      url: where.value.url,
      shown: where.value.shown,
      ...(ref ? { ref } : {}),
      ...(sha ? { sha: sha.toLowerCase() } : {}),
      ...(sub.value ? { path: sub.value } : {}),
    },
  };
}
