/**
 * `npm run fuzz`: 10,000 fuzzed agent files through `loadAgent` (tests/unit/fuzz-harness.ts), then the count, the
 * time and the slowest case. Exit code 1 on any throw, hang or live markup, with the seed to replay it.
 *
 *   npm run fuzz                  # 10,000 cases, random seed
 *   FUZZ_RUNS=50000 FUZZ_SEED=42 npm run fuzz
 */
import { runFuzz } from '../tests/unit/fuzz-harness.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

console.log(`[fuzz] ${runs.toLocaleString('en')} agent files through loadAgent${seed === undefined ? '' : ` (seed ${seed})`}…`);
const report = await runFuzz({ numRuns: runs, seed, hangMs: 30_000 });
const rate = report.runs / (report.ms / 1000);
console.log(`[fuzz] ${report.runs.toLocaleString('en')} cases in ${(report.ms / 1000).toFixed(1)} s (${Math.round(rate)}/s), slowest ${report.slowest} ms, seed ${report.seed}`);
if (!report.ok) {
  console.error(`[fuzz] FAILED: ${report.failure}`);
  console.error(`[fuzz] replay: FUZZ_SEED=${report.seed} FUZZ_RUNS=${runs} npm run fuzz`);
  process.exitCode = 1;
} else {
  console.log('[fuzz] ok: no throw, no hang, no live markup');
}
