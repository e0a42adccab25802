// Extensions Supabase projects use, as migrations call them: vault secrets read in a security definer function
// and dblink (to this database, and to another server, refused with 08001) on every target; pg_cron jobs and pgmq
// queues on PGlite, whose stand-ins stand for them (a plain PostgreSQL server has neither extension to create).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { asUser, failure } from './platform-helpers.js';
import { TARGETS } from './targets.js';

const VAULT = `
select vault.create_secret('sk_test_123', 'stripe_key', 'Stripe test key');
create function public.stripe_key_prefix()
returns text
language sql
stable
security definer
set search_path = ''
as $$ select left(decrypted_secret, 7) from vault.decrypted_secrets where name = 'stripe_key' $$;
revoke execute on function public.stripe_key_prefix() from public, anon;
grant execute on function public.stripe_key_prefix() to authenticated;
`;

const DBLINK = `
create extension if not exists dblink with schema extensions;
create table public.audit (id int primary key, note text);
create function public.audit_autonomously(id int, note text)
returns text
language sql
as $$
  select extensions.dblink_exec('dbname=' || current_database(),
    format('insert into public.audit values (%s, %L)', id, note))
$$;
`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`extensions on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(VAULT);
      await db.exec(DBLINK);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('reads a vault secret through a security definer function only', async () => {
      expect(await asUser(db, { role: 'authenticated' }, 'select public.stripe_key_prefix() as p')).toEqual([
        { p: 'sk_test' },
      ]);
      const direct = await failure(() =>
        asUser(db, { role: 'authenticated' }, 'select secret from vault.decrypted_secrets'),
      );
      expect(direct.code).toBe('42501');
      const { rows } = await db.query('select name, description from vault.secrets');
      expect(rows).toEqual([{ name: 'stripe_key', description: 'Stripe test key' }]);
    });

    it('runs dblink against the database itself', async () => {
      expect((await db.query("select public.audit_autonomously(1, 'first') as status")).rows).toEqual([
        { status: 'INSERT 0 1' },
      ]);
      const { rows } = await db.query(
        `select * from extensions.dblink('dbname=' || current_database(), 'select id, note from public.audit')
           as t(id int, note text)`,
      );
      expect(rows).toEqual([{ id: 1, note: 'first' }]);
      expect(
        (await db.query("select extensions.dblink_connect('self', 'dbname=' || current_database()) as ok"))
          .rows,
      ).toEqual([{ ok: 'OK' }]);
      const named = await db.query("select * from extensions.dblink('self', 'select 40 + 2') as t(n int)");
      expect(named.rows).toEqual([{ n: 42 }]);
      expect((await db.query("select extensions.dblink_disconnect('self') as ok")).rows).toEqual([
        { ok: 'OK' },
      ]);
    });

    it('fails to reach another server with SQLSTATE 08001', async () => {
      const refused = await failure(() =>
        db.query(
          "select * from extensions.dblink('host=db.example.invalid dbname=prod user=app password=x connect_timeout=2', 'select 1') as t(n int)",
        ),
      );
      expect(refused).toEqual({ code: '08001', message: 'could not establish connection' });
    });
  });
}

describe('pg_cron and pgmq stand-ins on PGlite', () => {
  const pglite = TARGETS.find((t) => t.engine === 'pglite');
  let db: Database;
  beforeAll(async () => {
    db = (await pglite?.open()) as Database;
    await db.exec(`
create extension if not exists pg_cron with schema pg_catalog;
create extension if not exists pg_net with schema extensions;
create extension if not exists pgmq;
select cron.schedule('purge-old-rows', '0 3 * * *', $$delete from public.events where at < now() - interval '30 days'$$);
select cron.schedule('ping', '*/5 * * * *', $$select net.http_post('https://example.com/hook', '{"ok":true}'::jsonb)$$);
select cron.alter_job((select jobid from cron.job where jobname = 'ping'), schedule := '*/10 * * * *');
select cron.unschedule('purge-old-rows');
select pgmq.create('emails');
select pgmq.send('emails', '{"to":"a@example.com"}');
select pgmq.send('emails', '{"to":"b@example.com"}');
`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps the scheduled jobs in cron.job', async () => {
    const { rows } = await db.query('select jobname, schedule, active from cron.job order by jobid');
    expect(rows).toEqual([{ jobname: 'ping', schedule: '*/10 * * * *', active: true }]);
  });

  it('queues, reads, archives and deletes pgmq messages', async () => {
    const read = await db.query<{ msg_id: string; message: unknown }>(
      "select msg_id, message from pgmq.read('emails', 30, 1)",
    );
    expect(read.rows).toEqual([{ msg_id: '1', message: { to: 'a@example.com' } }]);
    expect((await db.query("select pgmq.archive('emails', 1::bigint) as ok")).rows).toEqual([{ ok: true }]);
    const popped = await db.query("select msg_id, message from pgmq.pop('emails')");
    expect(popped.rows).toEqual([{ msg_id: '2', message: { to: 'b@example.com' } }]);
    const archived = await db.query('select msg_id, message from pgmq.a_emails');
    expect(archived.rows).toEqual([{ msg_id: '1', message: { to: 'a@example.com' } }]);
    const metrics = await db.query(
      "select queue_name, queue_length, total_messages from pgmq.metrics('emails')",
    );
    expect(metrics.rows).toEqual([{ queue_name: 'emails', queue_length: '0', total_messages: '2' }]);
  });
});
