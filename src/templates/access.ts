// Access patterns of a table spec as RLS policies: one policy per command, auth calls wrapped in a
// sub-select so Postgres evaluates them once per statement instead of once per row.
import { derivedName, quoteIdent } from './identifiers.js';
import type { AccessSpec, ColumnSpec } from './table-spec.js';

export interface AccessPlan {
  /** For the step-5 heading: `owner-only on user_id`. */
  label: string;
  /** Columns the policies compare: added with these definitions when the spec leaves them out. */
  columns: ColumnSpec[];
  /** Roles that read / write through the policies (granted on non-public schemas). */
  readRoles: string[];
  writeRoles: string[];
  /** True when the policies call public.get_org_id() (created by the core_functions bootstrap migration). */
  usesOrgFunction: boolean;
  policies: (table: string, tableName: string) => string[];
}

const UID = '(select auth.uid())';
const ORG_ID = '(select public.get_org_id())';

function ownerColumn(name: string): ColumnSpec {
  return {
    name,
    type: 'uuid',
    default: 'auth.uid()',
    references: { table: 'auth.users', column: 'id', onDelete: 'cascade' },
    comment: 'Owner of the row (auth.users.id); the RLS policies compare it with auth.uid().',
  };
}

function orgColumn(name: string): ColumnSpec {
  return {
    name,
    type: 'uuid',
    default: 'public.get_org_id()',
    comment:
      "Organisation of the row; the RLS policies compare it with public.get_org_id() (the JWT's org_id).",
  };
}

interface Rules {
  select: { suffix: string; roles: string[]; using: string };
  write: { suffix: string; check: string };
}

export function planAccess(access: AccessSpec): AccessPlan {
  const { owner, org } = access;
  const isOwner = owner ? `${quoteIdent(owner)} = ${UID}` : '';
  const inOrg = org ? `${quoteIdent(org)} = ${ORG_ID}` : '';
  let label: string;
  let rules: Rules;
  if (access.publicRead) {
    label = `public read, owner writes on ${owner}`;
    rules = {
      select: { suffix: 'public', roles: ['anon', 'authenticated'], using: 'true' },
      write: { suffix: 'own', check: isOwner },
    };
  } else if (owner && org) {
    label = `org members read on ${org}, owner writes on ${owner}`;
    rules = {
      select: { suffix: 'org', roles: ['authenticated'], using: inOrg },
      write: { suffix: 'own', check: `${inOrg} and ${isOwner}` },
    };
  } else if (org) {
    label = `org isolation on ${org}`;
    rules = {
      select: { suffix: 'org', roles: ['authenticated'], using: inOrg },
      write: { suffix: 'org', check: inOrg },
    };
  } else {
    label = `owner-only on ${owner}`;
    rules = {
      select: { suffix: 'own', roles: ['authenticated'], using: isOwner },
      write: { suffix: 'own', check: isOwner },
    };
  }
  const columns = [...(org ? [orgColumn(org)] : []), ...(owner ? [ownerColumn(owner)] : [])];
  return {
    label,
    columns,
    readRoles: rules.select.roles,
    writeRoles: ['authenticated'],
    usesOrgFunction: org !== undefined,
    policies: (table, tableName) => {
      const name = (command: string, suffix: string) => quoteIdent(derivedName(tableName, command, suffix));
      const w = rules.write;
      return [
        policy(name('select', rules.select.suffix), table, 'select', rules.select.roles, rules.select.using),
        // insert has no existing row: only WITH CHECK applies.
        policy(name('insert', w.suffix), table, 'insert', ['authenticated'], undefined, w.check),
        // update needs both: USING picks the rows, WITH CHECK stops moving them out of reach.
        policy(name('update', w.suffix), table, 'update', ['authenticated'], w.check, w.check),
        policy(name('delete', w.suffix), table, 'delete', ['authenticated'], w.check),
      ];
    },
  };
}

function policy(
  name: string,
  table: string,
  command: string,
  roles: string[],
  using: string | undefined,
  check?: string,
): string {
  // Dropped first: Postgres has no CREATE POLICY IF NOT EXISTS, and a rerun should leave the policy as written here.
  const lines = [
    `drop policy if exists ${name} on ${table};`,
    `create policy ${name} on ${table}`,
    `  for ${command}`,
    `  to ${roles.join(', ')}`,
  ];
  if (using !== undefined) lines.push(`  using (${using})`);
  if (check !== undefined) lines.push(`  with check (${check})`);
  return `${lines.join('\n')};`;
}
