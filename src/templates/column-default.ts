// Column defaults in a table spec: JSON numbers and booleans become literals; strings are SQL expressions,
// checked so that one can never end the statement or smuggle in a second one.

export type DefaultCheck = { ok: true; sql: string } | { ok: false; problem: string };

/** Bare words Postgres accepts as a value, not as a column reference. */
const VALUE_WORDS = new Set([
  'true',
  'false',
  'null',
  'current_date',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
  'current_user',
  'session_user',
]);

const CONSTRAINT_WORDS =
  /\b(constraint|check|references|primary|unique|not|null|generated|collate|default|deferrable|initially)\b/i;

export function checkColumnDefault(value: string | number | boolean): DefaultCheck {
  if (typeof value === 'boolean') return { ok: true, sql: String(value) };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, problem: 'must be a finite number' };
    return { ok: true, sql: String(value) };
  }
  const sql = value.trim();
  if (sql === '') return { ok: false, problem: 'is empty; omit it for no default' };
  // Backslashes (E'' escapes) and the punctuation below are the only ways the literal scan could disagree
  // with Postgres about where a string ends; refusing them keeps the check sound.
  if (sql.includes('\\'))
    return { ok: false, problem: 'contains "\\"; write string literals without escapes' };
  const outside = stripStringLiterals(sql);
  if (outside === null) return { ok: false, problem: 'has an unterminated string literal' };
  if (/;|--|\/\*|\$|"/.test(outside)) {
    return {
      ok: false,
      problem: 'contains ";", a comment, "$" or a quoted identifier; give one SQL expression such as now()',
    };
  }
  if (/\bselect\b/i.test(outside)) {
    return { ok: false, problem: 'contains a subquery, which Postgres does not allow in a default' };
  }
  let depth = 0;
  let top = '';
  for (const ch of outside) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) break;
    if (depth === 0 && ch !== ')') top += ch;
  }
  if (depth !== 0) return { ok: false, problem: 'has unbalanced parentheses' };
  // At the top level these would end the default and add columns or constraints to the definition.
  if (top.includes(',') || (sql.toLowerCase() !== 'null' && CONSTRAINT_WORDS.test(top))) {
    return {
      ok: false,
      problem:
        'must be one expression; commas and constraint keywords belong in the column spec, not the default',
    };
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(sql) && !VALUE_WORDS.has(sql.toLowerCase())) {
    return {
      ok: false,
      problem: `is a bare word, which Postgres reads as a column name; quote text values, like "'${sql}'"`,
    };
  }
  return { ok: true, sql };
}

/** The expression with the contents of '…' literals blanked out, or null when a literal is unterminated. */
function stripStringLiterals(sql: string): string | null {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch !== "'") {
      out += ch;
      i++;
      continue;
    }
    // '' inside a literal is an escaped quote.
    let j = i + 1;
    for (;;) {
      if (j >= sql.length) return null;
      if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
      else if (sql[j] === "'") break;
      else j++;
    }
    out += "''";
    i = j + 1;
  }
  return out;
}
