// Helpers shared by the rules that port splinter's lints: Supabase-managed schemas, user-written policies,
// role sets, and where a policy expression was written (for pointing at a node inside it).

import { type Node, strings } from '../../../sql/ast.js';
import type { Policy, Statement, Table } from '../../types.js';

/** Schemas Supabase manages (splinter's exclusion list): user lints skip objects in them. */
export const MANAGED_SCHEMAS: ReadonlySet<string> = new Set([
  '_timescaledb_cache',
  '_timescaledb_catalog',
  '_timescaledb_config',
  '_timescaledb_internal',
  'auth',
  'cron',
  'extensions',
  'graphql',
  'graphql_public',
  'information_schema',
  'net',
  'pgmq',
  'pgroonga',
  'pgsodium',
  'pgsodium_masks',
  'pgtle',
  'pgbouncer',
  'pg_catalog',
  'realtime',
  'repack',
  'storage',
  'supabase_functions',
  'supabase_migrations',
  'tiger',
  'topology',
  'vault',
]);

/** An object the migrations own: not a platform object and not in a Supabase-managed schema. */
export function isUserObject(obj: { schema: string; builtin: boolean }): boolean {
  return !obj.builtin && !MANAGED_SCHEMAS.has(obj.schema);
}

/** Policies written by the migrations (platform policies replayed from the built-in file excluded). */
export function userPolicies(table: Table): Policy[] {
  return [...table.policies.values()].filter((p) => p.origin.file.index >= 0);
}

/** Roles that bypass row level security on Supabase, so policies never run for them. */
export function bypassesRls(role: string): boolean {
  return (
    role === 'service_role' ||
    role === 'postgres' ||
    role === 'supabase_admin' ||
    role.startsWith('pg_') ||
    /^supabase.*admin$/.test(role)
  );
}

/** `PUBLIC` in a policy's roles, for messages. */
export function roleList(roles: string[]): string {
  return roles.map((r) => (r === 'public' ? 'PUBLIC' : r)).join(', ');
}

/** The policy name as a message shows it. */
export function policyName(p: Policy): string {
  return `"${p.name}"`;
}

/** A USING or WITH CHECK expression of a user-written policy, with the statement that wrote it. */
export interface PolicyExpression {
  table: Table;
  policy: Policy;
  expr: Node;
  stmt: Statement;
}

/** Every USING and WITH CHECK expression of the user-written policies on `tables`. */
export function* policyExpressions(tables: Iterable<Table>): Generator<PolicyExpression> {
  for (const table of tables) {
    for (const policy of userPolicies(table)) {
      if (policy.using && policy.usingStatement)
        yield { table, policy, expr: policy.using, stmt: policy.usingStatement };
      if (policy.withCheck && policy.withCheckStatement)
        yield { table, policy, expr: policy.withCheck, stmt: policy.withCheckStatement };
    }
  }
}

/** `uid` for a call of `auth.uid()` (a FuncCall payload), and so on; else undefined. */
export function authFunction(call: { funcname?: Node[] } | undefined): string | undefined {
  const name = strings(call?.funcname);
  return name.length === 2 && name[0] === 'auth' ? name[1] : undefined;
}

/** Whether a FuncCall payload calls `current_setting` (optionally `pg_catalog.`-qualified). */
export function isCurrentSetting(call: { funcname?: Node[] } | undefined): boolean {
  const name = strings(call?.funcname);
  return (
    (name.length === 1 && name[0] === 'current_setting') ||
    (name.length === 2 && name[0] === 'pg_catalog' && name[1] === 'current_setting')
  );
}
