/**
 * Rendered prompt bodies, kept as files beside Astro's data store instead of inside it. The prompt's HTML is
 * three quarters of an agent's stored entry, and Astro compiles the whole store into the build as one JavaScript
 * string that every build step copies: at 1,000 agents 24 of 33 MB. Kept here, it is rendered once by the loader
 * (with everything else parsed from the file) and read by its own page only.
 *
 * Files are named by the SHA-256 of their HTML, so an entry that did not change keeps its file across builds, two
 * agents with the same prompt share one, and a page can check what it reads.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { PromptRef } from '../agents/types.ts';


const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Writes each HTML into `dir` unless a file with the same content is there already; returns their references in
 * the same order.
 */
export async function keepPromptHtml(dir: string, htmls: readonly string[]): Promise<PromptRef[]> {
  await mkdir(dir, { recursive: true });
  const present = new Set(await readdir(dir));
  const refs = htmls.map((html) => {
    const hash = sha256(html);
    return { file: path.join(dir, `${hash}.html`), sha256: hash };
  });
  const pending = new Map<string, string>();
  refs.forEach((ref, i) => {
    if (!present.has(path.basename(ref.file))) pending.set(ref.file, htmls[i]);
  });
  await Promise.all(
    [...pending].map(async ([file, html]) => {
      // Write then rename: a build reading the folder meanwhile never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, html);
      await rename(temp, file);
    }),
  );
  return refs;
}

/** Removes the files no entry refers to any more (the folder outlives builds, like the data store). */
export async function prunePromptHtml(dir: string, keep: Iterable<PromptRef>): Promise<void> {
  const kept = new Set([...keep].map((ref) => path.basename(ref.file)));
  const names = await readdir(dir).catch(() => []);
  await Promise.all(names.filter((name) => name.endsWith('.html') && !kept.has(name)).map((name) => rm(path.join(dir, name), { force: true })));
}

export async function readPromptHtml(ref: PromptRef): Promise<string> {
  const html = await readFile(ref.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`The rendered prompt ${ref.file} is missing (${error.code}): Astro's cache folder was changed during the build; build again.`);
  });
  if (sha256(html) !== ref.sha256) throw new Error(`The rendered prompt ${ref.file} does not match its hash: build again.`);
  return html;
}
