/**
 * The home page's tiles: one per category, and one per plugin when plugins are not simply the categories (a
 * marketplace whose plugins are its category folders would list each twice). Each tile has one line, so the home
 * page grows by a line per category, not per agent.
 */
import type { StoredAgent } from '../agents/types.ts';
import { visible } from '../agents/text.ts';
import { categoryLabel } from './category-label.ts';
import { namesLine } from './format.ts';
import { categoryPath, pluginPath } from './listings.ts';
import { siteCatalog, type Listing } from './catalog.ts';
import { pluginAnchor } from './plugins.ts';
import { categoryAnchor } from './urls.ts';

/** One category or plugin on the home page (ListingGrid.astro). */
export interface Tile {
  /** The id the home page's section had before listings had pages, kept so old links land here. */
  id: string;
  label: string;
  href: string;
  count: number;
  line: string;
  /** The plugin's old anchor too, when the category is one plugin and plugins have no tiles of their own. */
  alias?: { id: string; href: string };
}

/** A plugin tile's id: by its name, or by its slug when another source has a plugin of that name. */
const tileId = (p: Listing) => pluginAnchor(p.source ? p.slug : p.name);

/** The tiles of the catalog's listings (catalog.ts). */
export function overview(): { categories: Tile[]; plugins: Tile[] } {
  const all = siteCatalog().listings;
  const names = (list: readonly StoredAgent[]) => namesLine(list.map((a) => visible(a.name)));
  const plugins = all.filter((l) => l.kind === 'plugin');
  const categories = all
    .filter((l) => l.kind === 'category')
    .map((l): Tile => {
      // A category that is one plugin's agents and nothing else takes the plugin's description as its line.
      const only = plugins.find((p) => p.agents.length === l.agents.length && l.agents.every((a) => a.plugin === p.name && a.source === p.plugin?.from));
      return {
        id: categoryAnchor(l.name),
        label: categoryLabel(l.name),
        href: categoryPath(l.name),
        count: l.agents.length,
        line: only?.plugin?.description || names(l.agents),
        ...(only ? { alias: { id: tileId(only), href: pluginPath(only.name, only.plugin?.from) } } : {}),
      };
    });
  // Plugins get their own tiles unless each is exactly a category of the same name.
  const same = plugins.every((p) => all.some((l) => l.kind === 'category' && l.name.toLowerCase() === p.name.toLowerCase() && l.agents.length === p.agents.length));
  return {
    categories: same ? categories : categories.map(({ alias: _alias, ...tile }) => tile),
    plugins: same
      ? []
      : plugins.map((p): Tile => ({ id: tileId(p), label: p.source ? `${p.name} (${p.source})` : p.name, href: pluginPath(p.name, p.plugin?.from), count: p.agents.length, line: p.plugin?.description || names(p.agents) })),
  };
}
