import { describe, expect, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'function-search-path-mutable';

describe(RULE, () => {
  it('flags a function without set search_path', async () => {
    await expectFindings(
      'select 1;\ncreate function public.add(a int, b int) returns int language sql as $$ select a + b $$;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            "Function public.add has no fixed search_path, so the caller's search_path decides what its unqualified names resolve to; add set search_path = '' and qualify the names it uses.",
        },
      ],
    );
  });

  it('names each overload and procedures', async () => {
    await expectFindings(
      `create function f(a int) returns int language sql as $$ select a $$;
create function f(a text) returns text language sql set search_path = '' as $$ select a $$;
create function f(a int, b int) returns int language sql as $$ select a $$;
create procedure p() language sql as $$ select 1 $$;`,
      RULE,
      [
        { line: 1, column: 1, message: expect.stringContaining('Function public.f(integer) has no') },
        {
          line: 3,
          column: 1,
          message: expect.stringContaining('Function public.f(integer, integer) has no'),
        },
        { line: 4, column: 1, message: expect.stringContaining('Procedure public.p has no') },
      ],
    );
  });

  it('accepts any fixed search_path, including one set by a later ALTER FUNCTION', async () => {
    await expectClean(
      {
        '00001_a.sql': `create function a() returns int language sql set search_path = '' as $$ select 1 $$;
create function b() returns int language sql set search_path = public, extensions as $$ select 1 $$;
create function c() returns int language sql set search_path from current as $$ select 1 $$;
create function d() returns int language sql as $$ select 1 $$;`,
        '00002_b.sql': "alter function d() set search_path = '';",
      },
      RULE,
    );
  });

  it('accepts a function replaced with a fixed search_path, or dropped', async () => {
    await expectClean(
      {
        '00001_a.sql':
          'create function a() returns int language sql as $$ select 1 $$;\ncreate function b() returns int language sql as $$ select 1 $$;',
        '00002_b.sql':
          "create or replace function a() returns int language sql set search_path = '' as $$ select 1 $$;\ndrop function b();",
      },
      RULE,
    );
  });

  it('skips Supabase-managed schemas and platform functions', async () => {
    await expectClean(
      'create function auth.custom_claim() returns jsonb language sql as $$ select null::jsonb $$;\ncreate function extensions.helper() returns int language sql as $$ select 1 $$;',
      RULE,
    );
  });
});
