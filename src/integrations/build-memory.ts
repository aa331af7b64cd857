/**
 * How much garbage `astro build` lets its heap hold. V8 lets the heap grow to a multiple of what survived the last
 * full collection before it collects again, up to 4× while collecting looks cheap next to allocating; a build
 * allocates fast (every page is a few strings of ~60 KB) and keeps little, so at 5,000 agents it ran to ~1.9 GB
 * holding ~0.5 GB. Growing by half at most keeps it to ~1.5 GB, for a few per cent more time collecting.
 * `astro dev` keeps V8's default.
 */
import type { AstroIntegration } from 'astro';
import v8 from 'node:v8';
import vm from 'node:vm';

/** The heap grows by at most this many per cent of what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 50;

export default function buildMemory(): AstroIntegration {
  return {
    name: 'agent-docs:build-memory',
    hooks: {
      'astro:config:setup': ({ command }) => {
        // Read by V8 each time it sets the next collection's limit, so it applies from here on.
        if (command === 'build') v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
      },
    },
  };
}

/**
 * A full collection now, for a moment when this process is about to sit still while another one (Pagefind writing
 * its bundle) needs memory: garbage left from rendering is handed back first. A no-op where V8 will not expose it.
 */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') gc();
}
