// `up` then `status` agree with the files, on the hybrid example and on a plain supabase-only project.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { migrationStatus } from '../../src/apply/status.js';
import { up } from '../../src/apply/up.js';
import { isKodoError } from '../../src/core/errors.js';
import { listMigrationsSync } from '../../src/migrations/list.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { approve, freshTarget, makeProject, onDatabase, TARGETS } from './helpers.js';

const SUPABASE_ONLY: Record<string, string> = {
  '20240101120000_profiles.sql': [
    'create table public.profiles (',
    '  id uuid primary key references auth.users (id) on delete cascade,',
    '  username text unique,',
    '  updated_at timestamptz not null default now()',
    ');',
    'alter table public.profiles enable row level security;',
    'create policy "Profiles are readable by their owner" on public.profiles',
    '  for select to authenticated using ((select auth.uid()) = id);',
    'create policy "Owners update their profile" on public.profiles',
    '  for update to authenticated using ((select auth.uid()) = id) with check ((select auth.uid()) = id);',
  ].join('\n'),
  '20240102120000_handle_new_user.sql': [
    'create function public.handle_new_user() returns trigger',
    "language plpgsql security definer set search_path = '' as $$",
    'begin',
    '  insert into public.profiles (id) values (new.id);',
    '  return new;',
    'end;',
    '$$;',
    'create trigger on_auth_user_created after insert on auth.users',
    '  for each row execute procedure public.handle_new_user();',
  ].join('\n'),
  '20240103120000_storage.sql': [
    "insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);",
    'create policy "Avatar images are public" on storage.objects for select using (bucket_id = \'avatars\');',
  ].join('\n'),
};

/** A copy of examples/hybrid-saas, so the test's embedded database never lands in the repository. */
async function hybridExample() {
  const source = path.join(REPO_ROOT, 'examples', 'hybrid-saas');
  const project = await makeProject({});
  await fs.cp(source, project.root, {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|\.kodo[/\\]db|target|\.venv)([/\\]|$)/.test(src),
  });
  return project;
}

async function expectAgreement(root: string, db: string) {
  const files = listMigrationsSync(root).files;
  const result = await up({ root, db, env: {}, confirm: approve });
  expect(result.failure).toBeNull();
  expect(result.applied).toEqual(files.map((f) => f.version));
  const status = await migrationStatus({ root, db, env: {} });
  expect(status.pending).toEqual([]);
  expect(status.missingLocal).toEqual([]);
  expect(status.outOfOrder).toEqual([]);
  expect(status.edited).toEqual([]);
  expect(status.migrations.map((m) => [m.version, m.local, m.applied])).toEqual(
    files.map((f) => [f.version, true, true]),
  );
  expect((await up({ root, db, env: {}, confirm: approve })).applied).toEqual([]);
}

describe.each(TARGETS)('up then status on $kind', ({ kind, skip }) => {
  it.skipIf(skip)('agree on a plain supabase-only project (auth, storage, RLS, triggers)', async () => {
    const project = await makeProject(SUPABASE_ONLY);
    const db = await freshTarget(kind, project);
    await expectAgreement(project.root, db);
    // RLS smoke test through the platform: a signed-in user sees only their own profile.
    const seen = await onDatabase(project, db, async (conn) => {
      await conn.exec(`insert into auth.users (id, email) values
        ('00000000-0000-0000-0000-00000000000a', 'a@example.com'),
        ('00000000-0000-0000-0000-00000000000b', 'b@example.com')`);
      return conn.transaction(async (tx) => {
        await tx.query("select set_config('request.jwt.claims', $1, true)", [
          JSON.stringify({ sub: '00000000-0000-0000-0000-00000000000a', role: 'authenticated' }),
        ]);
        await tx.exec('set local role authenticated');
        return (await tx.query<{ id: string }>('select id from public.profiles')).rows;
      });
    });
    expect(seen).toEqual([{ id: '00000000-0000-0000-0000-00000000000a' }]);
  });

  it.skipIf(skip)('agree on examples/hybrid-saas', async () => {
    const project = await hybridExample();
    await expectAgreement(project.root, await freshTarget(kind, project));
  });
});

describe('plans and approval', () => {
  it('dry run applies nothing and returns a planId bound to the files', async () => {
    const project = await makeProject(SUPABASE_ONLY);
    const dry = await up({ root: project.root, env: {}, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.applied).toEqual([]);
    expect(dry.plan.map((p) => p.version)).toEqual(['20240101120000', '20240102120000', '20240103120000']);
    expect(dry.planId).toMatch(/^[0-9a-f]{32}$/);
    expect((await migrationStatus({ root: project.root, env: {} })).pending).toHaveLength(3);

    const again = await up({ root: project.root, env: {}, dryRun: true });
    expect(again.planId).toBe(dry.planId);
    await project.write(
      '20240103120000_storage.sql',
      `${SUPABASE_ONLY['20240103120000_storage.sql']}\n-- edited`,
    );
    const edited = await up({ root: project.root, env: {}, dryRun: true });
    expect(edited.planId).not.toBe(dry.planId);
    let error: unknown;
    try {
      await up({ root: project.root, env: {}, planId: dry.planId });
    } catch (e) {
      error = e;
    }
    expect(isKodoError(error) && error.code).toBe('plan-changed');
  });

  it('the embedded database applies without a planId and reports progress', async () => {
    const project = await makeProject(SUPABASE_ONLY);
    const seen: string[] = [];
    const result = await up({
      root: project.root,
      env: {},
      onProgress: (done, total, file) => void seen.push(`${done}/${total} ${path.basename(file)}`),
    });
    expect(result.applied).toHaveLength(3);
    expect(seen).toEqual([
      '1/3 20240101120000_profiles.sql',
      '2/3 20240102120000_handle_new_user.sql',
      '3/3 20240103120000_storage.sql',
    ]);
  });
});

describe.skipIf(TARGETS[1]!.skip)('approval on a real server', () => {
  it('refuses without a planId or confirmation, and applies with the dry run planId', async () => {
    const project = await makeProject(SUPABASE_ONLY);
    const db = await freshTarget('postgres', project);
    const opts = { root: project.root, db, env: {} };
    await expect(up(opts)).rejects.toThrow(/needs approval: run a dry run, show its plan to the user/);
    const dry = await up({ ...opts, dryRun: true });
    expect(dry.shim?.wouldInstall).toBe(true);
    expect(dry.target).not.toContain('postgres:postgres@');
    const declined = await up({ ...opts, confirm: async () => false });
    expect(declined).toMatchObject({ cancelled: true, applied: [] });
    const applied = await up({ ...opts, planId: dry.planId });
    expect(applied.applied).toHaveLength(3);
    expect(applied.shim?.installed).toBe(true);
  });
});

describe('stand-ins on the embedded database', () => {
  it('are reported by up and by check', async () => {
    const project = await makeProject({
      '20240101000000_cron.sql':
        "create extension if not exists pg_cron;\nselect cron.schedule('nightly-cleanup', '0 3 * * *', 'select 1');\n",
    });
    const applied = await up({ root: project.root, env: {} });
    expect(applied.failure).toBeNull();
    expect(applied.standIns).toContain('pg_cron');
    expect((await checkMigrations({ root: project.root, env: {} })).standIns).toContain('pg_cron');
  });
});
