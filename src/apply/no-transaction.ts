// Statements Postgres refuses inside a transaction block (SQLSTATE 25001): they must run on their own.
//
// Decided from the statement text after stripping leading comments, as the Supabase CLI's TypeScript apply does
// (`legacyIsPipelineIncompatible`), with the cases it misses added (DROP INDEX CONCURRENTLY, databases,
// tablespaces, subscriptions, REINDEX DATABASE/SYSTEM, DISCARD ALL).

const PATTERNS: RegExp[] = [
  /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY(?:\s|$)/,
  /^DROP\s+INDEX\s+CONCURRENTLY(?:\s|$)/,
  /^REINDEX(?:\s|\().*\sCONCURRENTLY(?:\s|$)/s,
  /^REINDEX\s*(?:\([^)]*\)\s*)?(?:DATABASE|SYSTEM)(?:\s|$)/,
  /^VACUUM(?:\s|\(|$)/,
  /^ALTER\s+SYSTEM(?:\s|$)/,
  /^CLUSTER(?:\s|$)/,
  /^(?:CREATE|DROP)\s+DATABASE(?:\s|$)/,
  /^ALTER\s+DATABASE\s+\S+\s+SET\s+TABLESPACE(?:\s|$)/,
  /^(?:CREATE|DROP)\s+TABLESPACE(?:\s|$)/,
  /^(?:CREATE|DROP)\s+SUBSCRIPTION(?:\s|$)/,
  /^DISCARD\s+ALL(?:\s|$)/,
];

/** Whether `sql` (one statement) cannot run inside BEGIN … COMMIT. */
export function runsOutsideTransaction(sql: string): boolean {
  const head = stripLeadingComments(sql).toUpperCase();
  return PATTERNS.some((p) => p.test(head));
}

/**
 * COMMIT / END / ROLLBACK / ABORT (not ROLLBACK TO a savepoint, not the PREPARED forms): it ends the file's
 * transaction, so the file is no longer atomic. Lint refuses such a file; `up --no-verify` runs it as written.
 */
export function endsTransaction(sql: string): 'commit' | 'rollback' | null {
  const head = stripLeadingComments(sql).toUpperCase().replace(/;$/, '').trim();
  const m = /^(COMMIT|END|ROLLBACK|ABORT)(?:\s+(?:WORK|TRANSACTION))?(?:\s+AND\s+(?:NO\s+)?CHAIN)?$/.exec(
    head,
  );
  if (!m) return null;
  return m[1] === 'COMMIT' || m[1] === 'END' ? 'commit' : 'rollback';
}

/** The statement without a leading BOM, whitespace, `--` line comments and `/* … *\/` block comments. */
export function stripLeadingComments(sql: string): string {
  let rest = sql.replace(/^[\uFEFF\s]+/, '');
  for (;;) {
    if (rest.startsWith('--')) {
      const newline = rest.indexOf('\n');
      if (newline < 0) return '';
      rest = rest.slice(newline + 1).replace(/^\s+/, '');
    } else if (rest.startsWith('/*')) {
      const close = rest.indexOf('*/');
      if (close < 0) return rest;
      rest = rest.slice(close + 2).replace(/^\s+/, '');
    } else {
      return rest.trim();
    }
  }
}
