/**
 * Pairs of cold builds of one catalog: this project's and the Starlight peer's (peer.ts), back to back, the order
 * alternating from pair to pair so neither side always runs on a machine the other has just warmed or loaded. The
 * bench's own build of the catalog is not one of them: page weights and search latency are measured between it and
 * whatever would follow.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from './build.ts';
import type { SizeResult } from './catalog-size.ts';
import { buildPeer, ensurePeer, peerName, preparePeer } from './peer.ts';
import { bytes, loadAverage, log, ms } from './print.ts';
import { buildCost, firstInPair, pairRatio, type BuildCost, type Pair, type PeerComparison } from './ratio.ts';
import type { Line } from './run.ts';

export interface PairOptions {
  agents: number;
  agentsDir: string;
  /** The bench's work folder: the peer's build folder and this project's pair builds go there. */
  work: string;
  /** The peer's install (peer.ts ensurePeer). */
  install: string;
  pairs: number;
  /** Environment of this project's builds (as the bench's main build had). */
  env?: Record<string, string>;
  echo?: (line: Line) => void;
}

const costText = (cost: BuildCost) =>
  cost.ok ? `${ms(cost.wallMs)} wall, CPU ${cost.cpuMs === undefined ? '–' : ms(cost.cpuMs)}, ${cost.peakBytes === undefined ? '–' : bytes(cost.peakBytes)}` : 'build failed';

const ratioText = (pair: Pair) =>
  (['wallMs', 'cpuMs', 'peakBytes'] as const)
    .map((figure) => {
      const ratio = pairRatio(pair, figure);
      return `${figure === 'wallMs' ? 'wall' : figure === 'cpuMs' ? 'CPU' : 'memory'} ${ratio === undefined ? '–' : `${ratio.toFixed(2)}×`}`;
    })
    .join(', ');

/** Counts the agent files of a catalog (`.md` files, as the peer converts them). */
async function agentFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).length;
}

export async function measurePairs(options: PairOptions): Promise<PeerComparison> {
  const name = await peerName();
  const site = await preparePeer(path.join(options.work, 'peer'), options.install, options.agentsDir);
  const files = await agentFiles(options.agentsDir);
  if (site.pages.pages !== files || site.pages.skipped.length) {
    // The comparison holds only when both build the same agents.
    const skipped = site.pages.skipped.slice(0, 5).join(', ');
    throw new Error(`the Starlight peer converted ${site.pages.pages} of ${files} agent files (no frontmatter: ${skipped || 'none'}), so the two builds would not compare`);
  }
  log(`\n── this project vs ${name}, ${options.agents} agents: ${options.pairs} pair${options.pairs === 1 ? '' : 's'} of cold builds, back to back, alternating which goes first ──`);
  log(`the peer builds ${site.pages.pages} pages converted from the same agent files (scripts/bench/peer-convert.ts) in ${site.root}`);
  const outDir = path.join(options.work, `dist-${options.agents}-pair`);
  const ours = async (): Promise<BuildCost> => {
    const build = await buildSite({ agentsDir: options.agentsDir, outDir, workDir: options.work, env: options.env, echo: options.echo });
    await rm(outDir, { recursive: true, force: true });
    if (build.code !== 0) log(`  this project's build failed (exit ${build.code}): ${build.lines.at(-1)?.text ?? ''}`);
    return buildCost(build);
  };
  const peer = async (): Promise<BuildCost> => {
    const build = await buildPeer(site, options.echo);
    if (build.code !== 0) {
      log(`  the Starlight build failed (exit ${build.code}); its last lines:`);
      for (const line of build.lines.slice(-10)) log(`  | ${line.text}`);
    }
    return buildCost(build);
  };
  const pairs: Pair[] = [];
  for (let i = 0; i < options.pairs; i++) {
    const first = firstInPair(i);
    const load = loadAverage();
    let pair: Pair;
    if (first === 'ours') {
      const oursCost = await ours();
      pair = { first, ours: oursCost, peer: await peer(), load };
    } else {
      const peerCost = await peer();
      pair = { first, peer: peerCost, ours: await ours(), load };
    }
    pairs.push(pair);
    log(`  pair ${i + 1}, ${first === 'ours' ? 'this project' : 'Starlight'} first, load average ${load}:`);
    log(`    this project: ${costText(pair.ours)} · Starlight: ${costText(pair.peer)} · ${ratioText(pair)}`);
  }
  return { agents: options.agents, peer: name, pairs };
}

type NoComparison = Omit<Extract<PeerComparison, { skipped: string }>, 'agents'>;

/** The peer's install, installed first when missing; or why there is none (`--no-peer`, npm failed). */
export async function peerInstall(wanted: boolean, work: string): Promise<{ install: string } | NoComparison> {
  if (!wanted) return { skipped: 'skipped', why: 'run with --no-peer', onPurpose: true };
  try {
    const { dir, fresh } = await ensurePeer(work, log);
    log(`Starlight peer: ${dir} (${fresh ? 'installed just now' : 'installed earlier'})`);
    return { install: dir };
  } catch (error) {
    log(`\nStarlight peer missing: ${(error as Error).message}`);
    return { skipped: 'peer missing', why: 'it could not be installed (the reason is printed at the start)' };
  }
}

/** The pairs for the catalog of `size` (the bench's first size), or why there are none. */
export async function comparePeer(
  peer: Awaited<ReturnType<typeof peerInstall>>,
  size: Pick<SizeResult, 'agents' | 'agentsDir' | 'env' | 'build'>,
  options: Pick<PairOptions, 'work' | 'pairs' | 'echo'>,
): Promise<PeerComparison> {
  if (!('install' in peer)) return { ...peer, agents: size.agents };
  if (size.build.code !== 0) return { agents: size.agents, skipped: 'not compared', why: "this project's build failed" };
  return measurePairs({ ...options, agents: size.agents, agentsDir: size.agentsDir, env: size.env, install: peer.install }).catch((error: Error) => ({
    agents: size.agents,
    skipped: 'not compared',
    why: error.message,
  }));
}
