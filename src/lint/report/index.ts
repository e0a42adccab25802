// The output formats of `kodo lint`, by name.
import type { LintRun } from '../engine.js';
import type { Format } from './formats.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export { FORMATS, type Format } from './formats.js';

const FORMATTERS: Record<Format, (run: LintRun) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export function formatRun(run: LintRun, format: Format): string {
  return FORMATTERS[format](run);
}
