/**
 * `astro dev` only (search-controller.ts imports it behind `import.meta.env.DEV`, so production never ships it):
 * says under the search field where the dev server's index came from — the agent files, or a production build
 * it fell back on — using the status src/integrations/pagefind-dev.ts serves beside the index.
 */
interface DevIndexStatus {
  source: 'agents' | 'production-build' | 'none';
  message: string;
}

export async function showDevNotice(bundle: string): Promise<void> {
  const status = (await fetch(`${bundle}dev-index.json`)
    .then((response) => (response.ok ? response.json() : undefined))
    .catch(() => undefined)) as DevIndexStatus | undefined;
  const message = status?.message ?? 'Dev index: the dev server serves no search index (see the terminal running astro dev).';
  for (const panel of document.querySelectorAll<HTMLElement>('[data-search-panel]')) {
    let note = panel.querySelector<HTMLElement>('[data-search-dev-notice]');
    if (!note) {
      note = document.createElement('p');
      note.className = 'ad-search-hints'; // the hints row's look: small, muted, out of the way
      note.setAttribute('role', 'note');
      note.dataset.searchDevNotice = status?.source ?? 'none';
      panel.querySelector('[data-search-hints]')?.before(note);
    }
    note.textContent = message;
  }
}
