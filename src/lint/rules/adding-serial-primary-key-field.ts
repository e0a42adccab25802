// adding-serial-primary-key-field: a primary key added to an existing table without USING INDEX (squawk).
import { as, ident, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { alteredTable } from './support/altered-table.js';

export const addingSerialPrimaryKeyField = {
  id: 'adding-serial-primary-key-field',
  severity: 'warning',
  description:
    'A primary key added to an existing table without USING INDEX: its index is built under an ACCESS EXCLUSIVE lock.',
  help: 'Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY` in a migration of its own, then `ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY USING INDEX …` (make the columns NOT NULL beforehand so no scan is needed).',
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
            if (c?.contype !== 'CONSTR_PRIMARY' || c.indexname) continue;
            report({
              at: stmt,
              location: c.location,
              message: `Adding a primary key (${strings(c.keys).map(ident).join(', ')}) to ${name} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the key with PRIMARY KEY USING INDEX.`,
            });
          } else if (cmd?.subtype === 'AT_AddColumn') {
            const def = as(cmd.def, 'ColumnDef');
            if (!def || (cmd.missing_ok && table?.columns.has(def.colname ?? ''))) continue;
            for (const n of def.constraints ?? []) {
              const c = as(n, 'Constraint');
              if (c?.contype !== 'CONSTR_PRIMARY') continue;
              report({
                at: stmt,
                location: c.location,
                message: `Adding column ${ident(def.colname ?? '')} to ${name} as its primary key builds the key's index under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, fill it, create a unique index CONCURRENTLY in its own migration, then add the key with PRIMARY KEY USING INDEX.`,
              });
            }
          }
        }
      },
    },
  }),
} satisfies Rule;
