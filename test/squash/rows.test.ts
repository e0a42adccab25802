import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openMemoryDatabase } from '../../src/db/pglite.js';
import { compareFingerprints, rowFingerprints } from '../../src/squash/fingerprint.js';
import { rowsAsSql } from '../../src/squash/rows.js';

const SCHEMA = `
create type public.mood as enum ('happy', 'sad');
create table public.teams (id serial primary key, name text not null, tags text[], meta jsonb);
create table public.members (
  id bigint generated always as identity primary key,
  team_id int not null references public.teams (id),
  name text not null,
  mood public.mood,
  name_length int generated always as (length(name)) stored,
  note text
);
create table public.counts (n int);
create table public.empty (a int);
create table public.audit (what text);
create function public.audit_member() returns trigger language plpgsql as
  $$ begin insert into public.audit values ('member ' || new.name); return new; end $$;
create trigger members_audit after insert on public.members for each row execute function public.audit_member();
`;

const SEED = `
insert into public.teams (name, tags, meta) values
  ('core', '{a,"b c",NULL}', '{"k": [1, "two"], "q": "it''s"}'),
  ('it''s "quoted"', '{}', null);
insert into public.members (team_id, name, mood, note) values
  (1, 'Ann', 'happy', E'line one\\nline two'),
  (2, 'Bob', null, null),
  (1, 'Émile', 'sad', 'back\\slash');
`;

describe('rowsAsSql (PGlite)', () => {
  let source: Database;
  let target: Database;
  let sql: string;

  beforeAll(async () => {
    [source, target] = [await openMemoryDatabase(), await openMemoryDatabase()];
    await source.exec(SCHEMA + SEED);
    await target.exec(SCHEMA);
    sql = await rowsAsSql(source, ['public.members', 'public.teams', 'public.empty', 'public.audit']);
  });
  afterAll(async () => {
    await Promise.all([source.close(), target.close()]);
  });

  it('writes parents first, literals for every value, no generated column, identity overridden', () => {
    expect(sql).toBe(`SET session_replication_role = replica;

INSERT INTO public.audit (what) VALUES
  ('member Ann'),
  ('member Bob'),
  ('member Émile');

INSERT INTO public.teams (id, name, tags, meta) VALUES
  ('1', 'core', '{a,"b c",NULL}', '{"k": [1, "two"], "q": "it''s"}'),
  ('2', 'it''s "quoted"', '{}', NULL);

INSERT INTO public.members (id, team_id, name, mood, note) OVERRIDING SYSTEM VALUE VALUES
  ('1', '1', 'Ann', 'happy', 'line one
line two'),
  ('2', '2', 'Bob', NULL, NULL),
  ('3', '1', 'Émile', 'sad', E'back\\\\slash');

SET session_replication_role = DEFAULT;

SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('public.members', 'id'), 3, true);

SELECT pg_catalog.setval('public.teams_id_seq', 2, true);
`);
  });

  it('builds the same rows and sequence positions on a database with the same schema', async () => {
    await target.exec(sql);
    expect(compareFingerprints(await rowFingerprints(source), await rowFingerprints(target))).toEqual([]);
    // The trigger did not fire again: the audit table holds the three rows it had, not six.
    expect((await target.query('select count(*)::int as n from public.audit')).rows).toEqual([{ n: 3 }]);
  });

  it('leaves the sequences where the next default does not collide', async () => {
    await target.exec(`insert into public.teams (name) values ('new');
      insert into public.members (team_id, name) values (3, 'Cy');`);
    expect((await target.query('select id, name from public.teams where id > 2')).rows).toEqual([
      { id: 3, name: 'new' },
    ]);
    expect((await target.query('select id, name_length from public.members where id > 3')).rows).toEqual([
      { id: '4', name_length: 2 },
    ]);
  });

  it('writes up to 500 rows per INSERT, and nothing for empty tables and unused sequences', async () => {
    await source.exec('insert into public.counts select g from generate_series(1, 1001) g');
    const counts = await rowsAsSql(source, ['public.counts', 'public.empty']);
    expect(counts.match(/^INSERT INTO public\.counts \(n\) VALUES$/gm)).toHaveLength(3);
    expect(counts.split('\n').filter((l) => /^ {2}\('\d+'\)[,;]$/.test(l))).toHaveLength(1001);
    // Rows in the order of their text: '999' is the last.
    expect(counts).toContain(`;\n\nINSERT INTO public.counts (n) VALUES\n  ('999');\n`);
    expect(counts).not.toContain('public.empty');
  });

  it('refuses a table that does not exist', async () => {
    await expect(rowsAsSql(source, ['public.nowhere'])).rejects.toThrow('rowsAsSql: no table public.nowhere');
  });
});
