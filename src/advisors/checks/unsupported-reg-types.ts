// unsupported-reg-types (splinter 0018): a column of a reg* type that stores an oid, which pg_upgrade refuses.
import { member, text } from '../names.js';
import type { Advisor } from '../types.js';

export const unsupportedRegTypes: Advisor = {
  id: 'unsupported-reg-types',
  lint: '0018_unsupported_reg_types',
  level: 'warn',
  category: 'security',
  // Arrays of them too. Only the user's relations (splinter skips pg_catalog, information_schema and pgsodium;
  // the platform schemas hold none of these columns).
  sql: `
select r.schema_name, r.object_name, a.attname as sub_name,
       jsonb_build_object('type', format_type(a.atttypid, a.atttypmod)) as detail
  from rel r
  join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid
 where r.relkind in ('r', 'p', 'm')
   and (case when t.typcategory = 'A' then t.typelem else t.oid end) in (
     'regcollation'::regtype, 'regconfig'::regtype, 'regdictionary'::regtype, 'regnamespace'::regtype,
     'regoper'::regtype, 'regoperator'::regtype, 'regproc'::regtype, 'regprocedure'::regtype)`,
  help: 'Store the name instead (text, or regclass/regtype/regrole, which pg_upgrade keeps): these types store oids, which change in an upgrade, so pg_upgrade refuses a database that has them and the project cannot move to a new Postgres version.',
  advise(row) {
    return {
      object: member(row),
      message: `Column ${member(row)} has type ${text(row, 'type')}, which pg_upgrade cannot carry to a new Postgres version; store the name as text instead.`,
      anchor: { kind: 'column', schema: row.schema_name, table: row.object_name, name: row.sub_name ?? '' },
      mentions: [member(row)],
    };
  },
};
