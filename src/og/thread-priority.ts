/**
 * Lowering the priority of the calling thread alone. Linux keeps a nice value per thread, and `setpriority` given a
 * thread's id sets that thread's: /proc/thread-self names the caller. Elsewhere nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The calling thread's id (Linux), or undefined. */
export function threadId(): number | undefined {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Gives the calling thread the lowest priority (nice 19); returns whether it could. */
export function lowestPriority(): boolean {
  const id = threadId();
  if (id === undefined) return false;
  try {
    setPriority(id, 19);
    return getPriority(id) === 19;
  } catch {
    return false;
  }
}
