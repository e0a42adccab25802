// The access diff per migration, in process on the default throwaway database: the exact cells a file changed,
// the file named, a leak closed again by a later file kept apart from one left open, files that change nothing
// access depends on skipped, and a bad --since refused in one sentence.
import { beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../src/project/project.js';
import { rlsDiff } from '../../src/rls/diff/index.js';
import { loadParser } from '../../src/sql/parse.js';
import { makeFiles } from '../helpers/temp.js';

const NOTES = `create table public.notes (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id), body text not null);
alter table public.notes enable row level security;
grant select, insert on public.notes to authenticated;
create policy notes_select on public.notes for select to authenticated using (user_id = (select auth.uid()));
create policy notes_insert on public.notes for insert to authenticated with check (user_id = (select auth.uid()));
`;
const M = 'supabase/migrations';
const FILES = {
  [`${M}/00001_notes.sql`]: NOTES,
  [`${M}/00002_comment.sql`]: "comment on table public.notes is 'Private notes';\n",
  [`${M}/00003_read_all.sql`]:
    'create policy notes_read_all on public.notes for select to authenticated using (true);\n',
  [`${M}/00004_fix.sql`]: 'drop policy notes_read_all on public.notes;\n',
};

describe('rls diff', { timeout: 120_000 }, () => {
  beforeAll(loadParser);

  it('names the file that opened a leak and the one that closed it, and passes when none is left open', async () => {
    const root = await makeFiles(FILES);
    const diff = await rlsDiff(new Project(root), { since: '00001' });
    expect(diff.files).toEqual([`${M}/00002_comment.sql`, `${M}/00003_read_all.sql`, `${M}/00004_fix.sql`]);
    expect(diff.changes).toEqual([
      {
        file: `${M}/00003_read_all.sql`,
        table: 'public.notes',
        persona: 'authenticated',
        operation: 'select',
        before: 'own rows only',
        after: "own and other users' rows",
        policy: 'notes_read_all',
        leak: true,
        closedBy: `${M}/00004_fix.sql`,
        message: `${M}/00003_read_all.sql: authenticated can now read other users' rows in public.notes, via policy notes_read_all`,
      },
      {
        file: `${M}/00004_fix.sql`,
        table: 'public.notes',
        persona: 'authenticated',
        operation: 'select',
        before: "own and other users' rows",
        after: 'own rows only',
        policy: null,
        leak: false,
        closedBy: null,
        message: `${M}/00004_fix.sql: authenticated read on public.notes: own and other users' rows → own rows only`,
      },
    ]);
    expect(diff.open).toEqual([]);
    expect(diff.notes).toEqual([]);
  });

  it('keeps a leak open when no later file closes it', async () => {
    const root = await makeFiles({ ...FILES, [`${M}/00004_fix.sql`]: '-- nothing yet\nselect 1;\n' });
    const diff = await rlsDiff(new Project(root), { since: '00002' });
    expect(diff.open.map((c) => [c.file, c.table, c.persona, c.operation, c.policy])).toEqual([
      [`${M}/00003_read_all.sql`, 'public.notes', 'authenticated', 'select', 'notes_read_all'],
    ]);
  });

  it('covers the newest file alone when no database has any migration applied, and says so', async () => {
    const root = await makeFiles(FILES);
    const diff = await rlsDiff(new Project(root), {});
    expect(diff.since).toBe('00003');
    expect(diff.files).toEqual([`${M}/00004_fix.sql`]);
    expect(diff.changes.map((c) => [c.operation, c.before, c.after])).toEqual([
      ['select', "own and other users' rows", 'own rows only'],
    ]);
    expect(diff.notes).toEqual([
      'embedded (.kodo/db, not created yet) has no migration applied, so the diff covers the newest file only; name a version with --since to cover more.',
    ]);
  });

  it('refuses a --since that is not a version', async () => {
    const root = await makeFiles(FILES);
    await expect(rlsDiff(new Project(root), { since: 'yesterday' })).rejects.toThrow(
      '--since must be a migration version (digits), or "pending"; got "yesterday".',
    );
  });
});
