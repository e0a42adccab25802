// `kodo check --rls`: the check also runs the access diff of the new migrations; a leak they leave open fails
// the check and its verdict says so, in process and as the CLI prints it.
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { checkVerdict } from '../../src/apply/verdicts.js';
import { runKodo } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const NOTES = `create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id), body text not null);
comment on table public.notes is 'Private notes.';
alter table public.notes enable row level security;
create policy notes_select on public.notes for select to authenticated using (user_id = (select auth.uid()));
`;
const M = 'supabase/migrations';

describe('kodo check --rls', { timeout: 120_000 }, () => {
  it('fails on a leak the newest file opens, and names it', async () => {
    const root = await makeFiles({
      [`${M}/20250101000000_notes.sql`]: NOTES,
      [`${M}/20250102000000_read_all.sql`]:
        'create policy notes_read_all on public.notes for select to authenticated using (true);\n',
    });
    const result = await checkMigrations({ root, rls: true });
    expect(result.ok).toBe(false);
    expect(result.rls?.files).toEqual([`${M}/20250102000000_read_all.sql`]);
    expect(result.rls?.open.map((c) => [c.table, c.persona, c.operation, c.policy])).toEqual([
      ['public.notes', 'authenticated', 'select', 'notes_read_all'],
    ]);
    expect(checkVerdict(result)).toBe('failed: 1 RLS leak(s) opened by the new migrations.');
  });

  it('passes when the new file changes no access, and without --rls runs no diff', async () => {
    const root = await makeFiles({
      [`${M}/20250101000000_notes.sql`]: NOTES,
      [`${M}/20250102000000_index.sql`]: 'create index notes_user_id_idx on public.notes (user_id);\n',
    });
    const result = await checkMigrations({ root, rls: true });
    expect(result.rls).toMatchObject({ changes: [], open: [] });
    expect(checkVerdict(result)).toMatch(/; the RLS access diff of 1 file\(s\) opens no leak\.$/);
    expect((await checkMigrations({ root })).rls).toBeNull();
  });

  it('prints the diff and exits 1 from the CLI', async () => {
    const root = await makeFiles({
      [`${M}/20250101000000_notes.sql`]: NOTES,
      [`${M}/20250102000000_read_all.sql`]:
        'create policy notes_read_all on public.notes for select to authenticated using (true);\n',
    });
    const run = await runKodo(['check', '--rls', '--cwd', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `LEAK ${M}/20250102000000_read_all.sql: authenticated can now read other users' rows in public.notes, via policy notes_read_all`,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe('failed: 1 RLS leak(s) opened by the new migrations.');
  });
});
