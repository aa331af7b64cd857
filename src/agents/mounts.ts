/**
 * A catalog's files come from one folder, or from several (sources.ts; fetched plugins): each folder is mounted at the
 * start of the paths of its files (`Mount.at`), so `Agent.file` names one file of the whole catalog, and the report
 * tells `agents/reviewer.md` of one source from that of another. Pure: paths in, paths out.
 */
import type { Mount, PluginContents } from './types.ts';

/** The folder a catalog path is read from, and the path inside it: the longest mount that starts it wins. */
export function mountOf<M extends Pick<Mount, 'at'>>(file: string, mounts: readonly M[]): { mount: M; rel: string } | undefined {
  let best: M | undefined;
  for (const mount of mounts) if (file.startsWith(mount.at) && (!best || mount.at.length > best.at.length)) best = mount;
  return best && { mount: best, rel: file.slice(best.at.length) };
}

/** Every `file` of a plugin's contents, moved under `at`. */
export function mountContents<C extends Partial<PluginContents>>(contents: C, at: string): C {
  if (!at) return contents;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(contents)) {
    out[key] = key !== 'agents' && Array.isArray(value) ? value.map((item: { file?: string }) => (typeof item.file === 'string' ? { ...item, file: at + item.file } : item)) : value;
  }
  return out as C;
}

/** A repository address as fetched → its web page, for "View source" (https and http only; never credentials). */
export function webRepository(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.href.replace(/\/+$/, '').replace(/\.git$/, '');
}
