/** The report: each catalog size's figures as they come, then every figure against its budget. */
import path from 'node:path';
import {
  agentPageChecks, BASELINE_AGENTS, BUDGET_AGENT, BUDGETS, formatBudget, formatValue, withinBudget, type BudgetId, type PageWeight, type Unit,
} from '../budgets.ts';
import type { SizeResult } from './catalog-size.ts';
import { LIGHTHOUSE_CATEGORIES } from './lighthouse.ts';
import { bytes, loadAverage, log, ms } from './print.ts';
import { compareFigure, FIGURES, median, type Figure, type PeerComparison } from './ratio.ts';
import type { RunResult } from './run.ts';
import { KEY_DELAY_MS, QUERIES, SEARCH_RUNS } from './search.ts';

export interface Row {
  figure: string;
  value: number | undefined;
  unit: Unit;
  budget?: BudgetId;
  /** Shown instead of the value (why it is missing). */
  note?: string;
  /** Not measured on purpose (the page it measures is not built yet, `--no-peer`): shown with its budget, not counted as a miss. */
  notCounted?: boolean;
}

const elementsText = (value: number) => formatValue('count', value);

const pct = (part: number | undefined, whole: number) => (part === undefined ? '' : `${((part / whole) * 100).toFixed(0)}%`);

