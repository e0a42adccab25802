// disallowed-unique-constraint: a UNIQUE constraint added to an existing table without USING INDEX (squawk).
import { as, ident, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { alteredTable } from './support/altered-table.js';

export const disallowedUniqueConstraint = {
  id: 'disallowed-unique-constraint',
  severity: 'warning',
  description:
    'A UNIQUE constraint added to an existing table without USING INDEX: its index is built under an ACCESS EXCLUSIVE lock.',
  help: 'Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY` in a migration of its own, then `ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX …`, which only renames it.',
  create: ({ model, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        const altered = alteredTable(model, node, stmt);
        if (!altered) return;
        const { table, name } = altered;
        for (const item of node.cmds ?? []) {
          const cmd = as(item, 'AlterTableCmd');
          if (cmd?.subtype === 'AT_AddConstraint') {
            const c = as(cmd.def, 'Constraint');
            if (c?.contype !== 'CONSTR_UNIQUE' || c.indexname) continue;
            const label = c.conname ? `Unique constraint ${ident(c.conname)}` : 'A unique constraint';
            report({
              at: stmt,
              location: c.location,
              message: `${label} on ${name}(${strings(c.keys).map(ident).join(', ')}) builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.`,
            });
          } else if (cmd?.subtype === 'AT_AddColumn') {
            const def = as(cmd.def, 'ColumnDef');
            if (!def || (cmd.missing_ok && table?.columns.has(def.colname ?? ''))) continue;
            for (const n of def.constraints ?? []) {
              const c = as(n, 'Constraint');
              if (c?.contype !== 'CONSTR_UNIQUE') continue;
              report({
                at: stmt,
                location: c.location,
                message: `Adding column ${ident(def.colname ?? '')} to ${name} as UNIQUE builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.`,
              });
            }
          }
        }
      },
    },
  }),
} satisfies Rule;
