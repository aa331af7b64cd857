/**
 * The `agents` collection: our own loader over AGENTS_DIR (Astro's glob() parses frontmatter with strict YAML,
 * which rejects files Claude Code loads). The pure library in src/agents does the reading; this file wires it in.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { agentsLoader } from './integrations/agents-loader.ts';

/** Each entry refers to an agent the loader keeps in memory (src/integrations/agent-store.ts); pages read it there. */
const agents = defineCollection({
  loader: agentsLoader(),
  schema: z.object({ slug: z.string().min(1) }),
});

export const collections = { agents };
