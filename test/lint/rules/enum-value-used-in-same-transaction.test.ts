import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'enum-value-used-in-same-transaction';

const BASE = {
  '00001_orders.sql': `create type public.status as enum ('open', 'cancelled');
create table public.orders (id bigint primary key, status public.status not null default 'open', tags public.status[], note text);`,
};

const message = (value: string, line: number) =>
  `Value '${value}' was added to enum public.status in this same transaction (line ${line}), and Postgres cannot use it until that commits (55P04 unsafe use of new value); use it in a later migration file.`;

describe(RULE, () => {
  it('flags an UPDATE that writes the new value in the same file, at the literal', async () => {
    await expectFindings(
      {
        ...BASE,
        '00002_archive.sql': `alter type public.status add value 'archived';
update public.orders set status = 'archived' where status = 'cancelled';`,
      },
      RULE,
      [{ file: '00002_archive.sql', line: 2, column: 35, message: message('archived', 1) }],
    );
  });

  it('flags comparisons, IN lists, array literals, casts and enum_range()', async () => {
    await expectFindings(
      {
        ...BASE,
        '00002_archive.sql': `alter type status add value 'archived';
select 1 from orders o where o.status in ('open', 'archived') or status <> 'archived';
select 1 from orders where tags @> '{open,archived}' or status = any('{archived}');
select 'archived'::status, cast('archived' as public.status);
select enum_range(null::status);`,
      },
      RULE,
      [
        { file: '00002_archive.sql', line: 2, column: 51 },
        { file: '00002_archive.sql', line: 2, column: 76 },
        { file: '00002_archive.sql', line: 3, column: 36 },
        { file: '00002_archive.sql', line: 3, column: 70 },
        { file: '00002_archive.sql', line: 4, column: 8 },
        { file: '00002_archive.sql', line: 4, column: 33 },
        {
          file: '00002_archive.sql',
          line: 5,
          column: 8,
          message:
            "Calling enum_range() on enum public.status reads 'archived', which was added in this same transaction (line 1) and cannot be used until that commits (55P04); call it in a later migration file.",
        },
      ],
    );
  });

  it('flags defaults, CHECK constraints, INSERT values, policies and index predicates', async () => {
    await expectFindings(
      {
        ...BASE,
        '00002_archive.sql': `alter type status add value 'archived';
create table archive (s status default 'archived', check (s <> 'archived'));
alter table orders alter column status set default 'archived';
alter table orders add column prev status default 'archived';
insert into orders (id, status) values (1, 'archived') on conflict (id) do update set status = 'archived';
insert into orders values (2, 'archived', '{archived}');
create policy hide_archived on orders using (status <> 'archived');
create index orders_archived_idx on orders (id) where status = 'archived';`,
      },
      RULE,
      [
        { file: '00002_archive.sql', line: 2, column: 40 },
        { file: '00002_archive.sql', line: 2, column: 64 },
        { file: '00002_archive.sql', line: 3, column: 52 },
        { file: '00002_archive.sql', line: 4, column: 51 },
        { file: '00002_archive.sql', line: 5, column: 44 },
        { file: '00002_archive.sql', line: 5, column: 96 },
        { file: '00002_archive.sql', line: 6, column: 31 },
        { file: '00002_archive.sql', line: 6, column: 43 },
        { file: '00002_archive.sql', line: 7, column: 56 },
        { file: '00002_archive.sql', line: 8, column: 64 },
      ],
    );
  });

  it('follows a new value through RENAME VALUE', async () => {
    await expectFindings(
      {
        ...BASE,
        '00002_archive.sql': `alter type status add value 'archived';
alter type status rename value 'archived' to 'closed';
update orders set status = 'closed' where id = 1;`,
      },
      RULE,
      [{ file: '00002_archive.sql', line: 3, column: 28, message: message('closed', 1) }],
    );
  });

  it('flags a value added to a type created in the same transaction on Postgres 15', async () => {
    await expectFindings(
      "create type mood as enum ('ok');\nalter type mood add value 'meh';\ncreate table feelings (m mood default 'meh');",
      RULE,
      [
        {
          line: 3,
          column: 39,
          message:
            "Value 'meh' was added to enum public.mood in this same transaction (line 2), and Postgres cannot use it until that commits (55P04 unsafe use of new value); use it in a later migration file.",
        },
      ],
    );
  });

  it('flags uses inside an explicit BEGIN … COMMIT when files are not wrapped', async () => {
    await expectFindings(
      {
        ...BASE,
        '00002_archive.sql':
          "begin;\nalter type status add value 'archived';\nupdate orders set status = 'archived' where id = 1;\ncommit;",
      },
      RULE,
      [{ file: '00002_archive.sql', line: 3, column: 28 }],
      { settings: { assumeInTransaction: false } },
    );
  });

  it('accepts the value used in a later migration file', async () => {
    await expectClean(
      {
        ...BASE,
        '00002_add.sql': "alter type status add value 'archived';",
        '00003_use.sql': "update orders set status = 'archived' where status = 'cancelled';",
      },
      RULE,
    );
  });

  it('accepts older values, text comparisons and other types that share the label', async () => {
    await expectClean(
      {
        ...BASE,
        '00002_archive.sql': `create type other as enum ('archived');
alter type status add value 'archived';
update orders set status = 'cancelled', note = 'archived' where status = 'open' and status::text <> 'archived';
create table x (o other default 'archived');
select 'open'::status;`,
      },
      RULE,
    );
  });

  it('accepts PL/pgSQL bodies, which run later, and uses after a COMMIT', async () => {
    await expectClean(
      {
        ...BASE,
        '00002_archive.sql': `alter type status add value 'archived';
create function archive_all() returns void language plpgsql as $$
begin
  update orders set status = 'archived';
end
$$;
commit;
update orders set status = 'archived' where id = 1;`,
      },
      RULE,
    );
  });

  it('accepts a type created and extended in the same transaction on Postgres 17', async () => {
    await expectClean(
      "create type mood as enum ('ok');\nalter type mood add value 'meh';\ncreate table feelings (m mood default 'meh');",
      RULE,
      { settings: { pgVersion: 17 } },
    );
  });

  it('accepts statements that each run in their own transaction', async () => {
    await expectClean(
      {
        ...BASE,
        '00002_archive.sql':
          "alter type status add value 'archived';\nupdate orders set status = 'archived' where id = 1;",
      },
      RULE,
      { settings: { assumeInTransaction: false } },
    );
  });
});
