// Which kind of migration a set of differences makes in hybrid mode: behaviour (odd versions: RLS, policies,
// triggers, functions, grants, comments) when every difference is behaviour, else schema (even). kodo diff -f and
// kodo rollback both write through create_migration with this kind.
import { type Difference, stable } from '../schema/compare.js';
import type { MigrationKind } from '../versions/allocate.js';

const BEHAVIOUR = new Set([
  'policy',
  'trigger',
  'function',
  'acl',
  'default-acl',
  'comment',
  'publication-table',
]);

export function migrationKindOf(diffs: Difference[]): MigrationKind {
  return diffs.every(isBehaviour) ? 'behavior' : 'schema';
}

/** Behaviour: RLS, policies, triggers, functions, grants, comments — and a table whose only change is its RLS. */
function isBehaviour(d: Difference): boolean {
  if (BEHAVIOUR.has(d.kind)) return true;
  if (d.kind !== 'table' || d.change !== 'changed') return false;
  const { rls: _a, forceRls: _b, ...before } = d.from!.def;
  const { rls: _c, forceRls: _d, ...after } = d.to!.def;
  return stable(before) === stable(after);
}