export function printSize(result: SizeResult): void {
  const { build } = result;
  const { phases } = build;
  const line = (label: string, value: number | undefined, extra = '') =>
    log(`  ${label.padEnd(34)} ${(value === undefined ? '–' : ms(value)).padStart(9)}  ${pct(value, build.wallMs).padStart(4)}  ${extra}`);
  log(`\nbuild at ${result.agents} agents   (load average at start ${result.loadAtStart}, at end ${loadAverage()})`);
  line('startup (node, astro, config)', phases.startup);
  line('content sync', phases.contentSync, phases.loader === undefined ? '' : `loader: ${ms(phases.loader)}`);
  line('types + bundling (vite)', phases.bundling);
  line('page generation', phases.pageGeneration, phases.routes ? `${phases.routes} routes` : '');
  line('search index (pagefind)', phases.searchIndex, phases.indexedPages ? `${phases.indexedPages} pages, fed while rendering; this is the rest` : '');
  const cpu = [build.treeCpuMs !== undefined && `CPU ${ms(build.treeCpuMs)} (user + sys, process tree)`, build.cpuMs !== undefined && `${ms(build.cpuMs)} by /usr/bin/time (Pagefind's process not counted)`].filter(Boolean);
  line('total wall', build.wallMs, cpu.length ? cpu.join('; ') : '(CPU time not measured: no /proc, no /usr/bin/time)');
  log(`  ${'peak memory'.padEnd(34)} ${(build.treePeak === undefined ? '–' : bytes(build.treePeak)).padStart(9)}        process tree, sampled${build.maxRss === undefined ? '' : `; largest process ${bytes(build.maxRss)} (/usr/bin/time)`}`);
  log(`  ${'time per agent'.padEnd(34)} ${ms(build.wallMs / result.agents).padStart(9)}`);
  if (result.output) log(`  ${'output'.padEnd(34)} ${bytes(result.output.bytes).padStart(9)}        ${result.output.files} files; pagefind/ ${bytes(result.output.pagefind)}`);
  if (result.profile) for (const text of result.profile) log(text);

  log(`\n  pages, gzip                           HTML      CSS       JS   elements   (HTML raw)`);
  const cell = (text: string, width = 8) => text.padStart(width);
  const counted = (page: string | undefined) => (page === undefined ? undefined : result.elements?.counts.get(page));
  const pages: Array<{ label: string; weight?: PageWeight; elements?: number; view?: boolean }> = [
    ...(result.views ?? []).map((view) => ({ label: `${view.name} ${view.page ?? ''}`, weight: view.weight, elements: view.elements, view: true })),
    { label: `agent ${BUDGET_AGENT}`, weight: result.agent, elements: counted(result.agent?.page) },
    { label: `agent (generated) ${result.generated?.page.split('/')[2] ?? ''}`, weight: result.generated, elements: counted(result.generated?.page) },
  ];
  for (const { label, weight, elements, view } of pages) {
    if (!weight) {
      if (view) log(`  ${label.trim().padEnd(36)} not built`);
      continue;
    }
    const { html, css, js } = weight.totals;
    log(`  ${label.trim().padEnd(36)} ${cell(bytes(html))} ${cell(bytes(css))} ${cell(bytes(js))} ${cell(elements === undefined ? '–' : elementsText(elements), 10)}   (${bytes(weight.html.bytes)})`);
  }
  if (result.elements?.largest) {
    const { largest, over, counts } = result.elements;
    const list = over.slice(0, 5).map((p) => `${p.page} ${elementsText(p.elements)}`).join(', ') + (over.length > 5 ? ', …' : '');
    log(`  most elements: ${largest.page} (${elementsText(largest.elements)}) of ${counts.size} pages; ${over.length} over ${elementsText(BUDGETS.pageElements.limit)}${over.length ? `: ${list}` : ''}`);
  }
  if (result.agent) log(`  JS before interaction: ${result.agent.js.map((f) => `${path.basename(f.url)} ${bytes(f.gzip)}`).join(', ')}`);

  if (typeof result.search === 'string') log(`\n  search: ${result.search}`);
  else if (result.search) {
    const s = result.search;
    const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
    log(`\n  search, localhost, ${SEARCH_RUNS} fresh page loads, keys ${KEY_DELAY_MS} ms apart:`);
    log(`    first query "${QUERIES[0]}", typed on opening (Pagefind loads meanwhile): results ${ms(median(s.first)!)} after the last keystroke (median of ${list(s.first)})`);
    log(`    first query "${QUERIES[0]}", typed once Pagefind had loaded:          results ${ms(median(s.ready)!)} after the last keystroke (median of ${list(s.ready)})`);
    log(`    next query "${QUERIES[1]}" on the same page (Pagefind warm):          results ${ms(median(s.next)!)} after the last keystroke (median of ${list(s.next)})`);
    // In a fixed order (by kind), so two runs' lines compare: the order files arrive in varies.
    const kinds = [...s.pagefindRequests].sort(([a], [b]) => a.localeCompare(b)).map(([kind, { count, bytes: size }]) => `${kind} ${count > 1 ? `${count}× ` : ''}${bytes(size)}`);
    log(`    Pagefind fetched for the first query: ${bytes(s.pagefindBytes)} in ${[...s.pagefindRequests.values()].reduce((n, e) => n + e.count, 0)} requests (${kinds.join(', ')})`);
  }
  if (result.lighthouse) {
    for (const [page, scores] of Object.entries(result.lighthouse)) {
      log(`  lighthouse (mobile) ${page}: ${typeof scores === 'string' ? scores : LIGHTHOUSE_CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}`);
    }
  }
}

const FIGURE_LABELS: Record<Figure, string> = { wallMs: 'wall', cpuMs: 'CPU (user + sys, process tree)', peakBytes: 'peak memory (process tree)' };
const figureText = (figure: Figure, value: number | undefined) => (value === undefined ? '–' : figure === 'peakBytes' ? bytes(value) : ms(value));

/** The comparison with the Starlight peer: each side's medians, and the median of the pairs' ratios with their range. */
export function printPeer(comparison: PeerComparison): void {
  if ('skipped' in comparison) {
    log(`\n  compared with Starlight: no, ${comparison.skipped}${comparison.why ? `: ${comparison.why}` : ''}`);
    return;
  }
  const { pairs } = comparison;
  log(`\n  ${`${comparison.agents} agents, ${pairs.length} pair${pairs.length === 1 ? '' : 's'} (medians)`.padEnd(34)} ${'this project'.padStart(12)} ${'Starlight'.padStart(10)}   ratio (median of pairs, range)`);
  for (const figure of FIGURES) {
    const c = compareFigure(pairs, figure);
    const range = c.low === undefined ? '' : ` (${c.low.toFixed(2)}–${c.high!.toFixed(2)})`;
    log(`  ${FIGURE_LABELS[figure].padEnd(34)} ${figureText(figure, c.ours).padStart(12)} ${figureText(figure, c.peer).padStart(10)}   ${c.ratio === undefined ? '–' : `${c.ratio.toFixed(2)}×${range}`}`);
  }
}

