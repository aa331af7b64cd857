/** A fresh folder in the system's temporary folder, holding `files` (path → text), for tests that read a repository. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function scratchFolder(files: Record<string, string>, prefix = 'agent-docs-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
