// Which tables the Data API exposes (anon or authenticated holds a privilege on them), and the leak a table
// exposed with row level security off is by definition.
import type { Privileges, TableAccess } from '../../catalog/types.js';
import type { Leak, MatrixPersona } from './run.js';
import type { Operation } from './table-probes.js';

export const OPERATIONS: Operation[] = ['select', 'insert', 'update', 'delete'];

export function exposed(a: TableAccess): boolean {
  return any(a.anon) || any(a.authenticated);
}

function any(p: Privileges): boolean {
  return p.select || p.insert || p.update || p.delete;
}

export function rlsOff(key: string, grants: TableAccess): Leak {
  const persona: MatrixPersona = any(grants.anon) ? 'anon' : 'authenticated';
  const privileges = OPERATIONS.filter((op) => grants[persona][op]).join(', ');
  return {
    table: key,
    persona,
    operation: 'all',
    policy: null,
    detail: `row level security is disabled, so ${persona} can ${privileges} every row (enable it: alter table ${key} enable row level security)`,
  };
}
