/** How the bench prints: one log function, the machine's load and the units every table uses. */
import os from 'node:os';
import { formatValue } from '../budgets.ts';

export const log = (message = '') => console.log(message);
export const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
export const ms = (value: number) => formatValue('ms', value);
export const bytes = (value: number) => formatValue('bytes', value);
