import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'constraint-missing-not-valid';
const TABLES = `create table public.users (id bigint primary key);
create table public.accounts (id bigint primary key, user_id bigint, balance numeric);`;

describe(RULE, () => {
  it('flags a CHECK added to an existing table without NOT VALID, at the constraint', async () => {
    await expectFindings(
      {
        '00001_tables.sql': TABLES,
        '00002_check.sql':
          'alter table public.accounts\n  add constraint positive_balance check (balance >= 0);',
      },
      RULE,
      [
        {
          file: '00002_check.sql',
          line: 2,
          column: 7,
          message:
            'Check constraint positive_balance on public.accounts is verified against every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add it NOT VALID and run VALIDATE CONSTRAINT in a later migration.',
        },
      ],
    );
  });

  it('flags an unnamed CHECK on a table no migration created', async () => {
    await expectFindings('alter table accounts add check (balance >= 0);', RULE, [
      {
        line: 1,
        column: 26,
        message:
          'Check constraint on public.accounts is verified against every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add it NOT VALID and run VALIDATE CONSTRAINT in a later migration.',
      },
    ]);
  });

  it('flags VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID', async () => {
    await expectFindings(
      {
        '00001_tables.sql': TABLES,
        '00002_fk.sql': `alter table accounts add constraint accounts_user_id_fkey foreign key (user_id) references users not valid;
alter table accounts validate constraint accounts_user_id_fkey;`,
      },
      RULE,
      [
        {
          file: '00002_fk.sql',
          line: 2,
          column: 1,
          message:
            'Constraint accounts_user_id_fkey on public.accounts is validated in the transaction that added it NOT VALID, so the lock taken to add it is held while every row is checked; run VALIDATE CONSTRAINT in a later migration.',
        },
      ],
    );
  });

  it('flags both steps in one statement on a table no migration created', async () => {
    await expectFindings(
      'alter table accounts add constraint positive check (balance >= 0) not valid, validate constraint positive;',
      RULE,
      [{ line: 1, column: 1 }],
    );
  });

  it('accepts NOT VALID with VALIDATE in a later migration or after COMMIT', async () => {
    await expectClean(
      {
        '00001_tables.sql': TABLES,
        '00002_check.sql': 'alter table accounts add constraint positive check (balance >= 0) not valid;',
        '00003_validate.sql': 'alter table accounts validate constraint positive;',
        '00004_again.sql': `begin;
alter table accounts add constraint small check (balance < 1e9) not valid;
commit;
alter table accounts validate constraint small;`,
      },
      RULE,
    );
  });

  it('leaves foreign keys, UNIQUE and PRIMARY KEY to their own rules', async () => {
    await expectClean(
      {
        '00001_tables.sql': TABLES,
        '00002_more.sql': `alter table accounts add foreign key (user_id) references users;
alter table accounts add constraint accounts_user_key unique (user_id);`,
      },
      RULE,
    );
  });

  it('exempts tables created in the same transaction, temporary tables and ALTER TABLE IF EXISTS', async () => {
    await expectClean(
      `${TABLES}
alter table accounts add constraint positive check (balance >= 0);
alter table accounts add constraint small check (balance < 1e9) not valid;
alter table accounts validate constraint small;
create temporary table scratch (n int);
alter table scratch add check (n > 0);
alter table if exists ghosts add check (n > 0);`,
      RULE,
    );
  });
});
