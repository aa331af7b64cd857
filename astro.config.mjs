// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { settings } from './src/settings.ts';
import pagefind from './src/integrations/pagefind.ts';
import csp from './src/integrations/csp.ts';
import renderPool from './src/integrations/render-pool.ts';
import agentFiles from './src/integrations/agent-files.ts';
import buildMemory from './src/integrations/build-memory.ts';
import { agentsWatchIgnore } from './src/integrations/dev-watch.ts';
import siteUrl from './src/integrations/site-url.ts';

// Everything configurable comes from the environment (see README "Configuration"); src/settings.ts reads it.
export default defineConfig({
  site: settings.siteUrl,
  base: settings.basePath,
  trailingSlash: 'ignore',
  integrations: [buildMemory(), siteUrl(), mdx(), sitemap(), agentFiles(), pagefind(), csp(), renderPool()],
  // Stylesheets always as files: inlined, each small one lands in every page's HTML (and its hash in every page's
  // CSP), which the agent page's 12 KB HTML budget cannot carry; as files they are fetched once and cached.
  // Four pages in flight: while one waits for its file to be written, the next renders.
  // Measured at 1,000 agents: page generation 8.3–9.1 s with one, 6.8–7.6 s with four (three runs each, alternating).
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'never' },
  // Builds and dev servers running side by side (the test suite, the benchmark) each need their own content store.
  ...(process.env.AGENT_DOCS_CACHE_DIR ? { cacheDir: process.env.AGENT_DOCS_CACHE_DIR } : {}),
  // The guide's code blocks are plain: Shiki's inline colours would need CSP exceptions and ignore the theme.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  // `astro dev` watches files with Vite's watcher, which by default follows symbolic links: over a repository holding
  // `x -> .` and `y -> .` it never finished walking (3 GB and growing), and links out of the repository had it watch
  // (and log ELOOP errors for) folders that are none of the catalog's business. The agents loader reads through its
  // own gate (src/agents/inside.ts) and watches the real folder, so nothing is lost by not following links here.
  // Of the agents folder, only what the catalog reads is watched, and at most so many folders (dev-watch.ts).
  // Each source AGENTS_DIR lists is watched so, within its own bound.
  vite: { server: { watch: { followSymlinks: false, ignored: settings.agentsDirs.map((dir) => agentsWatchIgnore(dir)) } } },
  // Astro's console output, with the pages a build writes listed one to a line (build-log.mjs says why).
  logger: { entrypoint: './src/integrations/build-log.mjs' },
});
