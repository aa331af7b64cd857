/**
 * Fetching a plugin from where it lives (issue 28): a marketplace entry's `github`, `url` or `git-subdir` source →
 * the plugin's files in a cache folder, at the commit the entry pins (`sha`), else the one its `ref` names now, else
 * the default branch's (recorded). The files are data: git is run as git.ts says and never checks anything out;
 * tree.ts writes the files. Bounded in time, download and size (limits.ts). A failure is a sentence for that one
 * plugin, never a throw; a pinned commit already in the cache is used without asking the network; when the network
 * fails, a branch's commit fetched earlier stands in, and says so. Nothing is written outside the cache folder.
 */
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { entryFolder, FILES, PARTIAL, readEntry, RECORD, rememberedRef, rememberRef, repositoryFolder, sweepPartials } from './cache.ts';
import { runGit, type GitOptions, type GitRun } from './git.ts';
import { fetchLimitsWith, sizeText, type FetchLimits } from './limits.ts';
import { explain, type Asked } from './reasons.ts';
import { checkHost, type Lookup } from './resolve.ts';
import { DEFAULT_POLICY, fetchTarget, type Policy } from './target.ts';
import { parseBatch, parseTree, planTree, writeTree } from './tree.ts';
import type { Fetched, FetchResult, FetchTarget, RemoteSource } from './types.ts';

export type { Fetched, FetchResult, RemoteSource, Skipped } from './types.ts';
export { FETCH_LIMITS, type FetchLimits } from './limits.ts';
export type { Policy, Protocol } from './target.ts';
export type { Lookup } from './resolve.ts';

export interface FetchOptions {
  /** The cache folder (created when missing). Nothing is written anywhere else. */
  cache: string;
  /** Bounds of this fetch; FETCH_LIMITS for the rest. */
  limits?: Partial<FetchLimits>;
  /** Protocols and hosts allowed: https to public hosts by default. */
  policy?: Partial<Policy>;
  /** The clock `when` is read from. */
  now?: () => Date;
  /** How the repository's host is resolved (resolve.ts): the system's resolver unless a test gives its own. */
  lookup?: Lookup;
}

const fail = (reason: string): FetchResult => ({ ok: false, reason });

