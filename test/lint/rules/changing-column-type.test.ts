import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'changing-column-type';
const TABLE = `create table public.orders (
  id integer primary key,
  code varchar(20),
  label text,
  amount numeric(10, 2),
  placed_at timestamp(3),
  tags varchar(10)[],
  flag char(2),
  network cidr
);`;

describe(RULE, () => {
  it('flags a type change that rewrites an existing table, at the column', async () => {
    await expectFindings(
      {
        '00001_orders.sql': TABLE,
        '00002_bigint.sql': 'alter table public.orders\n  alter column id type bigint;',
      },
      RULE,
      [
        {
          file: '00002_bigint.sql',
          line: 2,
          column: 16,
          message:
            'Changing the type of id on public.orders from integer to bigint rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes; add a new column, backfill it in batches and switch over instead.',
        },
      ],
    );
  });

  it('flags narrowing, scale changes, arrays, char, USING and collation changes', async () => {
    await expectFindings(
      {
        '00001_orders.sql': TABLE,
        '00002_types.sql': `alter table orders alter column code type varchar(10);
alter table orders alter column label type varchar(50);
alter table orders alter column amount type numeric(12, 3);
alter table orders alter column tags type varchar(20)[];
alter table orders alter column flag type char(4);
alter table orders alter column code type text using trim(code);
alter table orders alter column label type text collate "C";
alter table orders alter column placed_at type timestamp(0);`,
      },
      RULE,
      [1, 2, 3, 4, 5, 6, 7, 8].map((line) => ({ file: '00002_types.sql', line, column: 33 })),
    );
  });

  it('names only the new type when the column is unknown', async () => {
    await expectFindings('alter table invoices alter column total type numeric(12, 2);', RULE, [
      {
        line: 1,
        column: 35,
        message:
          'Changing the type of total on public.invoices to numeric(12, 2) rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes; add a new column, backfill it in batches and switch over instead.',
      },
    ]);
  });

  it('accepts binary-compatible changes that need no rewrite', async () => {
    await expectClean(
      {
        '00001_orders.sql': TABLE,
        '00002_widen.sql': `alter table orders alter column code type varchar(40);
alter table orders alter column code type varchar;
alter table orders alter column code type text using code::text;
alter table orders alter column label type varchar;
alter table orders alter column amount type numeric(14, 2);
alter table orders alter column amount type numeric;
alter table orders alter column placed_at type timestamp(6);
alter table orders alter column placed_at type timestamptz;
alter table orders alter column network type inet;
alter table orders alter column id type int4;`,
      },
      RULE,
    );
  });

  it('flags timestamp ↔ timestamptz before Postgres 12', async () => {
    await expectFindings(
      {
        '00001_orders.sql': TABLE,
        '00002_tz.sql': 'alter table orders alter column placed_at type timestamptz(3);',
      },
      RULE,
      [{ file: '00002_tz.sql', line: 1, column: 33 }],
      { settings: { pgVersion: 11 } },
    );
  });

  it('exempts tables created in the same transaction, temporary tables and ALTER TABLE IF EXISTS', async () => {
    await expectClean(
      `${TABLE}
alter table orders alter column id type bigint;
create temporary table scratch (n int);
alter table scratch alter column n type bigint;
alter table if exists ghosts alter column n type bigint;`,
      RULE,
    );
  });

  it('leaves Supabase platform tables alone', async () => {
    await expectClean('alter table auth.users alter column email type varchar(10);', RULE);
  });
});
