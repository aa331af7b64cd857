/**
 * The home page's budgets on a marketplace that lists many plugins from other sources (issue 27: 233 of them listed
 * in full made the official marketplace's home page 40.8 KB gzip and ~3,970 elements): a generated marketplace of
 * REMOTE_AGENTS agents and REMOTE_PLUGINS remote plugins, built once, its home page weighed and the elements of the
 * home page and of the remote plugins' own pages counted.
 */
import path from 'node:path';
import { generateCatalog } from '../generate-agents.ts';
import { BUDGETS, weighPage } from '../budgets.ts';
import { buildSite } from './build.ts';
import { countBuildElements } from './elements.ts';
import { loadAverage, log, ms } from './print.ts';
import type { Row } from './report.ts';

export const REMOTE_PLUGINS = 300;
const REMOTE_AGENTS = 100;

export async function benchRemoteHome(work: string, echo?: Parameters<typeof buildSite>[0]['echo']): Promise<Row[]> {
  const agentsDir = path.join(work, `market-remote-${REMOTE_PLUGINS}`);
  await generateCatalog(REMOTE_AGENTS, agentsDir, { layout: 'marketplace', remote: REMOTE_PLUGINS });
  const outDir = path.join(work, `dist-remote-${REMOTE_PLUGINS}`);
  log(`\n── a marketplace of ${REMOTE_AGENTS} agents listing ${REMOTE_PLUGINS} plugins from other sources ── building… (load average ${loadAverage()})`);
  const build = await buildSite({ agentsDir, outDir, workDir: work, env: { SITE_URL: 'http://127.0.0.1:4321', BASE_PATH: '/' }, echo });
  const at = `, marketplace with ${REMOTE_PLUGINS} remote plugins`;
  if (build.code !== 0) {
    for (const line of build.lines.slice(-25)) log(`  | ${line.text}`);
    const note = `build failed (exit ${build.code})`;
    return [
      { figure: `${BUDGETS.homeHtml.label}${at}`, value: undefined, unit: 'bytes', budget: 'homeHtml', note },
      { figure: `${BUDGETS.homeElements.label}${at}`, value: undefined, unit: 'count', budget: 'homeElements', note },
    ];
  }
  log(`  built in ${ms(build.wallMs)}`);
  const home = await weighPage(outDir, '/');
  const elements = await countBuildElements(outDir, BUDGETS.pageElements.limit);
  // The listing's own pages (the agent pages are the size budgets' concern at every size the bench builds).
  const listing = [...elements.counts].filter(([page]) => page.startsWith('/other-sources/')).sort((a, b) => b[1] - a[1]);
  const largest = listing[0] && { page: listing[0][0], elements: listing[0][1] };
  return [
    { figure: `${BUDGETS.homeHtml.label}${at}`, value: home.totals.html, unit: 'bytes', budget: 'homeHtml' },
    { figure: `${BUDGETS.homeElements.label}${at}`, value: elements.counts.get('/'), unit: 'count', budget: 'homeElements' },
    { figure: `${BUDGETS.pageElements.label}${at}, of /other-sources/${largest ? ` (${largest.page})` : ''}`, value: largest?.elements, unit: 'count', budget: 'pageElements', note: largest ? undefined : 'no /other-sources/ page' },
  ];
}
