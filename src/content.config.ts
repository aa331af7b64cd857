/**
 * The `agents` collection: our own loader over AGENTS_DIR (Astro's glob() parses frontmatter with strict YAML,
 * which rejects files Claude Code loads). The pure library in src/agents does the reading; this file wires it in.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { agentsLoader } from './integrations/agents-loader.ts';
import type { StoredAgent } from './agents/types.ts';

const agents = defineCollection({
  loader: agentsLoader(),
  schema: z.custom<StoredAgent>((value) => typeof value === 'object' && value !== null && 'slug' in value && 'sha256' in value, {
    message: 'expected a stored Agent from src/agents',
  }),
});

export const collections = { agents };
