// The rollback as a migration file: a header that names the migration it undoes, what it cannot undo (with the
// line in that migration) and what it removes, then the statements.
import { renderPlan } from '../schema/plan/index.js';
import type { RollbackPlan } from './plan.js';

export function renderRollback(plan: RollbackPlan, verified: boolean): string {
  const file = plan.migration.file;
  const notes: string[] = [];
  if (plan.irreversible.length > 0) {
    notes.push(`IRREVERSIBLE: this rollback cannot undo (lines of ${file.split('/').at(-1)}):`);
    for (const i of plan.irreversible) notes.push(`  line ${i.line}: ${i.statement} — ${i.reason}`);
  }
  return renderPlan(
    { statements: plan.statements, destructive: plan.destructive, warnings: [], implied: [] },
    `kodo rollback of ${file}: the schema it changed, back as it was; ${verified ? 'verified on a throwaway database' : 'NOT verified (see remaining)'}`,
    notes,
  );
}
