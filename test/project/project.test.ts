// One Project is read once: the config, the listing and every file's text are loaded on first use and shared by
// everything handed the same Project, so `kodo check` lints exactly the texts it applies.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { lintLoadedProject } from '../../src/lint/project.js';
import { Project } from '../../src/project/project.js';
import { makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';

describe('Project', () => {
  it('loads the config, the listing and the texts once, lazily', async () => {
    const root = await makeFiles({
      [`${M}/00001_a.sql`]: 'create table public.a (id bigint primary key);\n',
      [`${M}/00002_b.sql`]: 'select 1;\n',
    });
    const project = new Project(root);
    const first = project.migrations();
    expect(first.map((m) => [m.file, m.statements.length])).toEqual([
      [`${M}/00001_a.sql`, 1],
      [`${M}/00002_b.sql`, 1],
    ]);
    // Changes on disk after loading are not seen by this Project: it never reads a file twice.
    await fs.writeFile(path.join(root, M, '00003_c.sql'), 'select 3;\n');
    await fs.writeFile(path.join(root, M, '00002_b.sql'), 'select from;\n');
    expect(project.migrations()).toBe(first);
    expect(project.folder().files).toHaveLength(2);
    expect(await project.config()).toBe(await project.config());
    // The linter works on the loaded texts, so the syntax error written afterwards is not there.
    const run = await lintLoadedProject(project);
    expect(run.findings.filter((f) => f.rule === 'syntax-error')).toEqual([]);
    expect(run.summary.files).toBe(2);
    // A new Project sees the folder as it is now.
    const fresh = await lintLoadedProject(new Project(root));
    expect(fresh.findings.filter((f) => f.rule === 'syntax-error').map((f) => f.file)).toEqual([
      `${M}/00002_b.sql`,
    ]);
  });

  it('reports only the named files, with every earlier migration as context', async () => {
    const root = await makeFiles({
      [`${M}/00001_a.sql`]: 'create table public.a (id bigint primary key);\n',
      [`${M}/00002_b.sql`]: 'alter table public.a enable row level security;\n',
      [`${M}/00003_c.sql`]: 'create table public.c (id bigint primary key);\n',
    });
    const run = await lintLoadedProject(new Project(root), new Set([`${M}/00002_b.sql`]));
    // public.a comes from the context file, so the pending file's RLS finding names it; 00003 is not read at all.
    expect(run.findings.map((f) => `${f.file.split('/').pop()} ${f.rule}`)).toEqual([
      '00002_b.sql rls-enabled-no-policy',
    ]);
    expect(run.summary.files).toBe(1);
  });

  it('check lints and applies the same loaded texts', async () => {
    const root = await makeFiles({ [`${M}/00001_a.sql`]: 'select 1;\n' });
    const project = new Project(root);
    project.migrations();
    await fs.writeFile(path.join(root, M, '00001_a.sql'), 'select from;\n');
    const result = await checkMigrations({ root, project });
    expect([result.ok, result.applied, result.failure, result.findings]).toEqual([true, 1, null, []]);
  });
});
