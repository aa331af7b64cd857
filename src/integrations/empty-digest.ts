/**
 * Astro hashes, for every page it renders with CSP on, the text of each stylesheet element in the page's head
 * (astro/dist/core/fetch/fetch-state.js `createResult`) — and with `inlineStylesheets: 'never'` every one is a
 * `<link>` with no text: four or five WebCrypto digests of the empty string per page, each a round trip through
 * Node's thread pool (~2 s of the rendering thread at 1,000 agents, bench --cpu-prof). The digest of nothing never
 * changes, so it is computed once per algorithm; every other input goes to WebCrypto as before.
 */
const MARK = Symbol.for('agent-docs:empty-digest');

export function reuseEmptyDigest(): void {
  const subtle = crypto.subtle as SubtleCrypto & { [MARK]?: true };
  if (subtle[MARK]) return;
  const digest = subtle.digest.bind(subtle);
  const empty = new Map<string, Promise<ArrayBuffer>>();
  subtle.digest = (algorithm: AlgorithmIdentifier, data: BufferSource) => {
    if (data.byteLength !== 0) return digest(algorithm, data);
    const name = (typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase();
    let known = empty.get(name);
    if (!known) empty.set(name, (known = digest(algorithm, data)));
    // A copy each time: a caller may write into the buffer it gets.
    return known.then((buffer) => buffer.slice(0));
  };
  subtle[MARK] = true;
}
