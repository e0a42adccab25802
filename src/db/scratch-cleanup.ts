// What `kodo check --db <url>` leaves on a server: nothing. Databases are easy (one is created, one dropped), but
// the shim's roles are cluster-wide, and a careful DBA would accept neither leaving `supabase_admin` (BYPASSRLS)
// behind nor dropping a role someone else relies on. So:
//
// - Every check holds a shared advisory lock in the database of its URL for its whole life. Cleanup happens only
//   under the exclusive lock, taken without waiting: when it is granted, no other check is running there.
// - A role is dropped only if it is provably a check's own: created by a check (the shim's roles, in the same
//   transaction that tags them with a COMMENT naming the scratch database; roles the migrations create, tagged
//   when the check closes) and that scratch database no longer exists. A role that did not exist before is the only
//   kind ever tagged. DROP ROLE itself refuses while anything in any database still depends on the role; such a
//   role is left and reported, never forced.
// - A leftover scratch database (a check killed with SIGKILL) is dropped when it is named `kodo_check_<hex>`,
//   carries the check's COMMENT, and nobody is connected to it.
import type pg from 'pg';

export const SCRATCH_PREFIX = 'kodo_check_';
const TAG = 'kodo check scratch role of ';
const DB_TAG = 'kodo check scratch database';
/** The advisory lock key every check shares ("kodochek" as 8 bytes would overflow; any fixed bigint will do). */
const LOCK_KEY = '4729154001';

export const scratchDatabaseComment = DB_TAG;

/** Quotes an identifier for SQL text. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export async function holdSharedLock(client: pg.Client): Promise<void> {
  await client.query(`select pg_catalog.pg_advisory_lock_shared(${LOCK_KEY})`);
}

export async function releaseSharedLock(client: pg.Client): Promise<void> {
  await client.query(`select pg_catalog.pg_advisory_unlock_shared(${LOCK_KEY})`);
}

export async function roleNames(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ rolname: string }>('select rolname from pg_catalog.pg_roles');
  return new Set(rows.map((r) => r.rolname));
}

/** Tags roles that did not exist before this check as its own (the caller runs this in the creating transaction). */
export async function tagRoles(client: pg.Client, names: string[], scratch: string): Promise<void> {
  for (const name of names) await client.query(`comment on role ${ident(name)} is ${literal(TAG + scratch)}`);
}

/**
 * When no other check runs: drops leftover scratch databases and the tagged roles whose scratch database is gone.
 * Returns the tagged roles that had to stay (still depended on, or another check is running).
 */
export async function cleanUpLeftovers(client: pg.Client): Promise<string[]> {
  const tagged = async () =>
    (
      await client.query<{ rolname: string; scratch: string }>(
        `select r.rolname, substr(d.description, length($1) + 1) as scratch
           from pg_catalog.pg_roles r
           join pg_catalog.pg_shdescription d on d.objoid = r.oid and d.classoid = 'pg_catalog.pg_authid'::regclass
          where starts_with(d.description, $1)`,
        [TAG],
      )
    ).rows;
  const { rows } = await client.query<{ locked: boolean }>(
    `select pg_catalog.pg_try_advisory_lock(${LOCK_KEY}) as locked`,
  );
  if (!rows[0]?.locked) return (await tagged()).map((r) => r.rolname);
  try {
    const dead = await client.query<{ datname: string }>(
      `select d.datname from pg_catalog.pg_database d
         join pg_catalog.pg_shdescription c on c.objoid = d.oid and c.classoid = 'pg_catalog.pg_database'::regclass
        where d.datname ~ '^${SCRATCH_PREFIX}[0-9a-f]{10}$' and c.description = $1
          and not exists (select from pg_catalog.pg_stat_activity a where a.datname = d.datname)`,
      [DB_TAG],
    );
    for (const { datname } of dead.rows) {
      await client.query(`drop database if exists ${ident(datname)}`).catch(() => undefined);
    }
    const left: string[] = [];
    const databases = new Set(
      (await client.query<{ datname: string }>('select datname from pg_catalog.pg_database')).rows.map(
        (r) => r.datname,
      ),
    );
    for (const role of await tagged()) {
      if (databases.has(role.scratch)) continue;
      // Fails (and the role stays) while an object or privilege in any database depends on it.
      await client.query(`drop role ${ident(role.rolname)}`).catch(() => left.push(role.rolname));
    }
    return left;
  } finally {
    await client.query(`select pg_catalog.pg_advisory_unlock(${LOCK_KEY})`);
  }
}

/** Role names a migration creates (`create role|user|group name`), to tell them from roles others create meanwhile. */
export function rolesCreatedIn(statements: string[]): Set<string> {
  const names = new Set<string>();
  const re = /\bcreate\s+(?:role|user|group)\s+(?:"((?:[^"]|"")+)"|([a-z_][a-z0-9_$]*))/gi;
  for (const sql of statements) {
    for (const m of sql.matchAll(re)) names.add(m[1]?.replaceAll('""', '"') ?? (m[2] ?? '').toLowerCase());
  }
  return names;
}