/** The ratio budgets' rows (and CPU time's, for reading them): values, or why there are none. */
export function peerRows(comparison: PeerComparison): Row[] {
  const rows: Array<[Figure, string, BudgetId | undefined]> = [
    ['wallMs', BUDGETS.buildWallRatio.label, 'buildWallRatio'],
    ['cpuMs', `build at ${comparison.agents} agents vs Starlight, CPU time`, undefined],
    ['peakBytes', BUDGETS.buildMemoryRatio.label, 'buildMemoryRatio'],
  ];
  return rows.map(([figure, label, budget]) => {
    // The budgets are set at BASELINE_AGENTS; at another size the figures are shown, not judged.
    const judged = comparison.agents === BASELINE_AGENTS ? budget : undefined;
    const figureLabel = comparison.agents === BASELINE_AGENTS ? label : label.replace(`${BASELINE_AGENTS} agents`, `${comparison.agents} agents`);
    if ('skipped' in comparison) return { figure: figureLabel, value: undefined, unit: 'ratio', budget: judged, note: comparison.skipped, notCounted: comparison.onPurpose };
    const { ratio, pairs } = compareFigure(comparison.pairs, figure);
    return { figure: `${figureLabel} (median of ${pairs} pair${pairs === 1 ? '' : 's'})`, value: ratio, unit: 'ratio', budget: judged, note: ratio === undefined ? 'no pair measured' : undefined };
  });
}

