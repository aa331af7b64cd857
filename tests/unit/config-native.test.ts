/**
 * astro.config.mjs and everything it imports (the integrations, settings, the catalog they read) load with Node's own
 * `import()`, TypeScript stripped by Node. Astro tries that first and, when it throws, quietly loads the config through
 * a Vite dev server instead, transforming every module with source maps: ~0.5 s more of every build and dev start. An
 * import without its `.ts` extension or a TypeScript-only construct (a parameter property, an enum) is enough to fall
 * back, and nothing else would say so.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

test('astro.config.mjs loads natively', async () => {
  const config = await import(pathToFileURL(path.resolve(import.meta.dirname, '../../astro.config.mjs')).href);
  assert.ok(Array.isArray(config.default.integrations) && config.default.integrations.length > 0);
});
