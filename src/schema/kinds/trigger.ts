// Triggers as pg_get_triggerdef writes them, with their enabled state. Those on the user's tables, and those on
// the platform's tables (auth.users, storage.objects) whose function is the user's: the trigger on auth.users
// that calls public.handle_new_user is a migration's, the platform's own triggers are not. Enabling or disabling
// is done in place; any other change is a drop and a create. A partition's clone of its parent's trigger comes
// with the parent's.
import { notInExtension, userSchema } from '../scope.js';
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { relationId, type TableChildRow } from './names.js';

interface Row extends TableChildRow {
  definition: string;
  enabled: string;
}

export async function readTriggers({ q, managed }: ReadContext): Promise<SchemaObject[]> {
  const rows = await q.query<Row>(
    `select t.oid, c.relkind, n.nspname as schema, c.relname as table, format('%I.%I', n.nspname, c.relname) as tq,
            t.tgname as name, quote_ident(t.tgname) as nq, pg_catalog.pg_get_triggerdef(t.oid) as definition,
            t.tgenabled as enabled
       from pg_catalog.pg_trigger t
       join pg_catalog.pg_class c on c.oid = t.tgrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       join pg_catalog.pg_proc p on p.oid = t.tgfoid
       join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
      where not t.tgisinternal and t.tgparentid = 0
        and (${userSchema('n')} or ${userSchema('pn')})
        and ${notInExtension('pg_class', 'c.oid')} and ${notInExtension('pg_trigger', 't.oid')}`,
    [managed],
  );
  return rows.rows.map((r) => ({
    id: `trigger ${r.schema}.${r.table}.${r.name}`,
    kind: 'trigger',
    name: `${r.nq} on ${r.schema}.${r.table}`,
    q: r.nq,
    sqlRef: `TRIGGER ${r.nq} ON ${r.tq}`,
    // The table may be the platform's (auth.users), absent from the snapshot: an edge to it is ignored.
    owner: relationId(r.relkind, r.schema, r.table),
    def: { definition: r.definition, enabled: r.enabled },
    deps: [],
    keys: [`pg_trigger:${r.oid}:0`],
    extra: { table: r.tq },
  }));
}

/** tgenabled: O fires in origin and local sessions (the default), D never, R only as a replica, A always. */
const ENABLE: Record<string, string> = {
  O: 'enable trigger',
  D: 'disable trigger',
  R: 'enable replica trigger',
  A: 'enable always trigger',
};

function enable(o: SchemaObject): string {
  return `alter table ${o.extra!.table} ${ENABLE[o.def.enabled as string]} ${o.q}`;
}

export const triggerKind: KindHandler = {
  kind: 'trigger',
  read: readTriggers,
  create: (o) => [o.def.definition as string, ...(o.def.enabled === 'O' ? [] : [enable(o)])],
  drop: (o) => [`drop trigger ${o.q} on ${o.extra!.table}`],
  alter: (from, to) => (from.def.definition === to.def.definition ? [enable(to)] : null),
};
