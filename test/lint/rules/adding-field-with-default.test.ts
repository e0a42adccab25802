import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'adding-field-with-default';
const TABLE = 'create table public.orders (id bigint primary key, total numeric);';

describe(RULE, () => {
  it('flags a volatile default on a table created by an earlier migration, at the default', async () => {
    await expectFindings(
      {
        '00001_create.sql': TABLE,
        '00002_token.sql': 'alter table public.orders\n  add column token uuid default gen_random_uuid();',
      },
      RULE,
      [
        {
          file: '00002_token.sql',
          line: 2,
          column: 33,
          message:
            'Adding column token to public.orders with the volatile default gen_random_uuid() rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column without a default, set the default in a second statement and backfill existing rows in batches.',
        },
      ],
    );
  });

  it('flags volatile calls inside an expression and on a table no migration created', async () => {
    await expectFindings(
      'alter table orders add column bucket int not null default (random() * 100)::int;',
      RULE,
      [
        {
          line: 1,
          column: 60,
          message:
            'Adding column bucket to public.orders with the volatile default random() rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column without a default, set the default in a second statement and backfill existing rows in batches.',
        },
      ],
    );
  });

  it('flags stored generated, identity and serial columns', async () => {
    await expectFindings(
      `alter table orders add column doubled numeric generated always as (total * 2) stored;
alter table orders add column seq bigint generated always as identity, add column n bigserial;`,
      RULE,
      [
        {
          line: 1,
          column: 47,
          message:
            'Adding column doubled to public.orders as a stored generated column rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; add a plain nullable column, keep it up to date with a trigger and backfill existing rows in batches.',
        },
        {
          line: 2,
          column: 42,
          message:
            'Adding column seq to public.orders as an identity column rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; add a nullable bigint column, backfill it in batches, then attach the identity or sequence default.',
        },
        { line: 2, column: 85 },
      ],
    );
  });

  it('uses the volatility of functions the migrations created', async () => {
    await expectFindings(
      {
        '00001_create.sql': `${TABLE}
create function public.next_code() returns text language sql as $$ select 'x' $$;
create function public.tenant() returns uuid language sql stable as $$ select null::uuid $$;`,
        '00002_code.sql': `alter table orders add column code text default next_code();
alter table orders add column tenant uuid default tenant();`,
      },
      RULE,
      [{ file: '00002_code.sql', line: 1, column: 49 }],
    );
  });

  it('flags any default before Postgres 11', async () => {
    await expectFindings('alter table orders add column n int default 0;', RULE, [{ line: 1, column: 45 }], {
      settings: { pgVersion: 10 },
    });
  });

  it('accepts constant and non-volatile defaults on Postgres 11+', async () => {
    await expectClean(
      `alter table orders add column status text not null default 'new';
alter table orders add column meta jsonb not null default '{}'::jsonb;
alter table orders add column created_at timestamptz not null default now();
alter table orders add column due_at timestamptz default current_timestamp + interval '7 days';
alter table orders add column owner uuid default auth.uid();
alter table orders add column note text default null;
alter table orders add column plain text;`,
      RULE,
    );
  });

  it('accepts setting a volatile default on an existing column (no rewrite)', async () => {
    await expectClean("alter table orders alter column id set default nextval('orders_id_seq');", RULE);
  });

  it('exempts tables created in the same transaction, temporary tables and ALTER TABLE IF EXISTS', async () => {
    await expectClean(
      `create table public.items (id bigint primary key);
alter table public.items add column token uuid default gen_random_uuid();
create temporary table scratch (id int);
alter table scratch add column n bigserial;
alter table if exists ghosts add column token uuid default gen_random_uuid();`,
      RULE,
    );
  });

  it('exempts ADD COLUMN IF NOT EXISTS of a column that already exists', async () => {
    await expectClean(
      {
        '00001_create.sql': 'create table t (id bigint primary key, token uuid);',
        '00002_again.sql': 'alter table t add column if not exists token uuid default gen_random_uuid();',
      },
      RULE,
    );
  });

  it('checks tables created in an earlier transaction of the same file', async () => {
    await expectFindings(
      'begin;\ncreate table t (id bigint primary key);\ncommit;\nalter table t add column token uuid default gen_random_uuid();',
      RULE,
      [{ line: 4, column: 45 }],
    );
  });

  it('leaves Supabase platform tables alone', async () => {
    await expectClean('alter table storage.objects add column token uuid default gen_random_uuid();', RULE);
  });
});
