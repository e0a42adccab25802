// prefer-robust-stmts: DDL outside any transaction that cannot be rerun after a partial failure (squawk).
import { as, display, ident, listName, rangeVarName, typeInfo } from '../../sql/ast.js';
import type { Rule, Statement } from '../types.js';

const DROPS: Record<string, string> = {
  OBJECT_TABLE: 'DROP TABLE',
  OBJECT_INDEX: 'DROP INDEX',
  OBJECT_TYPE: 'DROP TYPE',
};

/** ALTER TABLE actions that fail when run a second time and have no IF [NOT] EXISTS form. */
const ONCE_ONLY = new Set([
  'AT_AddIdentity',
  'AT_DropIdentity',
  'AT_AttachPartition',
  'AT_DetachPartition',
  'AT_AddInherit',
  'AT_DropInherit',
  'AT_AddOf',
]);

/**
 * Outside an explicit BEGIN … COMMIT and not wrapped by the runner (`assumeInTransaction: false`). A statement
 * inside a DO block is not: the block runs as one statement, so a failure undoes all of it.
 */
function outside(stmt: Statement): boolean {
  return !stmt.nested && !stmt.tx.explicit && !stmt.tx.implicit;
}

const rerun = (what: string, clause: string) =>
  `${what} has no ${clause} and runs outside a transaction, so the migration cannot be rerun after a partial failure; add ${clause}.`;

export const preferRobustStmts = {
  id: 'prefer-robust-stmts',
  severity: 'warning',
  description:
    'DDL that runs outside a transaction without `IF [NOT] EXISTS`, and `CREATE INDEX CONCURRENTLY` without `IF NOT EXISTS`.',
  help: 'Make each statement safe to run twice (`IF NOT EXISTS` / `IF EXISTS`) or run the migration in a transaction; the Supabase CLI wraps every file in one, so this mostly matters with `assumeInTransaction: false`.',
  create: ({ model, report }) => {
    /** Constraints this file dropped: re-adding or validating them is the usual idempotent pattern. */
    let dropped = new Set<string>();
    return {
      fileStart() {
        dropped = new Set();
      },
      on: {
        CreateStmt(node, stmt) {
          if (node.if_not_exists || !outside(stmt)) return;
          if (node.relation?.relpersistence === 't' && node.oncommit === 'ONCOMMIT_DROP') return;
          const name = display(rangeVarName(node.relation, model.defaultSchema));
          report({ at: stmt, message: rerun(`CREATE TABLE ${name}`, 'IF NOT EXISTS') });
        },
        IndexStmt(node, stmt) {
          if (node.if_not_exists || !node.idxname) return;
          if (node.concurrent) {
            // A failed concurrent build leaves an INVALID index behind whatever the transaction state.
            if (stmt.tx.explicit) return;
            report({
              at: stmt,
              message: `CREATE INDEX CONCURRENTLY ${ident(node.idxname)} has no IF NOT EXISTS, and a failed concurrent build leaves an invalid index of that name behind so the rerun fails; add IF NOT EXISTS (and drop the invalid index if a build failed).`,
            });
            return;
          }
          if (outside(stmt))
            report({ at: stmt, message: rerun(`CREATE INDEX ${ident(node.idxname)}`, 'IF NOT EXISTS') });
        },
        DropStmt(node, stmt) {
          const verb = DROPS[node.removeType ?? ''];
          if (!verb || node.missing_ok || !outside(stmt)) return;
          const names = (node.objects ?? []).map((o) => {
            const t = as(o, 'TypeName');
            if (t) return typeInfo(t).text;
            return display(listName(as(o, 'List')?.items, model.defaultSchema));
          });
          report({ at: stmt, message: rerun(`${verb} ${names.join(', ')}`, 'IF EXISTS') });
        },
        AlterTableStmt(node, stmt) {
          if (node.objtype !== 'OBJECT_TABLE') return;
          const table = model.table(node.relation ?? '');
          const name = display(table ?? rangeVarName(node.relation, model.defaultSchema));
          let other = false;
          for (const c of node.cmds ?? []) {
            const cmd = as(c, 'AlterTableCmd');
            if (!cmd) continue;
            switch (cmd.subtype) {
              case 'AT_DropConstraint':
                if (cmd.name) dropped.add(cmd.name);
                if (!cmd.missing_ok && outside(stmt))
                  report({
                    at: stmt,
                    message: rerun(
                      `ALTER TABLE ${name} DROP CONSTRAINT ${ident(cmd.name ?? '')}`,
                      'IF EXISTS',
                    ),
                  });
                break;
              case 'AT_DropColumn':
                if (!cmd.missing_ok && outside(stmt))
                  report({
                    at: stmt,
                    message: rerun(`ALTER TABLE ${name} DROP COLUMN ${ident(cmd.name ?? '')}`, 'IF EXISTS'),
                  });
                break;
              case 'AT_AddColumn': {
                const def = as(cmd.def, 'ColumnDef');
                if (!cmd.missing_ok && outside(stmt))
                  report({
                    at: stmt,
                    location: def?.location,
                    message: rerun(
                      `ALTER TABLE ${name} ADD COLUMN ${ident(def?.colname ?? '')}`,
                      'IF NOT EXISTS',
                    ),
                  });
                break;
              }
              case 'AT_AddConstraint': {
                const con = as(cmd.def, 'Constraint');
                if (con?.conname && dropped.has(con.conname)) break;
                if (outside(stmt)) {
                  const what = con?.conname ? ` ${ident(con.conname)}` : '';
                  const fix = con?.conname
                    ? 'drop the constraint first with DROP CONSTRAINT IF EXISTS'
                    : 'name the constraint and drop it first with DROP CONSTRAINT IF EXISTS';
                  report({
                    at: stmt,
                    location: con?.location,
                    message: `ALTER TABLE ${name} ADD CONSTRAINT${what} runs outside a transaction and cannot safely run twice; run the migration in a transaction, or ${fix}.`,
                  });
                }
                break;
              }
              default:
                // SET DEFAULT, SET NOT NULL, ENABLE ROW LEVEL SECURITY, VALIDATE CONSTRAINT, … can run twice.
                if (cmd.subtype && ONCE_ONLY.has(cmd.subtype) && !cmd.missing_ok) other = true;
            }
          }
          if (other && outside(stmt)) {
            report({
              at: stmt,
              message: `ALTER TABLE ${name} runs outside a transaction and cannot run twice, so a migration that fails part way cannot simply be rerun; run the migration in a transaction.`,
            });
          }
        },
      },
    };
  },
} satisfies Rule;
