/** One catalog size: generate it, build it, weigh the output and its pages, then serve it for search and Lighthouse. */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BUDGET_AGENT, BUDGETS, weighPage, type PageWeight } from '../budgets.ts';
import { freePort } from '../free-port.ts';
import { generateAgent, generateCatalog } from '../generate-agents.ts';
import { buildSite, folderSize, type BuildResult } from './build.ts';
import { countBuildElements, type BuildElements } from './elements.ts';
import type { Flags } from './flags.ts';
import { lighthouse, lighthouseCli } from './lighthouse.ts';
import { SEED } from './paths.ts';
import { bytes, loadAverage, log } from './print.ts';
import { summariseProfiles } from './profile.ts';
import type { PeerComparison } from './ratio.ts';
import { measureSearch, type SearchFigures } from './search.ts';
import { serve } from './serve.ts';

export interface SizeResult {
  agents: number;
  /** The generated catalog, and the environment it was built with (SITE_URL, BASE_PATH). */
  agentsDir: string;
  env: Record<string, string>;
  loadAtStart: string;
  build: BuildResult;
  output?: { bytes: number; files: number; pagefind: number };
  /** The home page, the first category page and the all-agents view, as found in the output. */
  views?: View[];
  /** Every HTML page's element count. */
  elements?: BuildElements;
  agent?: PageWeight;
  generated?: PageWeight;
  search?: SearchFigures | string;
  lighthouse?: Record<string, Record<string, number> | string>;
  profile?: string[];
  /** Pairs of builds against the Starlight peer (at the first size the bench builds), or why there are none. */
  peer?: PeerComparison;
}

export interface View {
  name: 'home' | 'category' | 'all agents';
  /** URL path under the base; undefined when the build has no such page. */
  page?: string;
  weight?: PageWeight;
  elements?: number;
}

/**
 * Where the views the page budgets and Lighthouse look at are in `outDir`: the home page, the first category page
 * (the first folder of categories/ by name) and the all-agents view (all/). A page the site does not build (yet) is
 * undefined, and the report says "not built".
 */
export async function findViews(outDir: string): Promise<Array<{ name: View['name']; page?: string }>> {
  const categories = await readdir(path.join(outDir, 'categories'), { withFileTypes: true }).catch(() => []);
  const [category] = categories
    .filter((entry) => entry.isDirectory() && existsSync(path.join(outDir, 'categories', entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
  return [
    { name: 'home', page: existsSync(path.join(outDir, 'index.html')) ? '/' : undefined },
    { name: 'category', page: category === undefined ? undefined : `/categories/${category}/` },
    { name: 'all agents', page: existsSync(path.join(outDir, 'all/index.html')) ? '/all/' : undefined },
  ];
}

export async function benchSize(agents: number, work: string, flags: Flags, lighthouseRun: boolean): Promise<SizeResult> {
  const agentsDir = path.join(work, `agents-${agents}`);
  const catalog = await generateCatalog(agents, agentsDir, { include: SEED });
  log(`\n── ${agents} agents ── ${catalog.included.length} seed + ${catalog.generated} generated (${bytes(catalog.bytes)} generated) in ${agentsDir}`);
  const outDir = path.join(work, `dist-${agents}`);
  const port = await freePort();
  const base = '/';
  const loadAtStart = loadAverage();
  log(`building… (load average ${loadAtStart})`);
  const cpuProfDir = flags.cpuProf ? path.join(work, `cpu-prof-${agents}`) : undefined;
  // Canonical links and install commands name the host the pages are served from (Lighthouse checks them).
  const env = { SITE_URL: `http://127.0.0.1:${port}`, BASE_PATH: base };
  const build = await buildSite({ agentsDir, outDir, workDir: work, cpuProfDir, env, echo: flags.verbose ? (line) => log(`  | ${line.text}`) : undefined });
  const result: SizeResult = { agents, agentsDir, env, loadAtStart, build };
  if (build.code !== 0) {
    log(`build failed (exit ${build.code}); its last lines:`);
    for (const line of build.lines.slice(-25)) log(`  | ${line.text}`);
    return result;
  }
  const size = await folderSize(outDir);
  result.output = { ...size, pagefind: (await folderSize(path.join(outDir, 'pagefind')).catch(() => ({ bytes: 0 }))).bytes };
  const generatedSlug = catalog.generated ? path.basename(generateAgent(0).file, '.md') : undefined;
  result.elements = await countBuildElements(outDir, BUDGETS.pageElements.limit);
  result.views = [];
  for (const { name, page } of await findViews(outDir)) {
    if (!page) result.views.push({ name });
    else result.views.push({ name, page, weight: await weighPage(outDir, page, base), elements: result.elements.counts.get(page) });
  }
  result.agent = await weighPage(outDir, `/agents/${BUDGET_AGENT}/`, base).catch(() => undefined);
  if (generatedSlug) result.generated = await weighPage(outDir, `/agents/${generatedSlug}/`, base).catch(() => undefined);
  if (cpuProfDir) result.profile = await summariseProfiles(cpuProfDir, { lines: build.lines });

  const { locateChromium, CHROMIUM_ARGS } = await import('../browser.ts');
  const chrome = locateChromium();
  const server = await serve(outDir, base, port);
  try {
    if (!chrome) result.search = 'no Chromium (apt-get install -y chromium, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH)';
    else result.search = await measureSearch(server, chrome, CHROMIUM_ARGS).catch((error: Error) => `search not measured: ${error.message.split('\n')[0]}`);
    if (lighthouseRun) {
      const cli = lighthouseCli();
      result.lighthouse = {};
      const pages = [...result.views, { name: 'agent', page: result.agent && `/agents/${BUDGET_AGENT}/` }];
      for (const { name, page } of pages) {
        result.lighthouse[page ? `${name} ${page}` : name] = !page
          ? 'not built'
          : !cli
            ? 'lighthouse is not installed: npm i -D -E lighthouse@12.2.3 (or set LIGHTHOUSE_CLI)'
            : !chrome
              ? 'no Chromium'
              : await lighthouse(cli, `${server.origin}${base}${page.slice(1)}`, chrome, work).catch((error: Error) => `lighthouse failed: ${error.message}`);
      }
    }
  } finally {
    await server.close();
  }
  return result;
}
