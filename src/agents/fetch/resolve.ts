/**
 * Where a repository's host really is. target.ts refuses an address that names the build machine or its own network
 * (`127.0.0.1`, `localhost`, `10.0.0.5`); a name can still resolve there (`git.example.com` → `10.0.0.5`, or a DNS
 * answer that changes between two looks). So the name is resolved here, once: an answer holding a loopback, private
 * or link-local address is refused, and git is told to connect to the addresses checked (`http.curloptResolve`),
 * never to resolve the name again. git follows no redirect (git.ts), which would lead to a host not checked.
 *
 * When the name cannot be resolved here (no network), nothing is pinned and git says why it cannot connect. Through
 * a proxy (the builder's HTTPS_PROXY, git.ts), the proxy resolves the name: only this machine's answer is checked.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLocalHost, type Checked, type Policy } from './target.ts';
import type { FetchTarget } from './types.ts';

/** A resolver: the system's (`dns.lookup`, as curl would ask), or a test's. */
export type Lookup = (host: string) => Promise<ReadonlyArray<{ address: string }>>;

export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** How long a lookup may take before it is left to git (which then fails or succeeds on its own). */
const LOOKUP_MS = 10_000;

/** `host:port:addr[,addr…]`, as curl's CURLOPT_RESOLVE takes it (an IPv6 address in brackets). */
export const resolveEntry = (host: string, port: number, addresses: readonly string[]) => `${host}:${port}:${addresses.map((a) => (a.includes(':') ? `[${a}]` : a)).join(',')}`;

/** The addresses git may connect to for `target` (an entry of `http.curloptResolve`), or why the host is refused. */
export async function checkHost(target: Pick<FetchTarget, 'url' | 'shown'>, policy: Policy, lookup: Lookup = systemLookup): Promise<Checked<string | undefined>> {
  const url = new URL(target.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: true, value: undefined };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address as written was judged by target.ts; only names are resolved.
  if (isIP(host)) return { ok: true, value: undefined };
  const waiting = new AbortController();
  const answer = await Promise.race([
    lookup(host).catch(() => undefined),
    sleep(LOOKUP_MS, undefined, { signal: waiting.signal }).catch(() => undefined),
  ]).finally(() => waiting.abort());
  const addresses = [...new Set((answer ?? []).map((a) => a.address))];
  if (!addresses.length) return { ok: true, value: undefined };
  const local = addresses.find((a) => isLocalHost(a));
  if (local !== undefined && !policy.localHosts) {
    return { ok: false, reason: `The host "${host}" of ${target.shown} resolves to ${local}, an address of the build machine or its own network, which a plugin source may not reach, so nothing was fetched.` };
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return { ok: true, value: resolveEntry(host, port, addresses) };
}
