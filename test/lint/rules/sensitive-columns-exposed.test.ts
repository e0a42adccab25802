import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'sensitive-columns-exposed';

describe(RULE, () => {
  it('flags an exposed table without RLS that has an api_key column, at the column', async () => {
    await expectFindings(
      'create table public.integrations (\n  id bigint primary key,\n  api_key text not null\n);',
      RULE,
      [
        {
          line: 3,
          column: 3,
          message:
            'Table public.integrations is readable through the Data API without row level security and has sensitive column api_key; enable row level security with policies or move it out of the exposed schema.',
        },
      ],
    );
  });

  it('lists every sensitive column, including ones added later and quoted names with dashes', async () => {
    await expectFindings(
      {
        '00001_a.sql':
          'create table public.users_private (id bigint primary key, "Credit-Card" text, email text);',
        '00002_b.sql': 'alter table public.users_private add column password text, add column ssn text;',
      },
      RULE,
      [
        {
          file: '00001_a.sql',
          line: 1,
          column: 59,
          message:
            'Table public.users_private is readable through the Data API without row level security and has sensitive columns "Credit-Card", password, ssn; enable row level security with policies or move them out of the exposed schema.',
        },
      ],
    );
  });

  it('accepts RLS enabled later, revoked privileges and private schemas', async () => {
    await expectClean(
      {
        '00001_a.sql': `create table public.a (id int primary key, token text);
create table public.b (id int primary key, secret text);
create schema private;
create table private.c (id int primary key, password text);`,
        '00002_b.sql':
          'alter table public.a enable row level security;\nrevoke select on public.b from anon, authenticated;',
      },
      RULE,
    );
  });

  it('does not flag names that only contain a sensitive word', async () => {
    await expectClean(
      'create table public.t (id int primary key, password_hint text, token_count int, tokenizer text);',
      RULE,
    );
  });
});
