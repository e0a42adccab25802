// Spec text in, a checked spec out: YAML, or JSON for a .json file (each syntax error with its line and column),
// zod for the shapes (its first issue named by file and path), then the names (check.ts).
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { findProtoKey, parseJsonText } from '../../config/json.js';
import { KodoError } from '../../core/errors.js';
import { checkSpec } from './check.js';
import type { LoadedSpec } from './model.js';
import { inFile, type Path, SpecProblem, specError } from './problem.js';
import { specSchema } from './schema.js';

export function parseSpec(text: string, file: string): LoadedSpec {
  const value = /\.json$/i.test(file) ? parseJsonText(text, file, 'rls-spec-syntax') : parseYaml(text, file);
  // zod drops a __proto__ key silently; a persona named so would vanish instead of being refused.
  const proto = findProtoKey(value);
  if (proto) throw specError(file, proto as Path, '__proto__ cannot be a name');
  const parsed = specSchema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = firstIssue(parsed.error.issues[0]!, []);
    throw specError(file, issue.at, issue.problem);
  }
  return inFile(file, () => checkSpec(file, parsed.data));
}

/** YAML text as a plain value; a syntax error names the line and column, as a JSON file's does. */
function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 };
    const problem = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new KodoError(
      'rls-spec-syntax',
      `${file} is not valid YAML: ${lowerFirst(problem)} at line ${line}, column ${col}; fix the syntax.`,
    );
  }
  try {
    // Aliases are expanded: a "billion laughs" file stops at yaml's alias limit instead of filling memory.
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new KodoError('rls-spec-syntax', `${file} is not valid YAML: ${lowerFirst((e as Error).message)}.`);
  }
}

/**
 * The issue to show: inside a union whose input had the right type for exactly one branch, that branch's own
 * issue (deep, with its path) rather than the union's "expected one of…".
 */
function firstIssue(issue: z.core.$ZodIssue, prefix: Path): SpecProblem {
  const at = [...prefix, ...(issue.path as (string | number)[])];
  if (issue.code === 'invalid_union') {
    const fits = issue.errors.filter(
      (b) => !(b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0),
    );
    if (fits.length === 1 && fits[0]![0]) return firstIssue(fits[0]![0], at);
  }
  return new SpecProblem(at, describe(issue));
}

const NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return /received undefined$/.test(issue.message)
      ? 'is missing'
      : `expected ${NOUNS[issue.expected] ?? issue.expected}`;
  }
  // Only row counts have a minimum of 0.
  if (issue.code === 'too_small' && issue.origin === 'number') return 'expected a count of 0 or more';
  return issue.message;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
