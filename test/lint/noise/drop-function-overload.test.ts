// Noise seen on a real folder (issue 9, hivecom: 36 false errors): DROP FUNCTION f(old_type) dropped every
// overload of f with one argument, so the model lost the function just recreated on the new type, and every later
// policy calling it was reported as depending on a higher version. DROP FUNCTION now matches argument types.
import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'replay-order-dependency';
const files = (dropped: string) => ({
  '00100_perm.sql': `create type public.perm as enum ('read');
create table public.docs (id bigint primary key);
create function public.has_perm(p public.perm) returns boolean language sql set search_path = '' as $$ select true $$;`,
  '00200_recreate_perm.sql': `alter type public.perm rename to perm_old;
create type public.perm as enum ('read', 'write');
create or replace function public.has_perm(p perm) returns boolean language sql set search_path = '' as $$ select true $$;
drop function if exists public.has_perm(${dropped});`,
  '00300_policy.sql': `create policy docs_read on public.docs for select using (public.has_perm('read'));`,
  '00400_again.sql': `create or replace function public.has_perm(p public.perm) returns boolean language sql set search_path = '' as $$ select true $$;`,
});

describe('DROP FUNCTION drops the overload its argument types name', () => {
  it('dropping the overload on the renamed type keeps the one just recreated', async () => {
    await expectClean(files('public.perm_old'), RULE);
  });

  it('twin: dropping the overload on the new type leaves nothing, and the later policy is flagged', async () => {
    await expectFindings(files('public.perm'), RULE, [{ file: '00300_policy.sql', line: 1, column: 58 }]);
  });

  it('a RETURNS TABLE function dropped by its input types is gone (its output columns are not arguments)', async () => {
    const sql = (dropped: string) => ({
      '00100_fn.sql':
        'create function public.queue(p_user uuid, p_limit int default 20) returns table (id uuid, n int) language sql as $$ select null::uuid, 1 $$;',
      '00200_drop.sql': `drop function if exists public.queue(${dropped});`,
    });
    await expectClean(sql('uuid, int'), 'function-search-path-mutable');
    // twin: another signature leaves it in place, and still reported
    await expectFindings(sql('uuid'), 'function-search-path-mutable', [
      { file: '00100_fn.sql', line: 1, column: 1 },
    ]);
  });
});
