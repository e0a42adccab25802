// The output formats of `kodo lint`, by name.
import type { LintRun } from '../engine.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const FORMATTERS: Record<Format, (run: LintRun) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export function formatRun(run: LintRun, format: Format): string {
  return FORMATTERS[format](run);
}
