/**
 * The `agents` collection: our own loader over AGENTS_DIR (Astro's glob() parses frontmatter with strict YAML,
 * which rejects files Claude Code loads). The pure library in src/agents does the reading; this file wires it in.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { agentsLoader } from './integrations/agents-loader.ts';
import type { Agent } from './agents/types.ts';

const agents = defineCollection({
  loader: agentsLoader(),
  schema: z.custom<Agent>((value) => typeof value === 'object' && value !== null && 'slug' in value && 'raw' in value, {
    message: 'expected an Agent object from src/agents',
  }),
});

export const collections = { agents };
