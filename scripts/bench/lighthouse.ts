/** Lighthouse (optional, installed separately) on a served page: its four category scores. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runWatched } from './run.ts';

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export function lighthouseCli(): string | undefined {
  if (process.env.LIGHTHOUSE_CLI) return process.env.LIGHTHOUSE_CLI;
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('lighthouse/package.json')), 'cli/index.js');
  } catch {
    return undefined;
  }
}

export async function lighthouse(cli: string, url: string, chrome: string, dir: string): Promise<Record<string, number> | string> {
  const output = path.join(dir, `lighthouse-${Date.now()}.json`);
  const run = await runWatched(
    process.execPath,
    [cli, url, '--output=json', `--output-path=${output}`, '--quiet', '--chrome-flags=--headless=new --no-sandbox --disable-gpu', `--only-categories=${LIGHTHOUSE_CATEGORIES.join(',')}`],
    { env: { ...process.env, CHROME_PATH: chrome }, dir },
  );
  if (run.code !== 0) return `lighthouse exited ${run.code}: ${run.lines.slice(-3).map((l) => l.text).join(' / ')}`;
  const report = JSON.parse(await readFile(output, 'utf8')) as { categories: Record<string, { score: number | null }> };
  return Object.fromEntries(LIGHTHOUSE_CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)]));
}
