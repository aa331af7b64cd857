/** The bench's command line. */
import { LARGE_AGENTS } from '../budgets.ts';

export interface Flags {
  /** The largest catalog built; above 1,000 the bench builds 1,000 agents first. */
  agents: number;
  /** Pairs of builds, this project and the Starlight peer back to back, for the ratio budgets. */
  pairs: number;
  /** Skip the Starlight peer (and so the ratio budgets). */
  peer: boolean;
  keep: boolean;
  lighthouse: boolean;
  cpuProf: boolean;
  verbose: boolean;
}

const USAGE = 'usage: npm run bench -- [--agents N] [--pairs N] [--no-peer] [--keep] [--lighthouse] [--cpu-prof] [--verbose]';

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = { agents: LARGE_AGENTS, pairs: 3, peer: true, keep: false, lighthouse: false, cpuProf: false, verbose: false };
  const count = (name: string, text: string | undefined) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number above 0, not ${JSON.stringify(text ?? '')}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--agents') flags.agents = count(name, inline ?? argv[++i]);
    else if (name === '--pairs') flags.pairs = count(name, inline ?? argv[++i]);
    else if (arg === '--no-peer') flags.peer = false;
    else if (arg === '--keep') flags.keep = true;
    else if (arg === '--lighthouse') flags.lighthouse = true;
    else if (arg === '--cpu-prof') flags.cpuProf = true;
    else if (arg === '--verbose') flags.verbose = true;
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return flags;
}
