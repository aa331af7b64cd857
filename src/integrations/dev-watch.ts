/**
 * What `astro dev`'s file watcher may watch under the agents folder. Vite watches the project (and the loader adds
 * AGENTS_DIR) with one inotify watch per folder, all of them, however many: a repository of 200,000 folders would take
 * more watches than a user may hold (about 190,000 here, shared with every other process of the user). This filter
 * keeps the watcher to the folders the catalog reads (the walk's rules in src/agents/files.ts: no `node_modules`, no
 * `.git`, no other dot-folder outside agents folders but `.claude` and `.claude-plugin`, no deeper than the walk goes)
 * and to at most `LIMITS.watchedFolders` of them; past that, folders are not watched and the terminal says so once.
 */
import { lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isUnder, realDir } from '../agents/inside.ts';
import { LIMITS } from '../agents/limits.ts';

const KEPT_DOT_FOLDERS = new Set(['.claude', '.claude-plugin']);

/** A chokidar `ignored` matcher: true for what under `agentsDir` is not to be watched. */
export function agentsWatchIgnore(agentsDir: string, maxFolders = LIMITS.watchedFolders, warn = (message: string) => console.warn(message)): (file: string, stats?: Stats) => boolean {
  const root = realDir(agentsDir);
  const watched = new Set<string>();
  let warned = false;
  return (file, stats) => {
    if (!isUnder(file, root)) return false;
    const segments = path.relative(root, file).split(path.sep);
    if (segments.length > LIMITS.depth + 1) return true;
    for (let i = 0; i < segments.length; i++) {
      const name = segments[i]!;
      if (name === 'node_modules' || name === '.git') return true;
      // As the walk: dot-names are read only inside an agents folder, and `.claude`, `.claude-plugin` for what they hold.
      if (name.startsWith('.') && !KEPT_DOT_FOLDERS.has(name) && !segments.slice(0, i).includes('agents')) return true;
    }
    let info = stats;
    if (!info) {
      try {
        info = lstatSync(file);
      } catch {
        return false;
      }
    }
    if (!info.isDirectory() || watched.has(file)) return false;
    if (watched.size >= maxFolders) {
      if (!warned) warn(`[agent-docs] astro dev watches at most ${maxFolders.toLocaleString('en')} folders of the agents folder; "${path.relative(root, file)}" and folders after it are not watched (restart the server to see changes there).`);
      warned = true;
      return true;
    }
    watched.add(file);
    return false;
  };
}
