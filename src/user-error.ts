/**
 * An error in what the user gave (a setting, the agents folder, its files), for Astro to print as a message and a
 * hint, with no stack trace: a trace would say only where our code noticed the mistake, not how to fix it.
 */
import { AstroError } from 'astro/errors';

export function userError(message: string, hint: string): AstroError {
  const error = new AstroError(message, hint);
  error.stack = '';
  return error;
}
