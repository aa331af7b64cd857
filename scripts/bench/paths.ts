/** The project the bench builds (the working directory `npm run bench` runs in) and its seed catalog. */
import path from 'node:path';

export const ROOT = process.cwd();
export const SEED = path.join(ROOT, 'agents');
