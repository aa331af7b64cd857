/** The empty string's digest computed once (src/integrations/empty-digest.ts), every digest still right. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { reuseEmptyDigest } from '../../src/integrations/empty-digest.ts';

const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex');

test('digests of nothing and of something are what node:crypto says, and nothing is hashed once per algorithm', async () => {
  // Counts what reaches WebCrypto (this file runs in a process of its own, so nothing is installed yet).
  const reached: number[] = [];
  const original = crypto.subtle.digest.bind(crypto.subtle);
  crypto.subtle.digest = (algorithm: AlgorithmIdentifier, data: BufferSource) => {
    reached.push(data.byteLength);
    return original(algorithm, data);
  };
  reuseEmptyDigest();
  reuseEmptyDigest(); // a second call does not wrap twice
  for (const [algorithm, node] of [['SHA-256', 'sha256'], ['SHA-384', 'sha384'], [{ name: 'SHA-512' }, 'sha512']] as const) {
    for (const text of ['', 'body{}', '']) {
      assert.equal(hex(await crypto.subtle.digest(algorithm, new TextEncoder().encode(text))), createHash(node).update(text).digest('hex'), `${JSON.stringify(algorithm)} of "${text}"`);
    }
  }
  const [a, b] = [await crypto.subtle.digest('SHA-256', new Uint8Array()), await crypto.subtle.digest('SHA-256', new Uint8Array())];
  assert.notEqual(a, b, 'each caller gets a buffer of its own');
  new Uint8Array(a).fill(0);
  assert.equal(hex(await crypto.subtle.digest('SHA-256', new Uint8Array())), createHash('sha256').digest('hex'), 'writing into one buffer changes no later answer');
  assert.deepEqual(reached, [0, 6, 0, 6, 0, 6], 'per algorithm: the empty input once, the other every time');
});
