// adding-not-nullable-field: SET NOT NULL on an existing table without a validated IS NOT NULL check (squawk).
import type { Node } from '@pgsql/types';
import { as, display, ident, keyOf, strings } from '../../sql/ast.js';
import type { Rule, Statement, Table } from '../types.js';

/** Whether a CHECK expression proves `column IS NOT NULL` (alone or as one branch of an AND). */
function provesNotNull(expr: Node | undefined, column: string): boolean {
  const test = as(expr, 'NullTest');
  if (test) {
    const fields = strings(as(test.arg, 'ColumnRef')?.fields);
    return test.nulltesttype === 'IS_NOT_NULL' && fields[fields.length - 1] === column;
  }
  const bool = as(expr, 'BoolExpr');
  return bool?.boolop === 'AND_EXPR' && (bool.args ?? []).some((arg) => provesNotNull(arg, column));
}

/** squawk's names for a NOT NULL helper constraint: `<column>_not_null` or `<table>_<column>_not_null`. */
function columnOfHelper(table: string, constraint: string): string | undefined {
  const stem = constraint.endsWith('_not_null') ? constraint.slice(0, -'_not_null'.length) : '';
  if (stem === '' || stem === table) return undefined;
  if (stem.startsWith(`${table}_`)) return stem.slice(table.length + 1) || undefined;
  return stem;
}

interface Pending {
  stmt: Statement;
  table: string;
  column: string;
  message: string;
}

export const addingNotNullableField = {
  id: 'adding-not-nullable-field',
  severity: 'warning',
  description:
    'ALTER COLUMN … SET NOT NULL on an existing table: Postgres scans every row under an ACCESS EXCLUSIVE lock unless a validated CHECK (column IS NOT NULL) proves it.',
  help: 'Add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a later migration, then `SET NOT NULL` (Postgres 12+ skips the scan) and drop the check.',
  create: ({ model, settings, report }) => {
    // squawk's fallback for helper constraints the model does not know (added outside the linted migrations):
    // a VALIDATE of such a constraint plus its DROP in the same file count for the column its name gives.
    let externalValidates = new Map<string, { table: string; name: string }>();
    let drops = new Set<string>();
    let pending: Pending[] = [];
    return {
      fileStart() {
        externalValidates = new Map();
        drops = new Set();
        pending = [];
      },
      on: {
        AlterTableStmt(node, stmt) {
          const rel = node.relation;
          if (node.objtype !== 'OBJECT_TABLE' || !rel) return;
          const table: Table | undefined = model.table(rel);
          // A table created in this transaction is empty: the scan is instant and blocks nobody.
          // Supabase platform tables (auth.users, storage.objects) belong to the platform, not to migrations.
          if (
            table
              ? table.builtin || table.temporary || model.createdInTransaction(table, stmt)
              : node.missing_ok || model.view(rel)
          )
            return;
          const q = table ?? model.resolve(rel, model.tables);
          const key = keyOf(q);
          const validatedHere = new Set<string>();
          // Columns added earlier in this statement, nullable or already NOT NULL.
          const addedHere = new Set<string>();
          const addedNotNull = new Set<string>();
          for (const item of node.cmds ?? []) {
            const cmd = as(item, 'AlterTableCmd');
            const name = cmd?.name ?? '';
            if (cmd?.subtype === 'AT_AddColumn') {
              const def = as(cmd.def, 'ColumnDef');
              const notNull =
                def?.is_not_null ||
                (def?.constraints ?? []).some((c) =>
                  ['CONSTR_NOTNULL', 'CONSTR_PRIMARY', 'CONSTR_IDENTITY'].includes(
                    as(c, 'Constraint')?.contype ?? '',
                  ),
                );
              (notNull ? addedNotNull : addedHere).add(def?.colname ?? '');
            } else if (cmd?.subtype === 'AT_ValidateConstraint') {
              if (table?.constraints.has(name)) validatedHere.add(name);
              else externalValidates.set(`${key}\u0000${name}`, { table: key, name });
            } else if (cmd?.subtype === 'AT_DropConstraint') {
              drops.add(`${key}\u0000${name}`);
            } else if (cmd?.subtype === 'AT_SetNotNull') {
              // Already NOT NULL: Postgres does nothing.
              if (table?.columns.get(name)?.notNull || addedNotNull.has(name)) continue;
              if (settings.pgVersion >= 12) {
                const proven = [...(table?.constraints.values() ?? [])].some(
                  (c) =>
                    c.kind === 'check' &&
                    (!c.notValid || validatedHere.has(c.name)) &&
                    provesNotNull(c.expr, name),
                );
                if (proven) continue;
              }
              const column = table?.columns.get(name);
              if (addedHere.has(name) || (column && model.createdInTransaction(column, stmt))) {
                report({
                  at: stmt,
                  message: `Setting ${ident(name)} NOT NULL on ${display(q)} right after adding it scans every row under the ACCESS EXCLUSIVE lock; declare it NOT NULL with a constant default in the ADD COLUMN instead, which needs no scan.`,
                });
                continue;
              }
              const message =
                settings.pgVersion >= 12
                  ? `Setting ${ident(name)} NOT NULL on ${display(q)} scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add CHECK (${ident(name)} IS NOT NULL) NOT VALID, validate it in a later migration, then set NOT NULL.`
                  : `Setting ${ident(name)} NOT NULL on ${display(q)} scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; on Postgres ${settings.pgVersion} keep the column nullable and enforce it with a NOT VALID CHECK constraint instead.`;
              if (settings.pgVersion >= 12 && [...externalValidates.values()].some((v) => v.table === key)) {
                pending.push({ stmt, table: key, column: name, message });
                continue;
              }
              report({ at: stmt, message });
            }
          }
        },
      },
      fileEnd() {
        const tableName = (key: string) => key.slice(key.indexOf('.') + 1);
        const precise = new Set<string>();
        const generic = new Map<string, number>();
        for (const v of externalValidates.values()) {
          if (!drops.has(`${v.table}\u0000${v.name}`)) continue;
          const column = columnOfHelper(tableName(v.table), v.name);
          if (column) precise.add(`${v.table}\u0000${column}`);
          else generic.set(v.table, (generic.get(v.table) ?? 0) + 1);
        }
        for (const p of pending) {
          if (precise.has(`${p.table}\u0000${p.column}`)) continue;
          const left = generic.get(p.table) ?? 0;
          if (left > 0) {
            generic.set(p.table, left - 1);
            continue;
          }
          report({ at: p.stmt, message: p.message });
        }
      },
    };
  },
} satisfies Rule;
