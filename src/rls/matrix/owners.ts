// How the rows of a table are owned, decided from the strongest evidence first: what its policies compare with
// the caller (read by policy-refs.ts), then foreign keys to auth.users, then the owner and tenant column names
// Supabase projects use, then a foreign key to a parent table that is itself owned (a task belongs to whoever
// owns its project). No owner found is a reason, never a pass: the matrix reports such a table as not proven.
import type { PolicyInfo, TableInfo } from '../../catalog/types.js';
import { type ColumnsOf, type Lookup, policyRefs, type TableName } from './policy-refs.js';

export type Owner =
  /** The caller's user id. */
  | { kind: 'user'; column: string }
  /** The caller's organization (the org_id claim; a row of the referenced table is created with that id). */
  | { kind: 'org'; column: string }
  /** A value of a row of another table that belongs to the caller (a membership, a parent row). */
  | { kind: 'via'; column: string; lookup: Lookup };

export interface Ownership {
  owners: Owner[];
  /** How each owner column was found, for the report. */
  evidence: string[];
  /** Functions that decide access and that kodo does not read (reported when nothing else was found). */
  opaque: string[];
  /** Owner columns the table's own policies compare with the caller (the others come from the catalog). */
  fromPolicies: Set<string>;
}

const USER_NAMES = new Set(['user_id', 'owner_id', 'author_id', 'created_by', 'creator_id', 'uid']);
const ORG_NAMES = new Set([
  'org_id',
  'organization_id',
  'organisation_id',
  'tenant_id',
  'team_id',
  'workspace_id',
  'company_id',
  'account_id',
]);

export interface OwnerContext {
  /** Every table the catalog has read, by `schema.name`. */
  tables: Map<string, TableInfo>;
  policies: PolicyInfo[];
}

export const tableKey = (t: TableName) => `${t.schema}.${t.name}`;

/** The owners of `table`'s rows; an empty `owners` list means none was found. */
export function ownershipOf(table: TableInfo, ctx: OwnerContext, depth = 0): Ownership {
  const found: Ownership = { owners: [], evidence: [], opaque: [], fromPolicies: new Set() };
  const has = (column: string) => found.owners.some((o) => o.column === column);
  const add = (owner: Owner, why: string) => {
    if (has(owner.column)) return;
    found.owners.push(owner);
    found.evidence.push(`${owner.column}: ${why}`);
  };
  const columnsOf: ColumnsOf = (t) => ctx.tables.get(tableKey(t))?.columns.map((c) => c.name);
  const names = table.columns.map((c) => c.name);
  for (const policy of ctx.policies) {
    if (policy.schema !== table.schema || policy.table !== table.name) continue;
    for (const expr of [policy.using, policy.withCheck]) {
      if (!expr) continue;
      const refs = policyRefs(expr, table, names, columnsOf);
      for (const c of [...refs.user, ...refs.org, ...refs.via.map((v) => v.column)])
        found.fromPolicies.add(c);
      for (const c of refs.user)
        add({ kind: 'user', column: c }, `policy ${policy.name} compares it with auth.uid()`);
      for (const c of refs.org)
        add({ kind: 'org', column: c }, `policy ${policy.name} compares it with the org claim`);
      for (const v of refs.via) {
        add(
          { kind: 'via', column: v.column, lookup: v },
          `policy ${policy.name} looks it up in ${tableKey(v.table)} by ${v.userColumn}`,
        );
      }
      found.opaque.push(...refs.opaque);
    }
  }
  for (const fk of table.foreignKeys) {
    if (fk.refSchema === 'auth' && fk.refTable === 'users' && fk.columns.length === 1) {
      add({ kind: 'user', column: fk.columns[0]! }, 'references auth.users');
    }
  }
  for (const c of table.columns) {
    // A user_id that references another table (profiles.id) holds that table's key, not the caller's id: the
    // parent's owner decides (parentOwners below), or pinning the caller's id would point at no row of theirs.
    if (USER_NAMES.has(c.name) && isIdType(c.type) && !referencesTable(table, c.name))
      add({ kind: 'user', column: c.name }, 'named like an owner');
    if (ORG_NAMES.has(c.name) && isIdType(c.type))
      add({ kind: 'org', column: c.name }, 'named like a tenant');
  }
  if (depth < 2) parentOwners(table, ctx, depth, add);
  found.opaque = [...new Set(found.opaque)];
  return found;
}

/**
 * A NOT NULL foreign key to a table whose rows are owned: this row lives in its parent's world (a message in one
 * of A's channels, a task in one of A's projects), so its parent is A's row too.
 */
function parentOwners(
  table: TableInfo,
  ctx: OwnerContext,
  depth: number,
  add: (owner: Owner, why: string) => void,
): void {
  for (const fk of table.foreignKeys) {
    const column = table.columns.find((c) => c.name === fk.columns[0]);
    if (fk.columns.length !== 1 || !column?.notNull) continue;
    const parent = ctx.tables.get(tableKey({ schema: fk.refSchema, name: fk.refTable }));
    if (!parent || parent === table) continue;
    const owners = ownershipOf(parent, ctx, depth + 1).owners;
    if (owners.length === 0) continue;
    const user = owners.find((o) => o.kind === 'user');
    const lookup: Lookup = {
      column: column.name,
      table: { schema: parent.schema, name: parent.name },
      pick: fk.refColumns[0]!,
      userColumn: user?.column ?? null,
    };
    add(
      { kind: 'via', column: lookup.column, lookup },
      `references ${tableKey(lookup.table)}, whose rows are owned`,
    );
  }
}

/** Whether `column` alone is a foreign key to a table other than auth.users. */
function referencesTable(table: TableInfo, column: string): boolean {
  return table.foreignKeys.some(
    (fk) =>
      fk.columns.length === 1 &&
      fk.columns[0] === column &&
      !(fk.refSchema === 'auth' && fk.refTable === 'users'),
  );
}

function isIdType(type: string): boolean {
  return /^(uuid|text|character varying.*|bigint|integer)$/.test(type);
}
