// disallowed-unique-constraint: a UNIQUE constraint added to an existing table without USING INDEX (squawk).
import { ident, strings } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { addedConstraints, alteredTable } from './support/altered-table.js';

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
        for (const { constraint: c, column } of addedConstraints(node, table)) {
          if (c.contype !== 'CONSTR_UNIQUE') continue;
          if (!column) {
            if (c.indexname) continue;
            const label = c.conname ? `Unique constraint ${ident(c.conname)}` : 'A unique constraint';
            report({
              at: stmt,
              location: c.location,
              message: `${label} on ${name}(${strings(c.keys).map(ident).join(', ')}) builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.`,
            });
          } else {
            report({
              at: stmt,
              location: c.location,
              message: `Adding column ${ident(column.colname ?? '')} to ${name} as UNIQUE builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, create a unique index CONCURRENTLY in its own migration, then add the constraint with UNIQUE USING INDEX.`,
            });
          }
        }
      },
    },
  }),
} satisfies Rule;
