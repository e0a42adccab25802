// sensitive-columns-exposed (splinter 0023): an API-readable table without RLS holding a password, token, SSN…
import { SENSITIVE_COLUMNS } from '../../lint/rules/sensitive-columns-exposed.js';
import { ident, list, readers, relation } from '../names.js';
import type { Advisor } from '../types.js';

/** The static rule's list (splinter's words), as a SQL array literal. */
const WORDS = `array[${[...SENSITIVE_COLUMNS].map((w) => `'${w.replace(/'/g, "''")}'`).join(', ')}]`;

export const sensitiveColumnsExposed: Advisor = {
  id: 'sensitive-columns-exposed',
  lint: '0023_sensitive_columns_exposed',
  level: 'error',
  category: 'security',
  sql: `
select r.schema_name, r.object_name, s.columns[1] as sub_name,
       jsonb_build_object('columns', s.columns, 'readers', r.readers) as detail
  from rel r
 cross join lateral (
   select array_agg(a.attname order by a.attnum) as columns
     from pg_attribute a
    where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
      and replace(lower(a.attname), '-', '_') = any(${WORDS})
 ) s
 where r.relkind in ('r', 'p') and r.in_api and not r.relrowsecurity and cardinality(r.readers) > 0
   and s.columns is not null`,
  help: 'Enable row level security on the table and add policies that limit who reads these columns, or keep them in a table or schema the Data API does not expose.',
  advise(row) {
    const columns = list(row, 'columns');
    const many = columns.length > 1;
    return {
      object: relation(row),
      message: `Table ${relation(row)} is readable by ${readers(row)} through the Data API without row level security and has sensitive ${many ? 'columns' : 'column'} ${columns.map(ident).join(', ')}; enable row level security with policies or move ${many ? 'them' : 'it'} out of the exposed schema.`,
      anchor: { kind: 'column', schema: row.schema_name, table: row.object_name, name: row.sub_name ?? '' },
      mentions: [relation(row)],
    };
  },
};
