/**
 * Agent files parsed on more than one core. Reading a catalog is mostly parsing (frontmatter, the schema, markdown
 * to HTML: ~3.5 ms a file), one file after another on one thread; at 1,000 files that was most of a build's content
 * sync, with the second core idle. `loadAgents` parses on this thread and on `workers` worker threads at once
 * (parse-worker.ts), each taking the next few files as it finishes the last, and returns the results in the order of
 * the files: `loadAgent` is a pure function of its input, so the catalog is the same whichever thread parsed a file
 * (tests/unit/parse-pool.test.ts compares both ways). A worker that cannot start or stops leaves its files to this
 * thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { letGo } from '../build-workers.ts';
import { loadAgent, type LoadInput } from './load-agent.ts';
import type { Agent, SkippedFile } from './types.ts';

/** Below this many files a worker would still be starting when this thread is done. */
export const PARSE_POOL_MIN_FILES = 64;
/** Files handed over at once: few enough to share the end of the list, enough to keep messages rare. */
const CHUNK = 16;

const WORKER_FILE = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));

type Parsed = Agent | SkippedFile;

/** Parses every input, on this thread and `workers` others; results in the order of `inputs`. */
export async function loadAgents(inputs: readonly LoadInput[], workers = 0): Promise<Parsed[]> {
  const out = new Array<Parsed>(inputs.length);
  if (workers < 1 || inputs.length < PARSE_POOL_MIN_FILES || !existsSync(WORKER_FILE)) {
    for (let i = 0; i < inputs.length; i++) out[i] = loadAgent(inputs[i]!);
    return out;
  }
  let next = 0;
  const take = (): [number, number] | undefined => {
    if (next >= inputs.length) return undefined;
    const start = next;
    next = Math.min(inputs.length, next + CHUNK);
    return [start, next];
  };
  const parseHere = (range: [number, number]) => {
    for (let i = range[0]; i < range[1]; i++) out[i] = loadAgent(inputs[i]!);
  };
  const helpers = Array.from({ length: workers }, () => helpWith(inputs, out, take, parseHere));
  // This thread parses too, a chunk at a time, letting the workers' replies in between chunks.
  for (let range = take(); range; range = take()) {
    parseHere(range);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(helpers);
  return out;
}

/** One worker's share: asks for a chunk whenever it is free; resolves when the list is done and its last chunk is in. */
function helpWith(inputs: readonly LoadInput[], out: Parsed[], take: () => [number, number] | undefined, parseHere: (range: [number, number]) => void): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // A small heap: a chunk of files at a time, nothing kept between chunks.
      worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
    } catch {
      resolve();
      return;
    }
    /**
     * Chunks sent and not answered yet, oldest first. Two at a time: the next is waiting in the worker's queue when
     * it finishes one, instead of the worker waiting for this thread to finish its own chunk and read the answer
     * (with one at a time, the worker sat idle ~30 % of a 10,000-agent sync).
     */
    const held: Array<[number, number]> = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      // The listeners reach the results (`out`, through `parseHere`) until the worker's thread has exited: at 10,000
      // agents the whole parsed catalog stayed alive while the loader copied it, and V8 kept the heap that took
      // (~350 MB more) for the rest of the build.
      letGo(worker);
      resolve();
    };
    const sendNext = () => {
      const range = take();
      if (range) {
        held.push(range);
        worker.postMessage(inputs.slice(range[0], range[1]));
      } else if (!held.length) finish();
    };
    worker.on('message', (message: 'ready' | Parsed[]) => {
      if (message === 'ready') {
        sendNext();
        sendNext();
        return;
      }
      const range = held.shift()!;
      message.forEach((parsed, i) => (out[range[0] + i] = parsed));
      sendNext();
    });
    // A worker that fails: the chunks it held are parsed here, and the rest of the list is left to this thread.
    const fail = () => {
      if (finished) return;
      for (const range of held.splice(0)) parseHere(range);
      finish();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  });
}
