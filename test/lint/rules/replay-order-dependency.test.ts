import { describe, expect, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'replay-order-dependency';

describe(RULE, () => {
  it('flags a foreign key to a table only a higher version creates, at the reference', async () => {
    await expectFindings(
      {
        '00100_node_invoices.sql':
          'create table public.invoices (\n  id bigint primary key,\n  customer_id bigint references public.customers (id)\n);',
        '00200_python_customers.sql': 'create table public.customers (id bigint primary key);',
      },
      RULE,
      [
        {
          file: '00100_node_invoices.sql',
          line: 3,
          column: 33,
          message:
            'Table public.customers does not exist yet when 00100_node_invoices.sql runs in version order: only 00200_python_customers.sql, a higher version, creates it, so a fresh replay fails here; move this statement to a migration after 00200_python_customers.sql or create the object earlier.',
        },
      ],
    );
  });

  it('flags indexes, policies, views, types, function calls and trigger functions, naming the first creator', async () => {
    await expectFindings(
      {
        '00100_node_a.sql': `create table public.tickets (id bigint primary key, status public.ticket_status default 'open');
create index on public.events (name);
create policy p on public.tickets using (public.is_member(id));
create view public.v with (security_invoker = on) as select * from events;
create trigger t before update on public.tickets for each row execute function public.touch();
comment on table public.events is 'Events.';`,
        '00200_python_b.sql': `create type public.ticket_status as enum ('open', 'closed');
create table if not exists public.events (id bigint primary key, name text);
create function public.is_member(bigint) returns boolean language sql set search_path = '' as $$ select true $$;`,
        '00300_rust_c.sql': `create table if not exists public.events (id bigint primary key, name text);
create function public.touch() returns trigger language plpgsql set search_path = '' as $$ begin return new; end $$;`,
      },
      RULE,
      [
        {
          file: '00100_node_a.sql',
          line: 1,
          column: 60,
          message:
            'Type public.ticket_status does not exist yet when 00100_node_a.sql runs in version order: only 00200_python_b.sql, a higher version, creates it, so a fresh replay fails here; move this statement to a migration after 00200_python_b.sql or create the object earlier.',
        },
        { file: '00100_node_a.sql', line: 2, column: 17 },
        {
          file: '00100_node_a.sql',
          line: 3,
          column: 42,
          message: expect.stringContaining('Function public.is_member does not exist yet'),
        },
        {
          file: '00100_node_a.sql',
          line: 4,
          column: 68,
          message: expect.stringContaining('only 00200_python_b.sql, a higher version, creates it'),
        },
        {
          file: '00100_node_a.sql',
          line: 5,
          column: 80,
          message: expect.stringContaining('only 00300_rust_c.sql, a higher version'),
        },
        { file: '00100_node_a.sql', line: 6, column: 18 },
      ],
    );
  });

  it('checks the bodies of language sql functions', async () => {
    await expectFindings(
      {
        '00001_functions.sql':
          "create function public.org_ids() returns setof uuid language sql stable set search_path = ''\nas $$\n  select organization_id from public.profiles where user_id = (select auth.uid())\n$$;",
        '00100_node_profiles.sql': 'create table public.profiles (organization_id uuid, user_id uuid);',
      },
      RULE,
      [{ file: '00001_functions.sql', line: 3, column: 31 }],
    );
  });

  it('accepts objects created by an earlier version', async () => {
    await expectClean(
      {
        '00100_node_a.sql':
          "create table public.customers (id bigint primary key);\ncreate type public.status as enum ('a');\ncreate function public.f() returns int language sql as $$ select 1 $$;",
        '00200_python_b.sql':
          'create table public.invoices (id bigint primary key, c bigint references public.customers (id), s public.status default public.f()::text::public.status);',
      },
      RULE,
    );
  });

  it('leaves forward references inside one file and IF EXISTS forms alone', async () => {
    await expectClean(
      {
        '00100_node_a.sql':
          'create index on public.items (id);\ncreate table public.items (id int primary key);\ndrop view if exists public.report;\nalter table if exists public.audit add column note text;',
        '00200_python_b.sql':
          'create view public.report as select 1 as one;\ncreate table public.audit (id int primary key);',
      },
      RULE,
    );
  });

  it('skips PL/pgSQL bodies, bodies with check_function_bodies off, CTE names and objects named alike in other schemas', async () => {
    await expectClean(
      {
        '00100_node_a.sql': `create function public.count_orders() returns bigint language plpgsql as $$
begin
  return (select count(*) from public.orders);
end $$;
set check_function_bodies = off;
create function public.orders_total() returns numeric language sql as $$ select sum(total) from public.orders $$;
with orders as (select 1 as id) select * from orders;
create table private_orders (id int primary key);
select * from other.orders;`,
        '00200_python_b.sql': 'create table public.orders (id int primary key, total numeric);',
      },
      RULE,
    );
  });
});
