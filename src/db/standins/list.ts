// Which stand-ins a database uses: installed by a migration, or pre-installed and then called.
import type { Queryable } from '../database.js';
import { PREINSTALLED_STANDINS, STANDIN_COMMENT_PREFIX } from './registry.js';

/** Names of the stand-in extensions in use, sorted; always empty on a real server. */
export async function listStandInsUsed(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ extname: string }>(
    `select e.extname
       from pg_catalog.pg_extension e
      where pg_catalog.obj_description(e.oid, 'pg_extension') like $1
      order by e.extname`,
    [`${STANDIN_COMMENT_PREFIX}%`],
  );
  const installed = rows.map((r) => r.extname);
  const preinstalled = new Set(PREINSTALLED_STANDINS.map((s) => s.name));
  if (!installed.some((name) => preinstalled.has(name))) return installed;
  // A pre-installed stand-in counts only once something called it: every embedded database has it.
  const called = await db.query<{ extension: string }>(
    `select distinct extension from kodo_standins.calls where extension = any($1::text[])`,
    [installed.filter((name) => preinstalled.has(name))],
  );
  const calledSet = new Set(called.rows.map((r) => r.extension));
  return installed.filter((name) => !preinstalled.has(name) || calledSet.has(name));
}
