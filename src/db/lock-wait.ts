// Who holds the lock a statement gave up on (SQLSTATE 55P03, lock_timeout): read from pg_locks on a second
// connection, because the failed statement's own transaction is aborted and can no longer query.
import pg from 'pg';

interface Holder {
  pid: number;
  mode: string;
  relation: string;
  usename: string | null;
  state: string | null;
  seconds: number | null;
  query: string | null;
}

const HOLDERS = `
select l.pid, l.mode, format('%I.%I', n.nspname, c.relname) as relation, a.usename, a.state,
       extract(epoch from now() - coalesce(a.xact_start, a.query_start))::int as seconds,
       left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120) as query
  from pg_locks l join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
  left join pg_stat_activity a on a.pid = l.pid
 where l.granted and l.locktype = 'relation' and l.relation >= 16384
   and l.database = (select oid from pg_database where datname = current_database())
   and l.pid <> $1 and l.pid <> pg_backend_pid()
 order by l.mode = 'AccessExclusiveLock' desc, seconds desc nulls last`;

/** Adds to a lock-timeout error which session holds which lock (detail) and what to do (hint). */
export async function explainLockTimeout(
  error: { detail?: string; hint?: string },
  config: pg.ClientConfig,
  ownPid: number,
  sql: string,
  lockTimeoutMs: number | undefined,
): Promise<void> {
  const holders = await readHolders(config, ownPid);
  const named = holders.filter((h) => mentions(sql, h.relation));
  const holder = (named.length > 0 ? named : holders)[0];
  const waited = lockTimeoutMs
    ? `waited ${lockTimeoutMs / 1000} s (apply.lockTimeout in .kodo/config.json)`
    : 'gave up';
  if (!holder) {
    error.detail ??= `kodo ${waited} for a lock; the session that held it has let go since.`;
    error.hint ??= 'Run kodo up again.';
    return;
  }
  const what = [holder.usename, holder.state, holder.seconds === null ? null : `for ${holder.seconds} s`]
    .filter(Boolean)
    .join(', ');
  error.detail = `kodo ${waited} for a lock on ${holder.relation}: pid ${holder.pid} holds ${holder.mode} on it (${what}${holder.query ? `; last query: ${holder.query}` : ''}).`;
  error.hint = `Let that session finish, or end it (select pg_terminate_backend(${holder.pid})), then run kodo up again.`;
}

async function readHolders(config: pg.ClientConfig, ownPid: number): Promise<Holder[]> {
  const { lock_timeout: _, ...rest } = config as pg.ClientConfig & { lock_timeout?: number };
  const client = new pg.Client({ ...rest, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<Holder>(HOLDERS, [ownPid])).rows;
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The statement names the relation (schema-qualified or not, quoted or not). */
function mentions(sql: string, relation: string): boolean {
  const name = relation.split('.').at(-1)!.replace(/"/g, '').toLowerCase();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9_$])"?${escaped}"?([^a-z0-9_$]|$)`, 'i').test(sql);
}
