/**
 * `npm run bench [-- --agents N] [--pairs N] [--no-peer] [--keep] [--lighthouse] [--cpu-prof] [--verbose]`: how the
 * site scales with the catalog, and how its build compares with Starlight's.
 *
 * Generates N agent files (the seed catalog in agents/ plus deterministic synthetic ones, N in all), builds the site
 * from them in a child process, and prints each phase's wall time, CPU time, peak memory, output size, page weights
 * and element counts (the home page, the first category page, the all-agents view, agent pages, and the page with the
 * most elements), what one search fetches from Pagefind and how soon its results show, and `npm run check` time over
 * 2,000 files; then every figure against its budget (scripts/budgets.ts), exiting 1 when one is missed.
 *
 * Build time is budgeted as a ratio to the Starlight peer's (scripts/bench/peer/: the same agent files as a Starlight
 * site, what most people would build instead): at 1,000 agents (or N when smaller) the bench builds this project and
 * the peer back to back, `--pairs` times (3 unless given), alternating which goes first, and holds the median of the
 * pairs' ratios to the budgets (wall ≤ 0.4×, peak memory ≤ 0.5×). Seconds measured on a machine shared with other
 * builds say more about the machine than about the build; a ratio within a pair far less. The peer is installed once
 * with npm into ~/.cache/agent-docs/ (it needs the registry then) and reused; `--no-peer` skips it and its budgets.
 *
 * With N above 1,000 the bench builds 1,000 agents first, in the same run: the larger catalog's budget compares its
 * time per agent with the 1,000-agent builds', and both should see the same machine load (a figure stored from
 * another day would compare two different machines' moods). N is 5,000 unless given: the page budgets hold at any
 * size, and a home page or a list that grows with the catalog only shows at scale. `--agents 1000` is the one-size
 * run, for work on build time.
 *
 * Everything goes to a fresh /tmp/bench-* folder (removed unless --keep): the catalogs, each build's output and its
 * own content-layer cache (a config wrapper sets `cacheDir`), so every build starts cold and never touches the
 * shared dist/ or node_modules/.astro of a tree others build in. --cpu-prof writes V8 CPU profiles of the first
 * build of each size there (the pairs' builds are not profiled) and prints where the time went. --lighthouse needs lighthouse installed (`npm i -D -E lighthouse@12.2.3`, or
 * LIGHTHOUSE_CLI=…/lighthouse/cli/index.js) and runs it, mobile profile, at 1,000 agents (or N when smaller) on the
 * home page, the first category page, the all-agents view and an agent page, served gzipped as a static host would.
 * --verbose echoes each build's own output. TIMEFMT (e.g. "%e %U %S %M %R %c") adds /usr/bin/time fields: page
 * faults and context switches, when kernel time is the question.
 *
 * This file is the order of the run; the parts live in scripts/bench/: run.ts (a child process, its output lines, time
 * and memory), build.ts (one cold build and its phases), peer.ts (the Starlight peer: install, convert, build),
 * peer-convert.ts, pairs.ts (the back-to-back builds), ratio.ts (medians and ratios), serve.ts (a static host for the
 * output), search.ts (search latency in Chromium), lighthouse.ts, profile.ts (CPU profiles), elements.ts (element
 * counts), catalog-size.ts (all of that for one catalog size), remote-home.ts (the home page of a marketplace that
 * lists 300 plugins from other sources), report.ts (the printed figures and the budgets table), flags.ts (the command
 * line), paths.ts and print.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCatalog } from './generate-agents.ts';
import { BASELINE_AGENTS, CHECK_FILES } from './budgets.ts';
import { benchSize, type SizeResult } from './bench/catalog-size.ts';
import { parseFlags } from './bench/flags.ts';
import { ROOT, SEED } from './bench/paths.ts';
import { bytes, loadAverage, log, ms } from './bench/print.ts';
import { comparePeer, peerInstall } from './bench/pairs.ts';
import { printPeer, printSize, printTable, rowsFor } from './bench/report.ts';
import { runWatched, TIME } from './bench/run.ts';
import { benchRemoteHome } from './bench/remote-home.ts';

// The tests (tests/unit/budgets.test.ts) build the site the way the bench does.
export { buildSite, parsePhases, type BuildOptions, type BuildResult, type Phases } from './bench/build.ts';
export { summariseProfiles } from './bench/profile.ts';

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  log(`agent-docs bench: ${flags.agents} agents · node ${process.version} · ${os.availableParallelism()} cores · ${bytes(os.totalmem())} · load average ${loadAverage()}`);
  log(`work folder ${work}${flags.keep ? ' (kept)' : ''}${existsSync(TIME) ? '' : ' · /usr/bin/time missing (apt-get install -y time): CPU time and largest-process RSS not measured'}`);
  try {
    // Before any build is timed: an install (npm, the network) must not run beside one.
    const peer = await peerInstall(flags.peer, work);
    const sizes = flags.agents > BASELINE_AGENTS ? [BASELINE_AGENTS, flags.agents] : [flags.agents];
    const results: SizeResult[] = [];
    for (const n of sizes) {
      const result = await benchSize(n, work, flags, flags.lighthouse && n === sizes[0]);
      printSize(result);
      if (n === sizes[0]) {
        result.peer = await comparePeer(peer, result, { work, pairs: flags.pairs, echo: flags.verbose ? (line) => log(`  | ${line.text}`) : undefined });
        printPeer(result.peer);
      }
      results.push(result);
    }

    const checkDir = path.join(work, `agents-${CHECK_FILES}`);
    if (!existsSync(checkDir)) await generateCatalog(CHECK_FILES, checkDir, { include: SEED });
    log(`\nnpm run check over ${CHECK_FILES} files… (load average ${loadAverage()})`);
    const check = await runWatched(process.execPath, [path.join(ROOT, 'scripts/check.ts'), '--json', checkDir], { dir: work });
    const checked = check.code <= 1 ? (JSON.parse(check.stdout) as unknown[]).length : 0;
    log(`  ${ms(check.wallMs)} wall${check.cpuMs === undefined ? '' : `, CPU ${ms(check.cpuMs)}`}, ${checked} files reported, exit ${check.code}${check.maxRss ? `, peak ${bytes(check.maxRss)}` : ''}`);

    const remoteRows = await benchRemoteHome(work, flags.verbose ? (line) => log(`  | ${line.text}`) : undefined);
    return printTable([...rowsFor(results, check), ...remoteRows]) ? 0 : 1;
  } finally {
    if (!flags.keep) await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  main().then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`bench: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
