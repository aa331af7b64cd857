/** Read a guide sample exactly as the catalog reads an agent file (build time only). */
import { isAgent, loadAgent, type Agent } from '../../agents/index.ts';
import type { Sample } from './samples.ts';

export function loadSample(sample: Sample): Agent {
  const entry = loadAgent({ file: sample.file, text: sample.text });
  // Every sample has a `name`, so this only fires when a sample is edited into something that is not an agent.
  if (!isAgent(entry)) throw new Error(`Guide sample ${sample.file} is not read as an agent: ${entry.reason}`);
  return entry;
}