export function rowsFor(results: SizeResult[], check: RunResult | undefined): Row[] {
  const rows: Row[] = [];
  const main = results[results.length - 1];
  const baseline = results.find((r) => r.agents === BASELINE_AGENTS);
  const agentPage = main.agent;
  if (agentPage) for (const c of agentPageChecks(agentPage)) rows.push({ figure: BUDGETS[c.id].label, value: c.value, unit: 'bytes', budget: c.id });
  else rows.push({ figure: BUDGETS.agentHtml.label, value: undefined, unit: 'bytes', budget: 'agentHtml', note: `no page for ${BUDGET_AGENT}` });
  for (const r of results) {
    const at = r.agents === BASELINE_AGENTS;
    const ok = r.build.code === 0;
    const note = ok ? undefined : 'build failed';
    // The page budgets hold at every size.
    const home = r.views?.find((view) => view.name === 'home');
    rows.push({ figure: `${BUDGETS.homeHtml.label} at ${r.agents} agents`, value: home?.weight?.totals.html, unit: 'bytes', budget: 'homeHtml', note: note ?? 'no home page' });
    rows.push({ figure: `${BUDGETS.homeElements.label} at ${r.agents} agents`, value: home?.elements, unit: 'count', budget: 'homeElements', note: note ?? 'no home page' });
    const largest = r.elements?.largest;
    rows.push({ figure: `${BUDGETS.pageElements.label} at ${r.agents} agents${largest ? ` (${largest.page})` : ''}`, value: largest?.elements, unit: 'count', budget: 'pageElements', note: note ?? 'no pages' });
    rows.push({ figure: `build at ${r.agents} agents, with search index (wall)`, value: ok ? r.build.wallMs : undefined, unit: 'ms', note });
    if (r.peer) rows.push(...peerRows(r.peer));
    const large = r.agents > BASELINE_AGENTS;
    rows.push({
      figure: at ? BUDGETS.buildMemory.label : `build at ${r.agents} agents, peak memory`,
      value: r.build.treePeak ?? r.build.maxRss,
      unit: 'bytes',
      budget: at ? 'buildMemory' : large ? 'scaleMemory' : undefined,
      note: r.build.treePeak ?? r.build.maxRss ? undefined : 'not measured',
    });
    if (large && baseline) {
      // The baseline's builds in the pairs, when there are some: a median is steadier than one build.
      const baselineWall = (baseline.peer && 'pairs' in baseline.peer && compareFigure(baseline.peer.pairs, 'wallMs').ours) || baseline.build.wallMs;
      const ratio = ok && baseline.build.code === 0 ? r.build.wallMs / r.agents / (baselineWall / baseline.agents) : undefined;
      rows.push({ figure: `${BUDGETS.scaleRatio.label} (${r.agents})`, value: ratio, unit: 'ratio', budget: 'scaleRatio', note: ratio === undefined ? 'a build failed' : undefined });
      // CPU time is what machine load distorts least: the same ratio in CPU seconds, for reading the one above.
      const cpu = (build: RunResult) => build.treeCpuMs ?? build.cpuMs;
      if (ratio !== undefined && cpu(r.build) && cpu(baseline.build)) {
        rows.push({ figure: `  the same in CPU time (user + sys)`, value: cpu(r.build)! / r.agents / (cpu(baseline.build)! / baseline.agents), unit: 'ratio' });
      }
    }
    if (r.search && typeof r.search !== 'string') {
      rows.push({ figure: `${BUDGETS.searchLatency.label} (${r.agents})`, value: median(r.search.first), unit: 'ms', budget: 'searchLatency' });
      rows.push({ figure: `${BUDGETS.searchBytes.label} (${r.agents})`, value: r.search.pagefindBytes, unit: 'bytes', budget: 'searchBytes' });
    } else rows.push({ figure: `${BUDGETS.searchLatency.label} (${r.agents})`, value: undefined, unit: 'ms', budget: 'searchLatency', note: r.search ?? 'build failed' });
    const index = r.output && (r.output.pagefind / r.agents) * 1000;
    rows.push({ figure: `${BUDGETS.searchIndex.label} (${r.agents})`, value: index, unit: 'bytes', budget: 'searchIndex', note: index === undefined ? 'build failed' : undefined });
    for (const [page, scores] of Object.entries(r.lighthouse ?? {})) {
      for (const category of LIGHTHOUSE_CATEGORIES) {
        const value = typeof scores === 'string' ? undefined : scores[category];
        const notBuilt = scores === 'not built';
        rows.push({ figure: `Lighthouse ${category}, ${page} (${r.agents})`, value, unit: 'score', budget: 'lighthouse', note: notBuilt ? 'not built' : typeof scores === 'string' ? 'not run' : undefined, notCounted: notBuilt });
      }
    }
  }
  const checkOk = check && (check.code === 0 || check.code === 1); // 1: the files have errors, still checked
  rows.push({ figure: BUDGETS.checkWall.label, value: checkOk ? check.wallMs : undefined, unit: 'ms', budget: 'checkWall', note: checkOk ? undefined : 'check did not run' });
  return rows;
}

export function printTable(rows: Row[]): boolean {
  let ok = true;
  const widths = [Math.max(...rows.map((r) => r.figure.length)), 10, 10];
  log(`\nbudgets (scripts/budgets.ts)   load average now ${loadAverage()}`);
  log(`  ${'figure'.padEnd(widths[0])}  ${'value'.padStart(widths[1])}  ${'budget'.padStart(widths[2])}`);
  for (const row of rows) {
    const budget = row.budget ? BUDGETS[row.budget] : undefined;
    const pass = budget && !row.notCounted ? row.value !== undefined && withinBudget(budget, row.value) : undefined;
    if (pass === false) ok = false;
    const value = row.value === undefined ? (row.note ?? '–') : formatValue(row.unit, row.value);
    const mark = row.notCounted ? '–' : pass === undefined ? ' ' : pass ? '✓' : '✗';
    log(`  ${row.figure.padEnd(widths[0])}  ${value.padStart(widths[1])}  ${(budget ? formatBudget(budget) : '').padStart(widths[2])}  ${mark}`);
  }
  return ok;
}
