/**
 * `items.map(fn)` with at most `limit` calls in flight, results in the order of `items`. Reading every file of a large
 * catalog at once opened them all at once: past the process's open-files limit (often 1,024) files failed with EMFILE
 * and agents went missing.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Files read at once: enough to keep libuv's four threads busy, far below any open-files limit. */
export const READS_IN_FLIGHT = 32;
