// The `sarif` format: SARIF 2.1.0 with every rule's metadata (help, docs link) and one result per finding.
import { VERSION } from '../../version.js';
import { ruleDocsUrl } from '../docs.js';
import type { LintResult } from '../engine.js';
import { rules as registry } from '../rules/index.js';
import type { Rule, Severity } from '../types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, ch: string) => ch.toUpperCase());
}

export function toSarif(result: LintResult, rules: readonly Rule[] = registry) {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'kodo',
            version: VERSION,
            informationUri: 'https://github.com/kodo-dev/kodo',
            rules: rules.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: r.help },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity], enabled: r.enabledByDefault !== false },
            })),
          },
        },
        // Columns count characters (code points), as kodo's findings do.
        columnKind: 'unicodeCodePoints' as const,
        originalUriBaseIds: { SRCROOT: { description: { text: 'The project root kodo ran in.' } } },
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule)! } : {}),
          level: LEVEL[f.severity],
          message: { text: f.help ? `${f.message} ${f.help}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
}

export function formatSarif(result: LintResult): string {
  return `${JSON.stringify(toSarif(result), null, 2)}\n`;
}
