// A failed migration as people need it: which file, which line and column in that file, and what Postgres said.
import { toDatabaseError } from '../db/errors.js';
import type { LoadedMigration } from '../migrations/read.js';
import { lex } from '../sql/lexer.js';
import { shortenQuotedToken } from '../sql/quoted-token.js';
import { SourceText } from '../sql/source.js';

export interface ApplyFailure {
  /** Path relative to the project root. */
  file: string;
  version: string;
  /** 1-based, in the file (characters, not bytes). */
  line: number;
  column: number;
  sqlstate: string | null;
  message: string;
  hint: string | null;
  detail: string | null;
  /** 1-based index of the failing statement in the file; null when recording the history row failed. */
  statement: number | null;
}

/**
 * Maps an error from statement `index` (0-based; null for the history insert) onto the file: Postgres gives a
 * 1-based character position inside the statement, which is shifted by where the statement starts.
 */
export function toFailure(migration: LoadedMigration, index: number | null, error: unknown): ApplyFailure {
  const info = toDatabaseError(error);
  const statement = index === null ? undefined : migration.statements[index];
  let at = 0;
  if (statement) {
    const within = info.position
      ? new SourceText(statement.sql).codePointToChar(info.position - 1)
      : leadingTrivia(statement.sql);
    at = statement.offset + within;
  }
  const { line, column } = new SourceText(migration.text).position(at);
  return {
    file: migration.file,
    version: migration.version,
    line,
    column,
    sqlstate: info.sqlstate ?? null,
    message: shortenQuotedToken(info.message),
    hint: info.hint ?? (index === null ? historyHint(info.sqlstate, migration.version) : null),
    detail: info.detail ?? null,
    statement: index === null ? null : index + 1,
  };
}

/** Where the SQL itself starts: a statement keeps the comments above it (as the Supabase CLI records it). */
function leadingTrivia(sql: string): number {
  const comments = lex(sql).comments;
  let at = 0;
  for (;;) {
    while (at < sql.length && /\s/.test(sql[at]!)) at++;
    const comment = comments.find((c) => c.start === at);
    if (!comment) return at;
    at = comment.end;
  }
}

function historyHint(sqlstate: string | undefined, version: string): string | null {
  if (sqlstate === '23505') {
    return `Version ${version} is already recorded in supabase_migrations.schema_migrations, probably by another file with the same version; renumber one of them.`;
  }
  return null;
}
