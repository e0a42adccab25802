// Default privileges (pg_default_acl): what a role's new objects are granted, globally or in one schema. A global
// row replaces the builtin default (so it is compared with that when it comes or goes); a schema's row adds to it.
// The platform's roles' rows (supabase_admin's in public) are left out: only they may change them, never a migration
// run by postgres. The acl kind's create path reads these objects to know what a new object already holds.
import { userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { DEFAULT_ACL_OBJECTS } from './acl-implied.js';
import { explodedSql, type GrantSyntax, type Grants, grantStatements, toGrants } from './grants.js';

interface Row {
  oid: number;
  role: string;
  roleq: string;
  schema: string | null;
  schemaq: string | null;
  objtype: string;
  privileges: string[];
  builtin: string[];
}

async function read(ctx: ReadContext): Promise<SchemaObject[]> {
  const rows = await ctx.q.query<Row>(
    `select d.oid, r.rolname as role, quote_ident(r.rolname) as roleq, n.nspname as schema,
            quote_ident(n.nspname) as schemaq, d.defaclobjtype as objtype,
            ${explodedSql('d.defaclacl')} as privileges,
            ${explodedSql(`pg_catalog.acldefault(case d.defaclobjtype when 'S' then 's'::"char" else d.defaclobjtype end, d.defaclrole)`)} as builtin
       from pg_catalog.pg_default_acl d
       join pg_catalog.pg_roles r on r.oid = d.defaclrole
       left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
      where r.rolname !~ '^supabase_' and (d.defaclnamespace = 0 or ${userSchema('n')})`,
    [ctx.managed],
  );
  const out: SchemaObject[] = [];
  for (const r of rows.rows) {
    const word = DEFAULT_ACL_OBJECTS[r.objtype === 'S' ? 's' : r.objtype]!;
    const owner = r.schema === null ? undefined : `schema ${r.schema}`;
    if (owner && !ctx.objects?.has(owner)) continue; // a schema the snapshot leaves out
    out.push({
      id: `default-acl ${r.role} ${r.schema ?? '*'} ${word}`,
      kind: 'default-acl',
      name: `for role ${r.role}${r.schema === null ? '' : ` in schema ${r.schema}`} on ${word}`,
      def: toGrants(r.privileges),
      deps: [],
      ...(owner ? { owner } : {}),
      keys: [`pg_default_acl:${r.oid}:0`],
      extra: {
        roleq: r.roleq,
        word,
        scope: r.schemaq === null ? '' : ` in schema ${r.schemaq}`,
        // What the role's objects get without a global row: where a global row comes from and goes back to.
        builtin: r.schema === null ? JSON.stringify(toGrants(r.builtin)) : '{}',
      },
    });
  }
  return out;
}

function syntax(o: SchemaObject): GrantSyntax {
  const e = o.extra!;
  const head = `alter default privileges for role ${e.roleq}${e.scope}`;
  return {
    grant: (privileges, grantee, option) =>
      `${head} grant ${privileges.join(', ')} on ${e.word} to ${grantee}${option ? ' with grant option' : ''}`,
    revoke: (privileges, grantee, optionOnly) =>
      `${head} revoke ${optionOnly ? 'grant option for ' : ''}${privileges.join(', ')} on ${e.word} from ${grantee}`,
  };
}

function builtin(o: SchemaObject): Grants {
  return JSON.parse(o.extra!.builtin as string) as Grants;
}

export const defaultAclKind: KindHandler = {
  kind: 'default-acl',
  read,
  create: (o) => grantStatements(builtin(o), o.def as Grants, syntax(o)),
  drop: (o) => grantStatements(o.def as Grants, builtin(o), syntax(o)),
  alter: (from, to) => grantStatements(from.def as Grants, to.def as Grants, syntax(to)),
};
