// @ts-check
/**
 * Astro's log, with the list of pages it writes one to a line. Astro prints each page as `├─ /path` without ending
 * the line and ends it with ` (+12ms)` once the page is written; with several pages in flight (`build.concurrency`
 * in astro.config.mjs) those halves interleave: several paths on one line, stray ` (+12ms)` lines under them. The
 * times cannot be matched to their pages, so each path gets its own line and the times are left out (Astro's total
 * for the step follows the list). Everything else goes to Astro's own console output unchanged.
 *
 * JavaScript, not TypeScript: Astro imports a logger's entrypoint before anything could compile it.
 */
import nodeLog from 'astro/logger/node';
import { stripVTControlCharacters } from 'node:util';

/**
 * The end Astro gives a page line: its time, or that it was cached or restored. A page a render worker wrote
 * (render-pool.ts) reaches Astro without a body, which Astro notes as "(file not created, response body was empty)":
 * true of Astro, not of the page, so that is left out too (the render pool says how many pages its workers wrote).
 */
const PAGE_END = /^\s*\((?:\+[\d.]+\s*m?s|cached|restored)\)(?:\s*\(file not created, response body was empty\))?\s*$/;

/** @param {Record<string, unknown> | undefined} config */
export default function buildLog(config) {
  const out = nodeLog(config);
  return {
    /** @param {import('astro').AstroLoggerMessage} event */
    write(event) {
      const text = stripVTControlCharacters(event.message);
      if (event.label === 'SKIP_FORMAT' && PAGE_END.test(text)) return;
      if (!event.newLine && text.trimStart().startsWith('├─')) return out.write({ ...event, newLine: true });
      out.write(event);
    },
    flush: () => out.flush?.(),
    close: () => out.close?.(),
  };
}
