/**
 * A render worker (render-pool.ts): renders pages of the build with its own copy of Astro's prerender bundle and its
 * own copy of the catalog, and runs each page's prepared steps (page-steps.ts) before handing the page back. Node
 * runs this file as it is (type stripping), like the card worker.
 *
 * Messages in: `catalog` (the loader's agents and info, as the main thread kept them), `bundle` (the prerender
 * entry and what Astro's build environment needs of the build's internals), then one `render` per page. Out:
 * `ready` once the bundle is loaded, then a `page` or a `failed` per render, with its id.
 */
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { reuseEmptyDigest } from './empty-digest.ts';
import { givePrompt, keepHandedOver, siteCatalog, type CatalogHandOver } from '../site/catalog.ts';
import { PageWriter } from './page-writer.ts';
import type { BundleHandOver, RenderRequest, WorkerReply } from './render-threads.ts';

/** The part of Astro's BuildApp (astro/dist/core/build/app.js) a worker uses. */
interface BuildApp {
  manifest: { routes: Array<{ routeData: RouteData }> };
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  render(request: Request, options: { routeData: RouteData }): Promise<Response>;
}
interface RouteData {
  route: string;
  component: string;
}

type Message = { type: 'catalog'; catalog: CatalogHandOver } | { type: 'bundle'; bundle: BundleHandOver } | ({ type: 'render' } & RenderRequest);

const port = parentPort!;
const send = (reply: WorkerReply) => port.postMessage(reply);

let app: BuildApp | undefined;
let writer: PageWriter | undefined;
const routes = new Map<string, RouteData>();

async function loadBundle(bundle: BundleHandOver): Promise<void> {
  reuseEmptyDigest();
  const entry = (await import(pathToFileURL(bundle.entry).href)) as { app: BuildApp };
  app = entry.app;
  // What Astro's build environment reads of the build's internals and options while a page renders
  // (astro/dist/core/build/environment.js `headElements`): each page's stylesheets, the bundled scripts, the
  // settings' injected scripts, and a logger.
  app.setInternals({ pagesByKeys: new Map(bundle.pages), entrySpecifierToBundleMap: new Map(bundle.bundles) });
  app.setOptions({
    settings: { scripts: bundle.scripts },
    logger: {
      options: {
        destination: {
          write(event: { level: string; label?: string | null; message: string }) {
            if (event.level === 'warn' || event.level === 'error') send({ type: 'log', level: event.level, message: `${event.label ? `[${event.label}] ` : ''}${event.message}` });
            return true;
          },
        },
      },
    },
  });
  for (const { routeData } of app.manifest.routes) routes.set(`${routeData.component}\u0000${routeData.route}`, routeData);
  writer = new PageWriter(bundle.outDir, new Set(bundle.steps));
  // The catalog's per-sync data (listings, facets, sections) is worked out now, before the first page asks.
  siteCatalog();
}

async function render({ id, url, route, component, file, prompt }: RenderRequest): Promise<void> {
  const routeData = routes.get(`${component}\u0000${route}`);
  if (!app || !writer || !routeData) throw new Error(`render worker: no route ${route} (${component}) in the prerender bundle`);
  if (prompt) givePrompt(prompt.slug, prompt.html);
  const response = await app.render(new Request(url), { routeData });
  const values = writer.write(file, await response.bytes());
  send({ type: 'page', id, status: response.status, values });
}

port.on('message', (message: Message) => {
  if (message.type === 'catalog') {
    keepHandedOver(message.catalog);
  } else if (message.type === 'bundle') {
    loadBundle(message.bundle).then(
      () => send({ type: 'ready' }),
      (error: unknown) => send({ type: 'failed', id: -1, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  } else {
    render(message).catch((error: unknown) => send({ type: 'failed', id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  }
});
