import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'adding-serial-primary-key-field';

describe(RULE, () => {
  it('flags ADD PRIMARY KEY on an existing table, at the constraint', async () => {
    await expectFindings(
      {
        '00001_items.sql': 'create table public.items (id bigint not null, name text);',
        '00002_key.sql': 'alter table public.items\n  add constraint items_pkey primary key (id);',
      },
      RULE,
      [
        {
          file: '00002_key.sql',
          line: 2,
          column: 7,
          message:
            'Adding a primary key (id) to public.items builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes; create a unique index CONCURRENTLY in its own migration, then add the key with PRIMARY KEY USING INDEX.',
        },
      ],
    );
  });

  it('flags a serial primary key column added to a table no migration created', async () => {
    await expectFindings('alter table items add column id bigserial primary key;', RULE, [
      {
        line: 1,
        column: 43,
        message:
          "Adding column id to public.items as its primary key builds the key's index under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, fill it, create a unique index CONCURRENTLY in its own migration, then add the key with PRIMARY KEY USING INDEX.",
      },
    ]);
  });

  it('accepts PRIMARY KEY USING INDEX after a concurrent index build', async () => {
    await expectClean(
      {
        '00001_items.sql': 'create table items (id bigint not null);',
        '00002_index.sql': 'create unique index concurrently items_id_idx on items (id);',
        '00003_key.sql': 'alter table items add constraint items_pkey primary key using index items_id_idx;',
      },
      RULE,
    );
  });

  it('exempts tables created in the same transaction, temporary tables and ALTER TABLE IF EXISTS', async () => {
    await expectClean(
      `create table items (id bigint not null);
alter table items add primary key (id);
create temporary table scratch (n int);
alter table scratch add column id bigserial primary key;
alter table if exists ghosts add primary key (id);`,
      RULE,
    );
  });

  it('exempts ADD COLUMN IF NOT EXISTS of a column that exists', async () => {
    await expectClean(
      {
        '00001_items.sql': 'create table items (id bigint primary key);',
        '00002_again.sql': 'alter table items add column if not exists id bigint primary key;',
      },
      RULE,
    );
  });
});
