/**
 * The check report as SARIF 2.1.0 (the OASIS standard GitHub code scanning reads): one rule per diagnostic code, one
 * result per problem at its file, line and column. Entries' paths must already be relative to the repository root
 * (`fromRoot` in report.ts); they are written as URIs relative to `%SRCROOT%`.
 */
import { pathToFileURL } from 'node:url';
import { problemsOf, type ReportEntry } from './report.ts';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

export interface SarifOptions {
  /** The tool's version (package.json). */
  version: string;
  /** Where the tool is documented; omitted when unknown. */
  informationUri?: string;
  /** The repository root the paths are relative to, as an absolute path: recorded as `%SRCROOT%`. */
  root?: string;
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { tags: string[] };
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `%`, `#`, `?`), the `/` kept. */
export function pathUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** `description-missing` → `DescriptionMissing`, SARIF's readable rule name. */
const ruleName = (code: string) => code.replace(/(^|[-_])([a-z0-9])/g, (_, _sep: string, ch: string) => ch.toUpperCase());

/**
 * One rule per diagnostic code: its description and help are the first occurrence's message and fix (the report is
 * sorted by file, so the same input gives the same rules). Each result carries its own message and fix. A problem
 * with the file as a whole (line 0) is placed on line 1: GitHub needs a line to show a result.
 */
export function formatSarif(entries: ReportEntry[], options: SarifOptions) {
  const rules: Rule[] = [];
  const index = new Map<string, number>();
  const results = [];
  for (const entry of entries) {
    for (const p of problemsOf(entry)) {
      let ruleIndex = index.get(p.code);
      if (ruleIndex === undefined) {
        ruleIndex = rules.length;
        index.set(p.code, ruleIndex);
        rules.push({
          id: p.code,
          name: ruleName(p.code),
          shortDescription: { text: p.message },
          help: { text: `Fix: ${p.fix}`, markdown: `**Fix:** ${p.fix}` },
          defaultConfiguration: { level: p.severity },
          properties: { tags: [entry.manifest ? 'plugin-manifest' : 'claude-code-agent'] },
        });
      }
      results.push({
        ruleId: p.code,
        ruleIndex,
        level: p.severity,
        message: { text: `${p.message} Fix: ${p.fix}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: pathUri(entry.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, p.line), ...(p.line > 0 && p.column ? { startColumn: p.column } : {}) },
          },
        }],
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [{
      tool: {
        driver: {
          name: 'agent-docs',
          version: options.version,
          ...(options.informationUri ? { informationUri: options.informationUri } : {}),
          rules,
        },
      },
      ...(options.root ? { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${options.root.replace(/\/+$/, '')}/`).href } } } : {}),
      // Columns are JavaScript string offsets.
      columnKind: 'utf16CodeUnits' as const,
      results,
    }],
  };
}
