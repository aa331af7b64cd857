/**
 * The builds the browser tests run against. Each target is one `astro build --outDir` with its own settings,
 * served by its own `astro preview`, and one Playwright project; `scripts/test.ts` builds them and
 * `playwright.config.ts` serves them. The tests read `siteUrl` and `basePath` to know what the pages should say.
 *
 * Builds go under test-results/ (git-ignored), not dist/: a `npm run build` elsewhere in the tree must not swap
 * the files (and Pagefind's hashed index) under a running test.
 */
import path from 'node:path';

export interface Target {
  /** The Playwright project name; `E2E_TARGETS=default,base` selects targets by it. */
  name: string;
  outDir: string;
  /**
   * SITE_URL and BASE_PATH for build and preview; `''` means unset to src/settings.ts, so defaults are tested. Other
   * settings (AGENTS_DIR, REPO_URL…) where the target builds another catalog than agents/.
   */
  env: { SITE_URL: string; BASE_PATH: string } & Record<string, string>;
  /**
   * For a target that builds another catalog: the spec files it runs. Those in `own` run against it alone; `shared`
   * ones (that hold for any catalog, such as the link check) run against every target. Without `specs`, a target runs
   * every spec but the other targets' own ones.
   */
  specs?: { own: string[]; shared: string[] };
  /** A catalog `scripts/test.ts` generates into AGENTS_DIR before building (scripts/generate-agents.ts). */
  generate?: { agents: number; long?: boolean; layout?: 'marketplace'; remote?: number };
  /** What install commands and canonical links must use: SITE_URL as the build saw it. */
  siteUrl: string;
  /** Where pages are served, with leading and trailing `/`: BASE_PATH as the build saw it. */
  basePath: string;
  /** Preview port when `scripts/test.ts` has not picked a free one (`E2E_PORT_<NAME>`). */
  defaultPort: number;
}

export const TARGETS: readonly Target[] = [
  {
    name: 'default',
    outDir: 'test-results/dist',
    env: { SITE_URL: '', BASE_PATH: '' },
    siteUrl: 'http://localhost:4321',
    basePath: '/',
    defaultPort: 4322,
  },
  {
    name: 'base',
    outDir: 'test-results/dist-base',
    env: { SITE_URL: 'https://agents.example.test', BASE_PATH: '/catalog/' },
    siteUrl: 'https://agents.example.test',
    basePath: '/catalog/',
    defaultPort: 4323,
  },
  {
    // A plugin marketplace (tests/fixtures/repos/marketplace-plugins) with the repository it would live in, so the
    // plugin install commands can be checked as people would copy them.
    name: 'marketplace',
    outDir: 'test-results/dist-marketplace',
    env: {
      SITE_URL: '',
      BASE_PATH: '',
      AGENTS_DIR: 'tests/fixtures/repos/marketplace-plugins',
      REPO_URL: 'https://github.com/lighthouse-labs/kit',
      REPO_AGENTS_PATH: '.',
      MARKETPLACE_SOURCE: '',
    },
    siteUrl: 'http://localhost:4321',
    basePath: '/',
    defaultPort: 4324,
    specs: { own: ['marketplace.spec.ts', 'install-effects.spec.ts'], shared: ['links.spec.ts', 'narrow-screen.spec.ts', 'listings.spec.ts', 'search-index.spec.ts'] },
  },
  {
    // A marketplace whose aggregate plugin repeats its topic plugins' files (tests/fixtures/repos/aggregate-market):
    // each agent twice, told apart by its plugin wherever it is listed.
    name: 'aggregate',
    outDir: 'test-results/dist-aggregate',
    env: { SITE_URL: '', BASE_PATH: '', AGENTS_DIR: 'tests/fixtures/repos/aggregate-market', REPO_URL: 'https://github.com/harbor-tools/kit', REPO_AGENTS_PATH: '.', MARKETPLACE_SOURCE: '' },
    siteUrl: 'http://localhost:4321',
    basePath: '/',
    defaultPort: 4327,
    specs: { own: ['aggregate.spec.ts'], shared: ['links.spec.ts'] },
  },
  {
    // A generated catalog made to run off a phone's screen: long paths, names, words, model ids, wide code blocks.
    name: 'narrow',
    outDir: 'test-results/dist-narrow',
    env: { SITE_URL: '', BASE_PATH: '', AGENTS_DIR: 'test-results/narrow-agents', AGENTS_ON_ERROR: 'warn' },
    siteUrl: 'http://localhost:4321',
    basePath: '/',
    defaultPort: 4325,
    specs: { own: [], shared: ['narrow-screen.spec.ts', 'links.spec.ts'] },
    generate: { agents: 12, long: true },
  },
  {
    // A generated marketplace big enough that listings have several pages (listings.ts: 40 cards, 100 rows a page),
    // so filtering draws on rows.json and pagination links are there to follow; it lists 250 plugins from other
    // sources, as the official marketplace lists 233, which get pages of their own.
    name: 'scale',
    outDir: 'test-results/dist-scale',
    env: { SITE_URL: '', BASE_PATH: '', AGENTS_DIR: 'test-results/scale-agents' },
    siteUrl: 'http://localhost:4321',
    basePath: '/',
    defaultPort: 4326,
    specs: { own: ['listings-scale.spec.ts'], shared: ['listings.spec.ts'] },
    generate: { agents: 450, layout: 'marketplace', remote: 250 },
  },
];

/** Spec files some target keeps to itself (see Target.specs): the other targets skip them. */
export const OWN_SPECS: readonly string[] = TARGETS.flatMap((target) => target.specs?.own ?? []);

/** The targets named in `E2E_TARGETS` (comma-separated), or every target. */
export function selectTargets(env: NodeJS.ProcessEnv = process.env): Target[] {
  const wanted = (env.E2E_TARGETS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (wanted.length === 0) return [...TARGETS];
  const unknown = wanted.filter((name) => !TARGETS.some((target) => target.name === name));
  if (unknown.length) {
    throw new Error(`E2E_TARGETS names unknown targets: ${unknown.join(', ')} (known: ${TARGETS.map((t) => t.name).join(', ')}).`);
  }
  return TARGETS.filter((target) => wanted.includes(target.name));
}

export function portOf(target: Target, env: NodeJS.ProcessEnv = process.env): number {
  const configured = env[`E2E_PORT_${target.name.toUpperCase()}`];
  return configured ? Number(configured) : target.defaultPort;
}

/**
 * The environment a target is built and previewed with. SITE_URL and BASE_PATH are always set, so values left in
 * the caller's shell cannot change what the tests expect.
 */
export function targetEnv(target: Target): Record<string, string> {
  return {
    ...target.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    // The project pins its Node in devDependencies; astro's `#!/usr/bin/env node` must find that one first.
    PATH: [path.resolve('node_modules/node/bin'), path.resolve('node_modules/.bin'), process.env.PATH].join(path.delimiter),
  };
}
