// The table template in hybrid mode: a schema/behaviour pair (even then odd version), each file re-runnable and
// the folder lint-clean; applied twice in a row on every test database to prove it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lint/project.js';
import { createMigration } from '../../src/migrations/create.js';
import { renderMigration } from '../../src/templates/templates.js';
import { TARGETS } from '../db/targets.js';
import { CREATED, customersSpec, ordersSpec } from '../templates/specs.js';

const HYBRID = {
  stack: {
    workspaces: {
      server: { language: 'typescript', database: { orm: { name: 'drizzle' } } },
      api: { language: 'python', database: { orm: { name: 'sqlalchemy' } } },
    },
  },
};

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

/** A hybrid project with the bootstrap files and the customers pair at 00100/00101 already in place. */
async function projectWithCustomers(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-pair-'));
  dirs.push(root);
  await fs.mkdir(path.join(root, '.kodo'));
  await fs.writeFile(path.join(root, '.kodo/config.json'), JSON.stringify(HYBRID));
  const dir = path.join(root, 'supabase/migrations');
  await fs.mkdir(dir, { recursive: true });
  for (const [file, template] of [
    ['00000_extensions.sql', 'extensions'],
    ['00001_core_functions.sql', 'core_functions'],
  ] as const) {
    await fs.writeFile(path.join(dir, file), renderMigration({ template, name: template, created: CREATED }));
  }
  await createMigration(root, { name: 'create customers', workspace: 'server', table: customersSpec });
  return root;
}

describe('kodo new --template table in hybrid mode', () => {
  it('writes the table at the next even version and its behaviour at the odd one after it', async () => {
    const root = await projectWithCustomers();
    const created = await createMigration(root, {
      name: 'create orders',
      workspace: 'node',
      table: ordersSpec,
      now: CREATED,
    });
    expect(created).toMatchObject({
      version: '00102',
      kind: 'schema',
      name: 'create_orders',
      file: 'supabase/migrations/00102_node_create_orders.sql',
    });
    expect(created.files.map(({ file, version, name, kind }) => ({ file, version, name, kind }))).toEqual([
      {
        file: 'supabase/migrations/00102_node_create_orders.sql',
        version: '00102',
        name: 'create_orders',
        kind: 'schema',
      },
      {
        file: 'supabase/migrations/00103_node_orders_rls.sql',
        version: '00103',
        name: 'orders_rls',
        kind: 'behavior',
      },
    ]);
    expect(await fs.readdir(path.join(root, 'supabase/migrations'))).toEqual([
      '00000_extensions.sql',
      '00001_core_functions.sql',
      '00100_node_create_customers.sql',
      '00101_node_customers_rls.sql',
      '00102_node_create_orders.sql',
      '00103_node_orders_rls.sql',
    ]);
  });

  it('puts the table, indexes and foreign keys in the even file, everything else in the odd one', async () => {
    const root = await projectWithCustomers();
    const { files } = await createMigration(root, {
      name: 'create orders',
      workspace: 'server',
      table: ordersSpec,
    });
    const [schema, behavior] = await Promise.all(files.map((f) => fs.readFile(f.path, 'utf8')));
    const steps = (sql: string) => [...sql.matchAll(/^-- STEP (\d):/gm)].map((m) => Number(m[1]));
    expect(steps(schema!)).toEqual([1, 2, 3]);
    expect(steps(behavior!)).toEqual([4, 5, 6, 7]);
    expect(schema).toContain(
      '-- Its RLS, policies, updated_at trigger and comments are in 00103_node_orders_rls.sql',
    );
    expect(behavior).toContain('-- The table itself is created by 00102_node_create_orders.sql');
    for (const statement of [
      'enable row level security',
      'create policy',
      'create or replace trigger',
      'comment on',
    ]) {
      expect(schema).not.toContain(statement);
      expect(behavior).toContain(statement);
    }
    expect(behavior).not.toMatch(/create table|create (unique )?index|add constraint/);
  });

  it('leaves the folder lint-clean: no error, no warning, no info', async () => {
    const root = await projectWithCustomers();
    await createMigration(root, { name: 'create orders', workspace: 'server', table: ordersSpec });
    const run = await lintProject({ cwd: root });
    expect(run.findings).toEqual([]);
  });

  it('writes a pair whole or not at all', async () => {
    const root = await projectWithCustomers();
    // A folder holding the odd file's name makes the second write fail: the even file must go again.
    await fs.mkdir(path.join(root, 'supabase/migrations/00103_node_orders_rls.sql'));
    await expect(
      createMigration(root, { name: 'create orders', workspace: 'server', table: ordersSpec }),
    ).rejects.toThrow(
      'supabase/migrations/00103_node_orders_rls.sql already exists and kodo never overwrites a migration; choose another name.',
    );
    expect(
      (await fs.readdir(path.join(root, 'supabase/migrations'))).filter((f) => f.startsWith('0010')),
    ).toEqual([
      '00100_node_create_customers.sql',
      '00101_node_customers_rls.sql',
      '00103_node_orders_rls.sql',
    ]);
  });

  for (const target of TARGETS) {
    it.skipIf(target.skip)(`applies both files twice in a row on ${target.name}`, async () => {
      const root = await projectWithCustomers();
      const { files } = await createMigration(root, {
        name: 'create orders',
        workspace: 'server',
        table: ordersSpec,
      });
      const dir = path.join(root, 'supabase/migrations');
      const all = (await fs.readdir(dir)).sort();
      const db = await target.open();
      try {
        for (const file of all) await db.exec(await fs.readFile(path.join(dir, file), 'utf8'));
        // The pair again, as a rerun after a partial deploy would: every statement must be safe the second time.
        for (const f of files) await db.exec(await fs.readFile(f.path, 'utf8'));
        const policies = await db.query<{ n: number }>(
          `select count(*)::int as n from pg_policies where schemaname = 'public' and tablename = 'orders'`,
        );
        expect(policies.rows).toEqual([{ n: 4 }]);
        const keys = await db.query<{ n: number }>(
          `select count(*)::int as n from pg_constraint where conrelid = 'public.orders'::regclass and contype = 'f'`,
        );
        expect(keys.rows).toEqual([{ n: 3 }]);
      } finally {
        await db.close();
      }
    });
  }
});
