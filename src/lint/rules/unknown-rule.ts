// unknown-rule: a rule name in an ignore comment or in `lint.rules` that kodo does not know.
import type { Rule } from '../types.js';

export const unknownRule = {
  id: 'unknown-rule',
  severity: 'warning',
  description: 'A rule name in an ignore comment or in `.kodo/config.json` `lint.rules` that no rule has.',
  help: 'Use a rule id from docs/rules/ (or a squawk alias), or remove the name.',
  create: () => ({}),
} satisfies Rule;
