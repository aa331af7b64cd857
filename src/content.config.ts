/**
 * The `agents` collection: our own loader over AGENTS_DIR (Astro's glob() parses frontmatter with strict YAML,
 * which rejects files Claude Code loads). The pure library in src/agents does the reading; this file wires it in.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { agentsLoader } from './integrations/agents-loader.ts';
import { frontmatterSchema } from './agents/schema.ts';

/**
 * Each entry is an agent's metadata, under the frontmatter's own schema (src/agents/schema.ts). Pages read the
 * catalog's owner (src/site/catalog.ts), which holds the rest; in `astro dev` a changed entry is what tells Astro to
 * render pages again.
 */
const agents = defineCollection({
  loader: agentsLoader(),
  schema: frontmatterSchema
    .pick({ model: true, color: true, tools: true })
    .extend({ slug: z.string().min(1), name: z.string(), category: z.string() }),
});

export const collections = { agents };
