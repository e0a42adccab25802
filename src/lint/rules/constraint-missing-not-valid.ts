// constraint-missing-not-valid: CHECK added without NOT VALID, or validated in the same transaction (squawk).
import { as, ident } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { alteredTable } from './support/altered-table.js';

export const constraintMissingNotValid = {
  id: 'constraint-missing-not-valid',
  severity: 'warning',
  description:
    'A CHECK constraint added to an existing table without NOT VALID, or a NOT VALID constraint validated in the transaction that added it.',
  help: 'Add the constraint with `NOT VALID` (new rows are checked at once) and run `ALTER TABLE … VALIDATE CONSTRAINT …` in a later migration, where it blocks no reads or writes.',
  create: ({ model, report }) => ({
    on: {
      AlterTableStmt(node, stmt) {
        const altered = alteredTable(model, node, stmt);
        if (!altered) return;
        const { table, name } = altered;
        // NOT VALID constraints added earlier in this statement (the model has not applied it yet).
        const addedHere = new Set<string>();
        for (const item of node.cmds ?? []) {
          const cmd = as(item, 'AlterTableCmd');
          if (cmd?.subtype === 'AT_AddConstraint') {
            const c = as(cmd.def, 'Constraint');
            if (c?.skip_validation && c.conname) addedHere.add(c.conname);
            // Foreign keys are adding-foreign-key-constraint's; UNIQUE, PRIMARY KEY and EXCLUDE cannot be NOT VALID.
            if (c?.contype !== 'CONSTR_CHECK' || c.skip_validation) continue;
            report({
              at: stmt,
              location: c.location,
              message: `Check constraint ${c.conname ? `${ident(c.conname)} ` : ''}on ${name} is verified against every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add it NOT VALID and run VALIDATE CONSTRAINT in a later migration.`,
            });
          } else if (cmd?.subtype === 'AT_ValidateConstraint' && cmd.name) {
            const existing = table?.constraints.get(cmd.name);
            const sameTx =
              addedHere.has(cmd.name) || (existing?.notValid && model.createdInTransaction(existing, stmt));
            if (!sameTx) continue;
            report({
              at: stmt,
              message: `Constraint ${ident(cmd.name)} on ${name} is validated in the transaction that added it NOT VALID, so the lock taken to add it is held while every row is checked; run VALIDATE CONSTRAINT in a later migration.`,
            });
          }
        }
      },
    },
  }),
} satisfies Rule;
