/**
 * A rendered page finished where it was rendered — a render worker or the build's main thread (render-pool.ts): its
 * prepared steps run (page-steps.ts) and it is written where Astro would write it (built-pages.ts `outputFile`, checked
 * against dist/ when the build is done). Astro then gets a response without a body and has nothing left to write, so
 * the page is not encoded into a second response, read back into a buffer and written with one promise per call.
 * An endpoint's body is written the same way, as it streams (`writeStreamed`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { pageBytes, pageBytesText, preparePage, type PageStepName, type PreparedValues } from './page-steps.ts';

export class PageWriter {
  /** Folders made so far, so each is made once. */
  private readonly made = new Set<string>();

  private readonly outDir: string;
  private readonly steps: ReadonlySet<PageStepName>;

  constructor(outDir: string, steps: ReadonlySet<PageStepName>) {
    this.outDir = outDir;
    this.steps = steps;
  }

  /** Runs the steps on the page (its bytes, as rendered) and writes what they return to `file` (relative, `/` separators). */
  write(file: string, bytes: Uint8Array): PreparedValues {
    const text = pageBytesText(bytes);
    const page = preparePage(this.steps, file, text);
    const full = path.join(this.outDir, ...file.split('/'));
    const folder = path.dirname(full);
    if (!this.made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.made.add(folder);
    }
    writeFileSync(full, page.html === text ? bytes : pageBytes(page.html));
    return page.values;
  }
}

/** How much of a streamed body is gathered before it is written: a write per chunk would be ~10,000 for llms-full.txt. */
const STREAMED_WRITE = 1 << 20;

/**
 * Writes a body to `file` (absolute) as it streams, holding at most ~1 MB of it. Astro reads an endpoint's body whole
 * before writing it: `/llms-full.txt`, every agent file in one, is ~150 MB at 10,000 agents, and its chunks and their
 * joined copy were the largest thing in the build's memory at its end.
 */
export async function writeStreamed(file: string, body: ReadableStream<Uint8Array>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w');
  try {
    let held: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of body) {
      held.push(chunk);
      size += chunk.byteLength;
      if (size < STREAMED_WRITE) continue;
      await handle.writev(held);
      held = [];
      size = 0;
    }
    if (held.length) await handle.writev(held);
  } finally {
    await handle.close();
  }
}
