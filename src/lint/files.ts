// Turns file inputs into parsed LintFiles in replay order (version order; unversioned files last).
import path from 'node:path';
import { parseSql, type SqlSyntaxError } from '../sql/parse.js';
import { compareVersions, parseMigrationFileName } from '../versions/grammar.js';
import { FileStatement } from './statement.js';
import type { LintFile } from './types.js';

export interface LintInput {
  /** Display path (relative to the project root, forward slashes). */
  path: string;
  text: string;
  /** False for context files (replayed, not reported). Default true. */
  reported?: boolean;
}

export interface PreparedFile {
  file: LintFile;
  syntaxErrors: SqlSyntaxError[];
}

/** Sorts inputs as the Supabase CLI applies them; files whose names carry no version keep their order, last. */
export function replayOrder(inputs: LintInput[]): LintInput[] {
  const keyed = inputs.map((input, i) => ({
    input,
    i,
    version: parseMigrationFileName(path.basename(input.path))?.version,
  }));
  keyed.sort((a, b) => {
    if (a.version !== undefined && b.version !== undefined)
      return (
        compareVersions(a.version, b.version) ||
        (a.input.path < b.input.path ? -1 : a.input.path > b.input.path ? 1 : 0)
      );
    if (a.version !== undefined) return -1;
    if (b.version !== undefined) return 1;
    return a.i - b.i;
  });
  return keyed.map((k) => k.input);
}

/** Parses one input. Call `await loadParser()` first. */
export function prepareFile(input: LintInput, index: number): PreparedFile {
  const parsed = parseSql(input.text);
  const name = path.basename(input.path);
  const file: LintFile = {
    path: input.path,
    name,
    version: parseMigrationFileName(name)?.version,
    index,
    reported: input.reported !== false,
    text: parsed.source.text,
    source: parsed.source,
    statements: [],
    comments: parsed.lexed.comments,
    literals: parsed.lexed.literals,
  };
  file.statements = parsed.statements.map((s, i) => new FileStatement(file, i, s));
  return { file, syntaxErrors: parsed.errors };
}
