import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { compareFingerprints, rowFingerprints } from '../../src/squash/fingerprint.js';
import { TARGETS } from '../db/targets.js';

const SCHEMA = `
create type public.tier as enum ('free', 'pro');
create table public.plans (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  tier public.tier not null,
  price numeric,
  created_at timestamptz not null default now(),
  seen_at timestamptz default timezone('utc'::text, now())
);
create table public.subscriptions (
  n serial primary key,
  plan_id uuid not null references public.plans (id),
  email text not null
);
create table public.events (id bigint generated always as identity, at date not null, what text)
  partition by range (at);
create table public.events_2024 partition of public.events for values from ('2024-01-01') to ('2025-01-01');
create table public.events_2025 partition of public.events for values from ('2025-01-01') to ('2026-01-01');
create sequence public.counter;
`;

const PLANS_FORWARD = `insert into public.plans (name, tier, price) values ('free', 'free', 0), ('pro', 'pro', 10);`;
const PLANS_BACKWARD = `insert into public.plans (name, tier, price) values ('pro', 'pro', 10), ('free', 'free', 0);`;
const REST = `
insert into public.subscriptions (plan_id, email) select id, 'a@x.test' from public.plans where name = 'pro';
insert into public.events (at, what) values ('2024-05-01', 'signup'), ('2025-02-01', 'upgrade');
insert into storage.buckets (id, name, public, allowed_mime_types) values ('avatars', 'avatars', true, '{image/png}');
select vault.create_secret('s3cr3t', 'api_key', 'the API key');
select nextval('public.counter');
`;

describe.each(TARGETS)('rowFingerprints on $name', (target) => {
  const open: Database[] = [];
  afterAll(async () => {
    await Promise.all(open.map((db) => db.close()));
  });

  async function seeded(sql: string): Promise<Database> {
    const db = await target.open();
    open.push(db);
    await db.exec(SCHEMA + sql);
    return db;
  }

  it.skipIf(target.skip)(
    'covers user tables (partitioned ones whole), platform tables and sequences',
    async () => {
      const db = await seeded(PLANS_FORWARD + REST);
      const prints = await rowFingerprints(db);
      const summary = [...prints.values()].map((p) => [p.table, p.rows, p.skipped]);
      expect(summary).toEqual([
        ['public.events', 2, []],
        ['public.plans', 2, ['id', 'created_at', 'seen_at']],
        ['public.subscriptions', 1, ['plan_id']],
        ['storage.buckets', 1, []],
        ['vault.secrets', 1, []],
        ['sequence public.counter', 1, []],
        ['sequence of public.events.id', 1, []],
        ['sequence public.subscriptions_n_seq', 1, []],
      ]);
      expect(prints.get('sequence public.counter')?.hash).toBe('1 true');
      expect(prints.get('sequence public.subscriptions_n_seq')?.hash).toBe('1 true');
    },
  );

  it.skipIf(target.skip)(
    'compares equal for the same rows inserted in another order, with random ids and timestamps',
    async () => {
      const a = await seeded(PLANS_FORWARD + REST);
      const b = await seeded(PLANS_BACKWARD + REST);
      expect(compareFingerprints(await rowFingerprints(a), await rowFingerprints(b))).toEqual([]);
    },
  );

  it.skipIf(target.skip)('names each table and sequence that differs', async () => {
    const a = await seeded(PLANS_FORWARD + REST);
    const b = await seeded(
      `${PLANS_FORWARD + REST}
       update public.plans set price = 12 where name = 'pro';
       delete from public.events where what = 'upgrade';
       update storage.buckets set public = false;
       select nextval('public.counter');
       create table public.extra (a int);`,
    );
    expect(compareFingerprints(await rowFingerprints(a), await rowFingerprints(b))).toEqual([
      'public.events: 2 rows vs 1 rows',
      'public.extra: only in the second database',
      'public.plans: same 2 rows count, different values',
      'sequence public.counter: at 1 (called) vs 2 (called)',
      'storage.buckets: same 1 rows count, different values',
    ]);
  });

  it.skipIf(target.skip)('reads extra tables whole and only when they exist', async () => {
    const db = await seeded(
      `insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000001', 'a@x.test');`,
    );
    const prints = await rowFingerprints(db, ['auth.users', 'nowhere.missing']);
    expect(prints.get('auth.users')?.rows).toBe(1);
    expect(prints.has('nowhere.missing')).toBe(false);
  });
});

describe('rowFingerprints of cron jobs (PGlite: the embedded database has the pg_cron stand-in)', () => {
  it('compares the job name, schedule, command and active flag, not the job id', async () => {
    const pglite = TARGETS.find((t) => t.engine === 'pglite')!;
    const [a, b] = [await pglite.open(), await pglite.open()];
    try {
      await a.exec(`create extension pg_cron;
        select cron.schedule('other', '0 4 * * *', 'select 2'); select cron.unschedule('other');
        select cron.schedule('nightly', '0 3 * * *', 'delete from public.logs');`);
      await b.exec(
        `create extension pg_cron; select cron.schedule('nightly', '0 3 * * *', 'delete from public.logs');`,
      );
      expect(compareFingerprints(await rowFingerprints(a), await rowFingerprints(b))).toEqual([]);
      await b.exec(`select cron.schedule('nightly', '0 5 * * *', 'delete from public.logs');`);
      expect(compareFingerprints(await rowFingerprints(a), await rowFingerprints(b))).toEqual([
        'cron.job: same 1 rows count, different values',
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
