/**
 * This project's build against the Starlight peer's (peer.ts), as ratios: several pairs of builds of the same agent
 * files, each pair back to back so both builds see the same machine, each build's wall time, CPU time and peak
 * memory, and per pair the ratio of this project's figure to the peer's. A figure of one build says as much about the
 * machine's load as about the build (two sessions building at once double it); a ratio within a pair does not, or far
 * less, and the median of the pairs' ratios is what the budgets hold (scripts/budgets.ts).
 */
import type { RunResult } from './run.ts';

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What one build cost, whole process tree: wall time, CPU time (user + sys) and peak memory. */
export interface BuildCost {
  ok: boolean;
  wallMs: number;
  cpuMs?: number;
  peakBytes?: number;
}

/**
 * A build's cost from its run. CPU time is the tree's, sampled from /proc, when there is one: /usr/bin/time does
 * not count Pagefind's process (nobody waits for it), in either build.
 */
export function buildCost(run: Pick<RunResult, 'code' | 'wallMs' | 'cpuMs' | 'treeCpuMs' | 'treePeak' | 'maxRss'>): BuildCost {
  return { ok: run.code === 0, wallMs: run.wallMs, cpuMs: run.treeCpuMs ?? run.cpuMs, peakBytes: run.treePeak ?? run.maxRss };
}

export interface Pair {
  /** Which build ran first: the order alternates from pair to pair. */
  first: 'ours' | 'peer';
  ours: BuildCost;
  peer: BuildCost;
  /** The machine's load average when the pair started. */
  load: string;
}

export type Figure = 'wallMs' | 'cpuMs' | 'peakBytes';
export const FIGURES: readonly Figure[] = ['wallMs', 'cpuMs', 'peakBytes'];

/** One pair's ratio of this project's figure to the peer's; undefined when a build failed or the figure is missing. */
export function pairRatio(pair: Pair, figure: Figure): number | undefined {
  const ours = pair.ours[figure];
  const peer = pair.peer[figure];
  if (!pair.ours.ok || !pair.peer.ok || ours === undefined || !peer) return undefined;
  return ours / peer;
}

export interface FigureComparison {
  /** Medians over the builds that succeeded. */
  ours?: number;
  peer?: number;
  /** The median of the pairs' ratios (the budgeted figure), and their smallest and largest. */
  ratio?: number;
  low?: number;
  high?: number;
  /** Pairs whose ratio counts (both builds succeeded, the figure measured). */
  pairs: number;
}

export function compareFigure(pairs: readonly Pair[], figure: Figure): FigureComparison {
  const values = (side: 'ours' | 'peer') => pairs.filter((p) => p[side].ok).flatMap((p) => (p[side][figure] === undefined ? [] : [p[side][figure]!]));
  const ratios = pairs.flatMap((pair) => {
    const ratio = pairRatio(pair, figure);
    return ratio === undefined ? [] : [ratio];
  });
  return {
    ours: median(values('ours')),
    peer: median(values('peer')),
    ratio: median(ratios),
    ...(ratios.length ? { low: Math.min(...ratios), high: Math.max(...ratios) } : {}),
    pairs: ratios.length,
  };
}

/** Which build goes first in pair `i` (0-based): this project, then the peer, then this project… */
export const firstInPair = (i: number): Pair['first'] => (i % 2 === 0 ? 'ours' : 'peer');

/**
 * What the comparison came to: pairs measured, or none (`skipped` says so in a few words for the budgets table, `why`
 * in full; `onPurpose` when the command line asked for none, which is no miss).
 */
export type PeerComparison = { agents: number; peer: string; pairs: Pair[] } | { agents: number; skipped: string; why?: string; onPurpose?: boolean };
