/**
 * A rendered page finished where it was rendered — a render worker or the build's main thread (render-pool.ts): its
 * prepared steps run (page-steps.ts) and it is written where Astro would write it (built-pages.ts `outputFile`, checked
 * against dist/ when the build is done). Astro then gets a response without a body and has nothing left to write, so
 * the page is not encoded into a second response, read back into a buffer and written with one promise per call.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { preparePage, type PageStepName, type PreparedValues } from './page-steps.ts';

export class PageWriter {
  /** Folders made so far, so each is made once. */
  private readonly made = new Set<string>();

  private readonly outDir: string;
  private readonly steps: ReadonlySet<PageStepName>;

  constructor(outDir: string, steps: ReadonlySet<PageStepName>) {
    this.outDir = outDir;
    this.steps = steps;
  }

  /** Runs the steps on the page's HTML and writes what they return to `file` (relative, `/` separators). */
  write(file: string, html: string): PreparedValues {
    const page = preparePage(this.steps, file, html);
    const full = path.join(this.outDir, ...file.split('/'));
    const folder = path.dirname(full);
    if (!this.made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.made.add(folder);
    }
    writeFileSync(full, page.html);
    return page.values;
  }
}
