/**
 * What a category is called on the site. Categories come from folder names and marketplace entries, written as
 * slugs ("ai-agents", "data-ai"); a reader should see "AI agents", not "Ai-agents". A name the author already wrote
 * as a label (with a capital or a space: "Data & AI" as a frontmatter `category:`) is shown as written, and
 * `CATEGORY_LABELS` (src/settings.ts) names any category outright.
 */
import { settings } from '../settings.ts';

/** Words with a fixed spelling: acronyms, and names whose capitals are not at the start. */
const SPELLING: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'AI', 'API', 'APIs', 'AWS', 'CD', 'CI', 'CLI', 'CSS', 'DB', 'DX', 'GCP', 'HTML', 'HTTP', 'IaC', 'IoT', 'JSON', 'K8s', 'LLM', 'LLMs',
    'MCP', 'ML', 'MLOps', 'PR', 'QA', 'SDK', 'SEO', 'SQL', 'SRE', 'UI', 'UX', 'DevOps', 'DevSecOps', 'FinOps', 'GitHub', 'GitLab',
    'GraphQL', 'JavaScript', 'TypeScript', 'iOS', 'macOS', 'NoSQL', 'PostgreSQL', 'MySQL', 'WordPress',
  ].map((word) => [word.toLowerCase(), word]),
);
/** Pairs that read as one term once the hyphen is gone. */
const PAIRS: Readonly<Record<string, string>> = { 'ci cd': 'CI/CD', 'a11y': 'Accessibility' };

/**
 * "ai-agents" → "AI agents", "data_ai" → "Data AI", "quality-security" → "Quality security", "ci-cd" → "CI/CD";
 * "Data & AI" stays as written. Sentence case: the first word capitalised, the known spellings kept, the rest as written.
 */
export function deriveCategoryLabel(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || /[\p{Lu}\s]/u.test(trimmed)) return trimmed;
  let text = trimmed.replace(/[-_]+/g, ' ').trim();
  for (const [pair, spelled] of Object.entries(PAIRS)) text = text.replace(new RegExp(`(^| )${pair}(?= |$)`, 'g'), `$1${spelled}`);
  const words = text.split(' ').map((word) => SPELLING[word] ?? word);
  const first = words[0] ?? '';
  if (first === first.toLowerCase()) words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

/** The category's label: `CATEGORY_LABELS` when it names the category, else derived from its name. */
export const categoryLabel = (name: string): string => settings.categoryLabels[name] ?? deriveCategoryLabel(name);
