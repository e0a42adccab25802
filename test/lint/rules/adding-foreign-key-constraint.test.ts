import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'adding-foreign-key-constraint';
const TABLES = `create table public.users (id bigint primary key);
create table public.orders (id bigint primary key, user_id bigint);`;

describe(RULE, () => {
  it('flags ADD CONSTRAINT … FOREIGN KEY on an existing table, at the constraint', async () => {
    await expectFindings(
      {
        '00001_tables.sql': TABLES,
        '00002_fk.sql':
          'alter table public.orders\n  add constraint orders_user_id_fkey foreign key (user_id) references public.users (id);',
      },
      RULE,
      [
        {
          file: '00002_fk.sql',
          line: 2,
          column: 7,
          message:
            'Foreign key public.orders(user_id) → public.users checks every existing row while blocking writes to both tables; add it NOT VALID and run VALIDATE CONSTRAINT in a later migration.',
        },
      ],
    );
  });

  it('flags a column added with REFERENCES, on a table no migration created', async () => {
    await expectFindings(
      'alter table orders add column user_id bigint references users on delete cascade;',
      RULE,
      [
        {
          line: 1,
          column: 46,
          message:
            'Adding column user_id to public.orders with a foreign key to public.users checks every existing row under an ACCESS EXCLUSIVE lock and blocks writes to public.users; add the column first, then the foreign key NOT VALID, and VALIDATE it in a later migration.',
        },
      ],
    );
  });

  it('flags each foreign key of a multi-action ALTER TABLE', async () => {
    await expectFindings(
      'alter table orders\n  add foreign key (user_id) references users,\n  add foreign key (shop_id) references shops not valid,\n  add foreign key (org_id) references orgs;',
      RULE,
      [
        { line: 2, column: 7 },
        { line: 4, column: 7 },
      ],
    );
  });

  it('accepts NOT VALID followed by VALIDATE CONSTRAINT', async () => {
    await expectClean(
      {
        '00001_tables.sql': TABLES,
        '00002_fk.sql':
          'alter table orders add constraint orders_user_id_fkey foreign key (user_id) references users not valid;',
        '00003_validate.sql': 'alter table orders validate constraint orders_user_id_fkey;',
      },
      RULE,
    );
  });

  it('exempts tables created in the same transaction and foreign keys inside CREATE TABLE', async () => {
    await expectClean(
      `${TABLES}
alter table orders add constraint orders_user_id_fkey foreign key (user_id) references users;
alter table orders add column buyer_id bigint references users;
create table public.items (id bigint primary key, order_id bigint references orders);`,
      RULE,
    );
  });

  it('exempts temporary tables, ALTER TABLE IF EXISTS of an unknown table and existing IF NOT EXISTS columns', async () => {
    await expectClean(
      {
        '00001_tables.sql': TABLES,
        '00002_more.sql': `create temporary table scratch (user_id bigint);
alter table scratch add foreign key (user_id) references users;
alter table if exists ghosts add foreign key (user_id) references users;
alter table orders add column if not exists user_id bigint references users;`,
      },
      RULE,
    );
  });
});