/** Fetches one plugin. Never throws: every failure is `{ ok: false, reason }`. */
export async function fetchPlugin(source: RemoteSource, options: FetchOptions): Promise<FetchResult> {
  const policy: Policy = { ...DEFAULT_POLICY, ...options.policy };
  const checked = fetchTarget(source, policy);
  if (!checked.ok) return fail(checked.reason);
  try {
    return await fetchInto(checked.value, path.resolve(options.cache), fetchLimitsWith(options.limits), policy, options.now ?? (() => new Date()), options.lookup);
  } catch (error) {
    return fail(`Fetching ${checked.value.shown} failed unexpectedly (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/** What this request says of itself, laid over a record written by an earlier one for the same commit. */
function asRequested(target: FetchTarget, fetched: Fetched, branch?: string): Fetched {
  const { ref: _ref, defaultBranch: _default, ...rest } = fetched;
  const ref = target.ref ?? (target.sha ? undefined : branch);
  return { ...rest, pinned: !!target.sha, ...(ref ? { ref } : {}), ...(!target.ref && !target.sha ? { defaultBranch: true as const } : {}) };
}

const found = (entry: string, fetched: Fetched, from: 'network' | 'cache', stale?: string): FetchResult => ({
  ok: true,
  dir: path.join(entry, FILES),
  fetched,
  from,
  ...(stale ? { stale } : {}),
});

/**
 * Bytes under a folder (the scratch repository's objects: what has been downloaded so far). Walked by hand: Node's
 * `readdir({ recursive: true })` follows links to folders, round and round in a loop.
 */
async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await bytesUnder(full);
    else if (entry.isFile()) total += (await stat(full).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

/** `ls-remote` output → the commit `ref` (or HEAD) names, and the default branch's name. */
export function parseRemote(output: string, ref: string | undefined): { commit?: string; branch?: string } {
  const refs = new Map<string, string>();
  let branch: string | undefined;
  for (const line of output.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line);
    if (symref) branch = symref[1];
    const plain = /^([0-9a-f]{40}|[0-9a-f]{64})\t(\S+)$/.exec(line);
    if (plain) refs.set(plain[2]!, plain[1]!);
  }
  const names = ref === undefined ? ['HEAD'] : ref.startsWith('refs/') ? [`${ref}^{}`, ref] : [`refs/heads/${ref}`, `refs/tags/${ref}^{}`, `refs/tags/${ref}`];
  const commit = names.map((n) => refs.get(n)).find(Boolean);
  return { ...(commit ? { commit } : {}), ...(branch ? { branch } : {}) };
}

/** A commit object's text → its committer date (ISO 8601, UTC); undefined when it has none git could write. */
export function commitDate(object: string): string | undefined {
  const header = object.slice(0, Math.max(0, object.indexOf('\n\n')) || object.length);
  const seconds = /^committer .* (\d{1,15}) [+-]\d{4}$/m.exec(header)?.[1];
  const time = seconds === undefined ? NaN : Number(seconds) * 1000;
  return Number.isFinite(time) && time <= 8.64e15 ? new Date(time).toISOString() : undefined;
}

/** One fetch under way: what it is for, where it writes, and its git. */
interface Fetch {
  target: FetchTarget;
  asked: Asked;
  limits: FetchLimits;
  /** The repository's folder in the cache. */
  repository: string;
  /** The partial folder this fetch builds in. */
  work: string;
  git: (args: string[], more?: Partial<GitOptions>) => Promise<GitRun>;
  now: () => Date;
}

/** A failure: when the network is what failed, the commit this branch named at its last fetch stands in, saying why. */
async function failure(fetch: Fetch, run: GitRun): Promise<FetchResult> {
  const { reason, offline } = explain(run.stderr, fetch.asked, run);
  const earlier = offline && !fetch.target.sha ? await rememberedRef(fetch.repository, fetch.target) : undefined;
  return earlier ? found(earlier.entry, asRequested(fetch.target, earlier.fetched, earlier.ref), 'cache', reason) : fail(reason);
}

/** The commit to fetch: the pinned one, or the one the ref (or HEAD) names now, which may be in the cache already. */
async function resolve(fetch: Fetch): Promise<{ commit: string; branch?: string } | { done: FetchResult }> {
  const { target } = fetch;
  if (target.sha) return { commit: target.sha };
  // `<ref>^{}` too: without it, an annotated tag is listed as the tag, not the commit it names.
  const patterns = target.ref ? [target.ref, `${target.ref}^{}`] : ['HEAD'];
  const listed = await fetch.git(['ls-remote', '--symref', '--', target.url, ...patterns], { maxStdout: 4 * 1024 * 1024 });
  if (listed.code !== 0) return { done: await failure(fetch, listed) };
  const { commit, branch } = parseRemote(listed.stdout.toString('utf8'), target.ref);
  if (!commit) return { done: fail(target.ref ? `${target.shown} has no branch or tag "${target.ref}".` : `${target.shown} has no default branch (an empty repository?).`) };
  const entry = entryFolder(fetch.repository, commit, target.path);
  const cached = await readEntry(entry, { commit, path: target.path });
  if (!cached) return { commit, ...(branch ? { branch } : {}) };
  await rememberRef(fetch.repository, target, { commit, when: fetch.now().toISOString(), ...(branch ? { ref: branch } : {}) });
  return { done: found(entry, asRequested(target, cached, branch), 'cache') };
}

/** Downloads the commit into the scratch repository, within the size and time bounds; a failure when it cannot. */
async function download(fetch: Fetch, commit: string): Promise<FetchResult | undefined> {
  // The download is watched as it grows, and measured once more at the end (a fast one can finish between looks).
  const objects = path.join(fetch.work, 'git', 'objects');
  const overLimit = async () =>
    (await bytesUnder(objects)) > fetch.limits.packBytes
      ? `${fetch.target.shown} sent more than ${sizeText(fetch.limits.packBytes)}, the limit of one fetch, so it was stopped and nothing of it was kept.`
      : undefined;
  const get = async (args: string[]) => {
    const run = await fetch.git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...args], { watch: overLimit });
    return { run, tooLarge: run.code === 0 ? await overLimit() : run.stopped };
  };
  let got = await get(['--depth=1', '--', fetch.target.url, commit]);
  // A server that cannot send one commit by its id (protocol v0 without `allowReachableSHA1InWant`, or git's
  // "dumb" http): fetch its branches and tags whole, within the same bounds, and look for the commit in them.
  if (got.run.code !== 0 && !got.tooLarge && !got.run.timedOut && /unadvertised object|does not support shallow|dumb http/i.test(got.run.stderr)) {
    got = await get(['--', fetch.target.url, '+refs/heads/*:refs/fetched/heads/*', '+refs/tags/*:refs/fetched/tags/*']);
  }
  if (got.tooLarge) return fail(got.tooLarge);
  if (got.run.code !== 0) return failure(fetch, got.run);
  return undefined;
}

/** The downloaded commit's tree (or sub-folder) → an entry of the cache, within the limits. */
async function materialise(fetch: Fetch, wanted: string, branch: string | undefined, deadline: number): Promise<FetchResult> {
  const { target, limits, git } = fetch;
  const treeish = target.path ? `${wanted}:${target.path}` : `${wanted}^{tree}`;
  // One look at both: the commit is there (a tag is taken to the commit it names), and so is the folder
  // (`<commit>:<path>` never follows a link).
  const looked = await git(['cat-file', '--batch-check'], { input: `${wanted}^{commit}\n${treeish}\n` });
  if (looked.code !== 0) return fail(explain(looked.stderr, fetch.asked, looked).reason);
  const [isCommit, isTree] = looked.stdout.toString('utf8').split('\n');
  const commit = /^([0-9a-f]{40}|[0-9a-f]{64}) commit /.exec(isCommit ?? '')?.[1];
  if (!commit || (target.sha && commit !== target.sha)) return fail(explain('not our ref', { ...fetch.asked, sha: wanted }).reason);
  if (!isTree?.includes(' tree ')) return fail(`${target.shown} has no folder "${target.path}" at commit ${commit.slice(0, 12)}: check the entry's "path".`);

  const where = target.path ? `The folder "${target.path}" of ${target.shown} at ${commit.slice(0, 12)}` : `${target.shown} at ${commit.slice(0, 12)}`;
  // Each listed entry is well under 4.2 KB (a 4 KiB name at most): a longer list is over the file limit anyway.
  const listing = await git(['ls-tree', '-r', '-l', '-z', treeish], { maxStdout: (limits.files + 1) * 4200 });
  if (listing.overflow) return fail(`${where} holds more than ${limits.files.toLocaleString('en')} files, the limit, so nothing of it was kept.`);
  if (listing.code !== 0) return fail(explain(listing.stderr, fetch.asked, listing).reason);
  const planned = planTree(parseTree(listing.stdout), limits, where);
  if (!planned.ok) return fail(planned.reason);
  const { plan } = planned;
  const blobs = [...plan.files, ...plan.links];
  const batch = blobs.length ? await git(['cat-file', '--batch'], { input: blobs.map((e) => `${e.oid}\n`).join(''), maxStdout: plan.bytes + blobs.length * 100 + 4096 }) : undefined;
  if (batch && batch.code !== 0) return fail(explain(batch.stderr, fetch.asked, batch).reason);

  // The commit's own date (its committer's): what the fetched files are dated by, the same on every machine.
  const object = await git(['cat-file', 'commit', commit], { maxStdout: 1024 * 1024 });
  const committed = object.code === 0 ? commitDate(object.stdout.toString('utf8')) : undefined;

  const built = path.join(fetch.work, 'entry');
  await mkdir(path.join(built, FILES), { recursive: true });
  const wrote = await writeTree(path.join(built, FILES), plan, batch ? parseBatch(batch.stdout) : new Map(), deadline);
  if (!wrote.ok) return fail(wrote.reason === 'timeout' ? explain('', fetch.asked, { timedOut: true }).reason : wrote.reason);
  const fetched: Fetched = {
    url: target.shown,
    commit,
    pinned: !!target.sha,
    ...(target.ref ? { ref: target.ref } : branch ? { ref: branch } : {}),
    ...(!target.ref && !target.sha ? { defaultBranch: true as const } : {}),
    ...(target.path ? { path: target.path } : {}),
    when: fetch.now().toISOString(),
    ...(committed ? { committed } : {}),
    files: wrote.files,
    bytes: plan.bytes,
    skipped: wrote.skipped,
  };
  await writeFile(path.join(built, RECORD), `${JSON.stringify(fetched, null, 2)}\n`);
  const entry = entryFolder(fetch.repository, commit, target.path);
  await mkdir(fetch.repository, { recursive: true });
  try {
    await rename(built, entry);
  } catch (error) {
    // Another fetch of the same commit finished first: its entry is as good.
    if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '') || !(await readEntry(entry, { commit, path: target.path }))) throw error;
  }
  if (!target.sha) await rememberRef(fetch.repository, target, { commit, when: fetched.when, ...(fetched.ref ? { ref: fetched.ref } : {}) });
  return found(entry, fetched, 'network');
}

