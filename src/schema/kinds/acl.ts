// Grants: one object per ACL-bearing object of the snapshot (`acl table public.t`, `acl column public.t.c`, …) holding
// what its grantees may do. A change revokes what is gone, then grants what is new; a new object is granted only the
// difference from what its CREATE gives it (the default privileges), so an unchanged database diffs empty (cli#4902)
// and a new table brings no GRANT its defaults already made (cli#5601, cli#1864). Column privileges are compared
// too (supabase#19448), and come after their table's REVOKE, which would take them back (pg-toolbelt#96).
import type { KindHandler, PlanContext, SchemaObject } from '../types.js';
import { grantsAtCreate } from './acl-implied.js';
import { readAcls } from './acl-read.js';
import {
  type GrantSyntax,
  type Grants,
  granteeSql,
  grantStatements,
  privilegesOf,
  revokedBetween,
} from './grants.js';

function syntax(o: SchemaObject): GrantSyntax {
  const target = o.extra!.target as string;
  const column = o.extra!.column as string | undefined;
  const list = (privileges: string[]) => privileges.map((p) => (column ? `${p} (${column})` : p)).join(', ');
  return {
    grant: (privileges, grantee, option) =>
      `grant ${list(privileges)} on ${target} to ${grantee}${option ? ' with grant option' : ''}`,
    revoke: (privileges, grantee, optionOnly) =>
      `revoke ${optionOnly ? 'grant option for ' : ''}${list(privileges)} on ${target} from ${grantee}`,
  };
}

/**
 * A REVOKE on a table also takes the privilege from every column: the column grants that stay the same (and so
 * have no statement of their own) are given back after it.
 */
function columnsRestored(from: SchemaObject, to: SchemaObject, ctx: PlanContext): string[] {
  const revoked = revokedBetween(from.def as Grants, to.def as Grants);
  if (revoked.length === 0) return [];
  const out: string[] = [];
  for (const c of ctx.to.objects.values()) {
    const before = c.kind === 'acl' && c.extra?.relation === to.id ? ctx.from.objects.get(c.id) : undefined;
    if (!before) continue;
    for (const { grantee, revoked: privileges } of revoked) {
      const [was, now] = [
        privilegesOf(before.def as Grants, grantee),
        privilegesOf(c.def as Grants, grantee),
      ];
      const again = privileges.filter((p) => was.has(p) && now.has(p));
      for (const option of [false, true]) {
        const list = again.filter((p) => now.get(p) === option).map((p) => p.toLowerCase());
        if (list.length > 0) out.push(syntax(c).grant(list, granteeSql(grantee), option));
      }
    }
  }
  return out;
}

export const aclKind: KindHandler = {
  kind: 'acl',
  read: readAcls,
  create(o, ctx) {
    const before = o.owner && ctx.created.has(o.owner) ? grantsAtCreate(o, ctx) : {};
    return grantStatements(before, o.def as Grants, syntax(o));
  },
  drop: (o) => grantStatements(o.def as Grants, {}, syntax(o)),
  alter: (from, to, ctx) => [
    ...grantStatements(from.def as Grants, to.def as Grants, syntax(to)),
    ...columnsRestored(from, to, ctx),
  ],
};
