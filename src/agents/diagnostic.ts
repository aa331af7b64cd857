/**
 * One problem, in the words a compiler would use: the one shape every check builds (frontmatter, manifests, the read
 * gate, the walk). A module of its own, importing only types, so any check can build one without importing the others.
 */
import type { Diagnostic, Severity } from './types.ts';

export function diagnostic(severity: Severity, code: string, line: number, message: string, fix: string, column?: number): Diagnostic {
  return { severity, code, line, ...(column ? { column } : {}), message, fix };
}
