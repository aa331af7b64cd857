/**
 * Content-Security-Policy on every page. Astro's own `security.csp` writes the `<meta http-equiv>` and hashes the
 * scripts and styles it bundles or inlines; the layout adds the hash of its one `is:inline` theme script. This
 * integration checks every page instead of trusting that (src/site/csp.ts `securePage`), as Astro renders it
 * (built-pages.ts, page-steps.ts) and, for any page that did not pass there, from dist/ when the build is done; the
 * build fails on any problem.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { finishPagesNotSeen, registerPreparedStep } from './built-pages.ts';
import { CSP_DIRECTIVES, SCRIPT_SOURCES, type PageProblem } from '../site/csp.ts';

/** Turns on Astro's CSP with the project's policy, then checks and completes every built page. */
export default function csp(): AstroIntegration {
  let base = '/';
  let problems: PageProblem[] = [];
  let checked = 0;
  // The check itself (page-steps.ts `csp`) ran where the page was rendered; its problems arrive here.
  const record = (_file: string, found: PageProblem[]) => {
    checked++;
    problems.push(...found);
  };
  return {
    name: 'agent-docs:csp',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ security: { csp: { algorithm: 'SHA-256', directives: CSP_DIRECTIVES as never, scriptDirective: { resources: SCRIPT_SOURCES } } } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:start': () => {
        problems = [];
        checked = 0;
        // Pages are checked as Astro renders them (built-pages.ts); any that were not, at astro:build:done.
        registerPreparedStep(base, 'csp', record);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const late = await finishPagesNotSeen(outDir);
        if (problems.length) {
          throw new Error(`Content-Security-Policy check failed:\n${problems.map((p) => `  ${p.file}: ${p.message}`).join('\n')}`);
        }
        logger.info(`policy checked on ${checked} pages (${checked - late} while rendering, ${late} after, in ${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
