// adding-serial-primary-key-field: a primary key added to an existing table without USING INDEX (squawk).
import { ident, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { addedConstraints, alteredTable } from './support/altered-table.js';

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
        for (const { constraint: c, column } of addedConstraints(node, table)) {
          if (c.contype !== 'CONSTR_PRIMARY') continue;
          if (!column) {
            if (c.indexname) continue;
            report({
              at: stmt,
              location: c.location,
              message: `Adding a primary key (${strings(c.keys).map(ident).join(', ')}) to ${name} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the key with PRIMARY KEY USING INDEX.`,
            });
          } else {
            report({
              at: stmt,
              location: c.location,
              message: `Adding column ${ident(column.colname ?? '')} to ${name} as its primary key builds the key's index under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, fill it, create a unique index CONCURRENTLY in its own migration, then add the key with PRIMARY KEY USING INDEX.`,
            });
          }
        }
      },
    },
  }),
} satisfies Rule;
