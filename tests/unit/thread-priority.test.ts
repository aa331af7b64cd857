/**
 * The card worker's priority (src/og/thread-priority.ts): lowered for the calling thread alone, so the threads that
 * render pages keep theirs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { threadId } from '../../src/og/thread-priority.ts';

/** A thread's nice value, from /proc (field 19 of its stat, after the name in parentheses). */
const niceOf = (tid: number) => Number(readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

describe('lowestPriority', { skip: process.platform !== 'linux' && 'Linux keeps a nice value per thread' }, () => {
  test('lowers the calling thread to nice 19 and leaves the others as they were', async () => {
    const main = threadId();
    assert.ok(main, 'this thread has an id');
    const before = niceOf(main);
    const source = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(new URL('../../src/og/thread-priority.ts', import.meta.url).href)}).then(({ lowestPriority, threadId }) => {
        const lowered = lowestPriority();
        parentPort.postMessage({ lowered, tid: threadId() });
        parentPort.once('message', () => process.exit(0));
      });`;
    const worker = new Worker(source, { eval: true });
    const { lowered, tid } = await new Promise<{ lowered: boolean; tid: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    try {
      assert.equal(lowered, true);
      assert.notEqual(tid, main);
      assert.equal(niceOf(tid), 19, 'the worker thread runs at the lowest priority');
      assert.equal(niceOf(main), before, "the thread that asked for nothing keeps its priority");
    } finally {
      worker.postMessage('done');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
  });
});
