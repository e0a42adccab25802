// The isolation matrix as a person reads it: one line per table, one column per persona and operation.
//   ✓ own rows only / allowed as written   · nothing   LEAK a reach into another owner's rows   ? not proven
// Leaks are listed under the table with the policy that allowed them; red on a terminal.
import type { RlsTestResult } from '../test-rls.js';

const OPS = ['select', 'insert', 'update', 'delete'] as const;
const PERSONAS = ['authenticated', 'anon'] as const;

export interface TextStyle {
  red: (s: string) => string;
  green: (s: string) => string;
}

export const PLAIN: TextStyle = { red: (s) => s, green: (s) => s };
export const ANSI: TextStyle = {
  red: (s) => `\u001b[31m${s}\u001b[39m`,
  green: (s) => `\u001b[32m${s}\u001b[39m`,
};

const LEGEND =
  "✓ own rows only   · no rows reached   public: rows a policy grants to everyone   LEAK another owner's rows   ? not proven   no RLS: RLS disabled, every row";

export function matrixText(r: RlsTestResult, style: TextStyle = PLAIN): string {
  const rows = matrixRows(r);
  if (rows.length === 0) return 'No table is exposed through the Data API with rows kodo could test.';
  const width = Math.max(5, ...rows.map((row) => row.table.length));
  const head1 = `${'table'.padEnd(width)}  ${'authenticated'.padEnd(27)}  anon`;
  const head2 = `${''.padEnd(width)}  ${OPS.map((o) => o.padEnd(6)).join(' ')}  ${OPS.map((o) => o.padEnd(6)).join(' ')}`;
  const lines = [head1, head2];
  for (const row of rows) {
    const cells = PERSONAS.map((p) =>
      OPS.map((o) => {
        const mark = row.marks.get(`${p}|${o}`) ?? '·';
        const padded = mark.padEnd(6);
        return mark === 'LEAK' || mark === 'no RLS'
          ? style.red(padded)
          : mark === '✓'
            ? style.green(padded)
            : padded;
      }).join(' '),
    );
    lines.push(`${row.table.padEnd(width)}  ${cells[0]}  ${cells[1]}`.trimEnd());
  }
  lines.push('', LEGEND);
  return lines.join('\n');
}

export interface MatrixRow {
  table: string;
  /** `persona|operation` → ✓, ·, LEAK, public, ?, no RLS */
  marks: Map<string, string>;
}

/** One row per table the matrix covered, with a mark per persona and operation. */
export function matrixRows(r: RlsTestResult): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  const row = (table: string) => {
    let found = rows.get(table);
    if (!found) {
      found = { table, marks: new Map() };
      rows.set(table, found);
    }
    return found;
  };
  for (const t of r.tables) row(t);
  for (const c of r.cases.filter((c) => c.source === 'matrix')) {
    const target = row(c.table);
    if (c.operation === 'all') {
      for (const p of PERSONAS) for (const o of OPS) target.marks.set(`${p}|${o}`, 'no RLS');
      continue;
    }
    target.marks.set(`${c.persona}|${c.operation}`, markOf(c.pass, c.actual));
  }
  for (const u of r.unproven)
    for (const p of PERSONAS) for (const o of OPS) row(u.table).marks.set(`${p}|${o}`, '?');
  return [...rows.values()];
}

function markOf(pass: boolean, actual: string): string {
  if (!pass) return 'LEAK';
  if (actual === 'own rows only') return '✓';
  if (actual.startsWith('rows (granted')) return 'public';
  return '·';
}
