// Row level security policies, on the user's tables and on the platform's (storage.objects, storage.buckets,
// realtime.messages, auth.*: the platform ships none, so every policy there is a migration's). Roles, USING and
// WITH CHECK change in place with ALTER POLICY; a new command or permissive/restrictive, or an expression taken
// away (ALTER POLICY can replace one, not remove it), is a drop and a create. The expressions' dependencies
// (functions, the other tables a policy reads) are pg_depend's, so the policy is created after them.
import { notInExtension } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { relationId, type TableChildRow } from './names.js';

interface Row extends TableChildRow {
  command: string;
  permissive: boolean;
  roles: [string, string][];
  using: string | null;
  check: string | null;
}

export async function readPolicies({ q }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select p.oid, c.relkind, n.nspname as schema, c.relname as table, format('%I.%I', n.nspname, c.relname) as tq,
            p.polname as name, quote_ident(p.polname) as nq, p.polcmd as command, p.polpermissive as permissive,
            array(select json_build_array(coalesce(r.rolname, 'public'),
                                          case when r.oid is null then 'public' else quote_ident(r.rolname) end)
                    from unnest(p.polroles) as x(role)
                    left join pg_catalog.pg_roles r on r.oid = x.role) as roles,
            pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using,
            pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as check
       from pg_catalog.pg_policy p
       join pg_catalog.pg_class c on c.oid = p.polrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
        and ${notInExtension('pg_class', 'c.oid')} and ${notInExtension('pg_policy', 'p.oid')}`,
  );
  return rows.rows.map((r) => {
    const roles = [...r.roles].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return {
      id: `policy ${r.schema}.${r.table}.${r.name}`,
      kind: 'policy',
      name: `${r.nq} on ${r.schema}.${r.table}`,
      q: r.nq,
      sqlRef: `POLICY ${r.nq} ON ${r.tq}`,
      owner: relationId(r.relkind, r.schema, r.table),
      def: {
        command: COMMANDS[r.command] ?? r.command,
        permissive: r.permissive,
        roles: roles.map(([name]) => name),
        using: r.using,
        check: r.check,
      },
      deps: [],
      keys: [`pg_policy:${r.oid}:0`],
      extra: { table: r.tq, roles: roles.map(([, quoted]) => quoted).join(', ') },
    };
  });
}

/** polcmd as CREATE POLICY's FOR clause spells it. */
const COMMANDS: Record<string, string> = { r: 'select', a: 'insert', w: 'update', d: 'delete', '*': 'all' };

function create(o: SchemaObject): string {
  const d = o.def;
  const parts = [
    `create policy ${o.q} on ${o.extra!.table}`,
    `as ${d.permissive ? 'permissive' : 'restrictive'}`,
    `for ${d.command as string}`,
    `to ${o.extra!.roles as string}`,
  ];
  if (d.using !== null) parts.push(`using (${d.using as string})`);
  if (d.check !== null) parts.push(`with check (${d.check as string})`);
  return parts.join(' ');
}

export const policyKind: KindHandler = {
  kind: 'policy',
  read: readPolicies,
  create: (o) => [create(o)],
  drop: (o) => [`drop policy ${o.q} on ${o.extra!.table}`],
  alter(from, to) {
    const [a, b] = [from.def, to.def];
    if (a.command !== b.command || a.permissive !== b.permissive) return null;
    if ((a.using !== null && b.using === null) || (a.check !== null && b.check === null)) return null;
    const clauses: string[] = [];
    if (from.extra!.roles !== to.extra!.roles) clauses.push(`to ${to.extra!.roles as string}`);
    if (a.using !== b.using) clauses.push(`using (${b.using as string})`);
    if (a.check !== b.check) clauses.push(`with check (${b.check as string})`);
    return [`alter policy ${to.q} on ${to.extra!.table} ${clauses.join(' ')}`];
  },
};
