/** The bench's command line. */
import { LARGE_AGENTS } from '../budgets.ts';

export interface Flags {
  /** The largest catalog built; above 1,000 the bench builds 1,000 agents first. */
  agents: number;
  keep: boolean;
  lighthouse: boolean;
  cpuProf: boolean;
  verbose: boolean;
}

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = { agents: LARGE_AGENTS, keep: false, lighthouse: false, cpuProf: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--agents') flags.agents = Number(argv[++i]);
    else if (arg.startsWith('--agents=')) flags.agents = Number(arg.slice('--agents='.length));
    else if (arg === '--keep') flags.keep = true;
    else if (arg === '--lighthouse') flags.lighthouse = true;
    else if (arg === '--cpu-prof') flags.cpuProf = true;
    else if (arg === '--verbose') flags.verbose = true;
    else throw new Error(`unknown argument ${arg}\nusage: npm run bench -- [--agents N] [--keep] [--lighthouse] [--cpu-prof] [--verbose]`);
  }
  if (!Number.isInteger(flags.agents) || flags.agents < 1) throw new Error('--agents takes a whole number above 0');
  return flags;
}
