// adding-foreign-key-constraint: a foreign key added to an existing table without NOT VALID (squawk).
import type { Constraint } from '@pgsql/types';
import { display, ident, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { addedConstraints, alteredTable } from './support/altered-table.js';

export const addingForeignKeyConstraint = {
  id: 'adding-foreign-key-constraint',
  severity: 'warning',
  description:
    'A foreign key added to an existing table without NOT VALID: Postgres checks every row while blocking writes to both tables.',
  help: 'Add the foreign key with `NOT VALID` (new rows are checked at once), then run `ALTER TABLE … VALIDATE CONSTRAINT …` in a later migration: validation then blocks no reads or writes.',
  create: ({ model, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        const altered = alteredTable(model, node, stmt);
        if (!altered) return;
        const { table, name } = altered;
        const target = (c: Constraint) => display(model.resolve(c.pktable ?? '', model.tables));
        for (const { constraint: c, column } of addedConstraints(node, table)) {
          if (c.contype !== 'CONSTR_FOREIGN') continue;
          if (!column) {
            if (c.skip_validation) continue;
            const cols = strings(c.fk_attrs).map(ident).join(', ');
            report({
              at: stmt,
              location: c.location,
              message: `Foreign key ${name}(${cols}) → ${target(c)} checks every existing row while blocking writes to both tables; add it NOT VALID and run VALIDATE CONSTRAINT in a later migration.`,
            });
          } else {
            report({
              at: stmt,
              location: c.location,
              message: `Adding column ${ident(column.colname ?? '')} to ${name} with a foreign key to ${target(c)} checks every existing row under an ACCESS EXCLUSIVE lock and blocks writes to ${target(c)}; add the column first, then the foreign key NOT VALID, and VALIDATE it in a later migration.`,
            });
          }
        }
      },
    },
  }),
} satisfies Rule;
