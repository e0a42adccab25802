// The realtime shim on every target: broadcast triggers written with realtime.broadcast_changes() and
// realtime.send() apply unchanged and leave the messages Supabase's Realtime would deliver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { asUser } from './platform-helpers.js';
import { TARGETS } from './targets.js';

const MIGRATION = `
create table public.rooms_messages (
  id bigint generated always as identity primary key,
  room text not null,
  body text not null
);
alter publication supabase_realtime add table public.rooms_messages;

create function public.broadcast_room_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.broadcast_changes(
    'room:' || coalesce(new.room, old.room), tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end
$$;
create trigger broadcast_room_message after insert or update or delete on public.rooms_messages
  for each row execute function public.broadcast_room_message();

create function public.announce(room text, text text)
returns void
language sql
security definer
set search_path = ''
as $$ select realtime.send(jsonb_build_object('text', text), 'announcement', 'room:' || room, false) $$;

create policy "members receive room broadcasts" on realtime.messages
  for select to authenticated
  using ((select realtime.topic()) like 'room:%' and extension = 'broadcast');
`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`realtime shim on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(MIGRATION);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('has the Realtime schema: partitioned messages, subscription, enums', async () => {
      const { rows } = await db.query(
        `select c.relname, c.relkind::text as kind from pg_class c
          where c.relnamespace = 'realtime'::regnamespace and c.relkind in ('r', 'p') order by 1`,
      );
      expect(rows).toEqual([
        { relname: 'messages', kind: 'p' },
        { relname: 'messages_default', kind: 'r' },
        { relname: 'schema_migrations', kind: 'r' },
        { relname: 'subscription', kind: 'r' },
      ]);
      const enums = await db.query(
        `select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) as labels from pg_type t
           join pg_enum e on e.enumtypid = t.oid where t.typnamespace = 'realtime'::regnamespace group by 1 order by 1`,
      );
      expect(enums.rows).toEqual([
        { typname: 'action', labels: 'INSERT,UPDATE,DELETE,TRUNCATE,ERROR' },
        { typname: 'equality_op', labels: 'eq,neq,lt,lte,gt,gte,in,like,ilike,is,match,imatch,isdistinct' },
      ]);
      const pub = await db.query(
        "select schemaname, tablename from pg_publication_tables where pubname = 'supabase_realtime'",
      );
      expect(pub.rows).toEqual([{ schemaname: 'public', tablename: 'rooms_messages' }]);
    });

    it('broadcasts row changes and sent messages as realtime.messages rows', async () => {
      await db.exec(`insert into public.rooms_messages (room, body) values ('lobby', 'hi');
update public.rooms_messages set body = 'hello';
delete from public.rooms_messages;
select public.announce('lobby', 'closing soon');`);
      const { rows } = await db.query(
        `select topic, event, extension, private, payload - 'id' as payload, payload ? 'id' as has_id
           from realtime.messages order by inserted_at, event`,
      );
      const record = (body: string) => ({ id: 1, room: 'lobby', body });
      expect(rows).toEqual(
        [
          {
            topic: 'room:lobby',
            event: 'DELETE',
            private: true,
            payload: change('DELETE', null, record('hello')),
          },
          {
            topic: 'room:lobby',
            event: 'INSERT',
            private: true,
            payload: change('INSERT', record('hi'), null),
          },
          {
            topic: 'room:lobby',
            event: 'UPDATE',
            private: true,
            payload: change('UPDATE', record('hello'), record('hi')),
          },
          { topic: 'room:lobby', event: 'announcement', private: false, payload: { text: 'closing soon' } },
        ].map((r) => ({ ...r, extension: 'broadcast', has_id: true })),
      );
    });

    it('answers realtime.topic() in policies on realtime.messages', async () => {
      const seen = await db.transaction(async (tx) => {
        await tx.exec("set local realtime.topic = 'room:lobby'");
        await tx.query('select set_config(\'request.jwt.claims\', \'{"role":"authenticated"}\', true)');
        await tx.exec('set local role authenticated');
        return (await tx.query<{ n: number }>('select count(*)::int as n from realtime.messages')).rows;
      });
      expect(seen).toEqual([{ n: 4 }]);
      expect(
        await asUser(db, { role: 'authenticated' }, 'select count(*)::int as n from realtime.messages'),
      ).toEqual([{ n: 0 }]);
    });
  });
}

function change(operation: string, record: unknown, old: unknown) {
  return { operation, record, old_record: old, table: 'rooms_messages', schema: 'public' };
}
