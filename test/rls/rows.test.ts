// The row generator on PGlite and the real server: rows Postgres accepts for tables with checks it must repair
// (patterns, lengths, ranges, column order, non-empty arrays, JSON kinds), enums, NOT NULL foreign-key chains it fills with
// parents in the caller's world, pinned parents it creates, and the refusals it must name instead of looping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/catalog/index.js';
import type { Database } from '../../src/db/database.js';
import { createRowContext, insertRow, RowError } from '../../src/rls/rows/index.js';
import { TARGETS } from '../db/targets.js';

const USER = '00000000-0000-4000-8000-00000000000a';
const ORG = '00000000-0000-4000-8000-0000000000b1';

const SCHEMA = `
create type public.stage as enum ('draft', 'live', 'archived');
create table public.orgs (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z]{3,10}$'),
  plan text not null check (plan in ('free', 'team'))
);
create table public.projects (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.orgs (id),
  title varchar(20) not null check (char_length(title) >= 5),
  stage public.stage not null,
  starts_on date not null,
  ends_on date not null,
  budget numeric not null check (budget between 100 and 200),
  tags text[] not null check (cardinality(tags) > 0),
  check (ends_on > starts_on)
);
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  project_id bigint not null references public.projects (id),
  owner_id uuid not null references auth.users (id),
  note text
);
create table public.loop_a (id int primary key, b_id int not null);
create table public.loop_b (id int primary key, a_id int not null references public.loop_a (id));
alter table public.loop_a add foreign key (b_id) references public.loop_b (id);
create table public.authored (id int primary key, author uuid not null references auth.users (id));
create table public.documents (
  id int primary key,
  blocks jsonb not null check (jsonb_typeof(blocks) = 'array'),
  meta json not null check (json_typeof(meta) = 'object')
);
`;

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`row generator on ${target.name}`, () => {
    let db: Database;

    beforeAll(async () => {
      db = await target.open();
      await db.exec(SCHEMA);
      await db.query('insert into auth.users (id, email) values ($1, $2)', [USER, 'a@example.test']);
    }, 60_000);
    afterAll(async () => db?.close());

    const rolledBack = async <T>(
      fn: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<T>,
    ) => {
      let out: T | undefined;
      await db
        .transaction(async (tx) => {
          out = await fn(tx);
          throw new Error('roll back');
        })
        .catch((e: Error) => {
          if (e.message !== 'roll back') throw e;
        });
      return out as T;
    };

    it('makes a task with its project and org, every check satisfied, and keeps the pinned owner', async () => {
      const made = await rolledBack(async (tx) => {
        const tasks = (await readTable(tx, 'public', 'tasks'))!;
        const { row } = await insertRow(tx, tasks, { owner_id: USER }, createRowContext({ seed: 7 }));
        const project = (
          await tx.query<Record<string, unknown>>(
            'select p.*, o.slug, o.plan from public.projects p join public.orgs o on o.id = p.org_id where p.id = $1',
            [row['project_id']],
          )
        ).rows[0]!;
        const counts = (
          await tx.query<{ orgs: number; projects: number }>(
            'select (select count(*)::int from public.orgs) as orgs, (select count(*)::int from public.projects) as projects',
          )
        ).rows[0]!;
        return { row, project, counts };
      });
      expect(made.row['owner_id']).toBe(USER);
      expect(made.row['note']).toBeNull();
      expect(made.counts).toEqual({ orgs: 1, projects: 1 });
      expect(made.project['slug']).toMatch(/^[a-z]{3,10}$/);
      expect(['free', 'team']).toContain(made.project['plan']);
      expect(String(made.project['title']).length).toBeGreaterThanOrEqual(5);
      expect(['draft', 'live', 'archived']).toContain(made.project['stage']);
      expect(Number(made.project['budget'])).toBeGreaterThanOrEqual(100);
      expect(Number(made.project['budget'])).toBeLessThanOrEqual(200);
      expect(new Date(String(made.project['ends_on'])) > new Date(String(made.project['starts_on']))).toBe(
        true,
      );
      expect((made.project['tags'] as unknown[]).length).toBeGreaterThan(0);
    });

    it('makes JSON of the kind a check asks for', async () => {
      const row = await rolledBack(async (tx) => {
        const documents = (await readTable(tx, 'public', 'documents'))!;
        return (await insertRow(tx, documents, {}, createRowContext({ seed: 5 }))).row;
      });
      expect([row['blocks'], row['meta']]).toEqual([[], {}]);
    });

    it('creates a pinned parent that does not exist yet, and reuses it the second time', async () => {
      const orgs = await rolledBack(async (tx) => {
        const projects = (await readTable(tx, 'public', 'projects'))!;
        const ctx = createRowContext({ seed: 3 });
        await insertRow(tx, projects, { org_id: ORG }, ctx);
        await insertRow(tx, projects, { org_id: ORG }, ctx);
        return (await tx.query<{ id: string }>('select id from public.orgs')).rows.map((r) => r.id);
      });
      expect(orgs).toEqual([ORG]);
    });

    it('names the missing user instead of making rows in auth', async () => {
      const error = await rolledBack(async (tx) => {
        const authored = (await readTable(tx, 'public', 'authored'))!;
        return insertRow(
          tx,
          authored,
          { author: '00000000-0000-4000-8000-0000000000ff' },
          createRowContext(),
        ).catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(RowError);
      expect((error as Error).message).toBe(
        'public.authored: auth.users has no row with id = 00000000-0000-4000-8000-0000000000ff (pinned on author); kodo makes no rows in auth, so create that user first',
      );
    });

    it('refuses a cycle of NOT NULL foreign keys with the path', async () => {
      const error = await rolledBack(async (tx) => {
        const a = (await readTable(tx, 'public', 'loop_a'))!;
        return insertRow(tx, a, {}, createRowContext()).catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(RowError);
      expect((error as Error).message).toBe(
        'public.loop_b: NOT NULL foreign keys form a cycle (public.loop_a → public.loop_b → public.loop_a), so kodo cannot make its parent rows',
      );
    });

    it('leaves nothing behind when the caller rolls back', async () => {
      const { rows } = await db.query<{ n: number }>(
        'select (select count(*) from public.orgs) + (select count(*) from public.projects) + (select count(*) from public.tasks) as n',
      );
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });
}
