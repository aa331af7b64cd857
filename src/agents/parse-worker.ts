/**
 * A parse worker (parse-pool.ts): parses the agent files it is sent with `loadAgent`, a chunk at a time, and sends
 * back the results in the same order. Node runs this file as it is (type stripping).
 */
import { parentPort } from 'node:worker_threads';
import { loadAgent, type LoadInput } from './load-agent.ts';

const port = parentPort!;
port.on('message', (inputs: LoadInput[]) => port.postMessage(inputs.map((input) => loadAgent(input))));
port.postMessage('ready');