async function fetchInto(target: FetchTarget, cache: string, limits: FetchLimits, policy: Policy, now: () => Date, lookup?: Lookup): Promise<FetchResult> {
  const repository = repositoryFolder(cache, target);
  // A pinned commit fetched before: its files are the commit's, so the network has nothing to add.
  if (target.sha) {
    const entry = entryFolder(repository, target.sha, target.path);
    const cached = await readEntry(entry, { commit: target.sha, path: target.path });
    if (cached) return found(entry, asRequested(target, cached), 'cache');
  }
  // The host's addresses, checked before git reaches any of them, and the only ones git may connect to.
  const host = await checkHost(target, policy, lookup);
  if (!host.ok) return fail(host.reason);
  try {
    await mkdir(cache, { recursive: true });
  } catch (error) {
    return fail(`The plugin cache folder "${cache}" cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  await sweepPartials(cache);
  const deadline = Date.now() + limits.timeoutMs;
  const work = await mkdtemp(path.join(cache, PARTIAL));
  try {
    const gitDir = path.join(work, 'git');
    const fetch: Fetch = {
      target,
      asked: { shown: target.shown, timeoutMs: limits.timeoutMs, ...(target.sha ? { sha: target.sha } : {}), ...(target.ref ? { ref: target.ref } : {}) },
      limits,
      repository,
      work,
      git: (args, more = {}) => runGit(args, { gitDir, cwd: work, deadline, protocols: policy.protocols, ...(host.value ? { pin: host.value } : {}), ...more }),
      now,
    };
    const init = await fetch.git(['init', '--bare', '--quiet', '--template=']);
    if (init.code !== 0) return fail(explain(init.stderr, fetch.asked, init).reason);
    const resolved = await resolve(fetch);
    if ('done' in resolved) return resolved.done;
    const failed = await download(fetch, resolved.commit);
    if (failed) return failed;
    return await materialise(fetch, resolved.commit, resolved.branch, deadline);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
