// The table template: exact SQL for a spec (a committed fixture), and every bad spec refused with its path.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KodoError } from '../../src/core/errors.js';
import { renderTableMigration } from '../../src/templates/table.js';
import type { TableSpec } from '../../src/templates/table-spec.js';
import { defaultTableSpec, renderMigration } from '../../src/templates/templates.js';
import { CREATED, ordersSpec } from './specs.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/orders.sql');
const meta = { name: 'create_things', created: CREATED };
const base: TableSpec = { name: 'things', comment: 'Things.', columns: [], access: { owner: 'user_id' } };

function refusal(spec: unknown): string {
  try {
    renderTableMigration(spec, meta);
  } catch (e) {
    expect(e).toBeInstanceOf(KodoError);
    expect((e as KodoError).code).toBe('table-spec-invalid');
    expect((e as KodoError).message).toMatch(/^Table spec is invalid: .*\.$/s);
    return (e as KodoError).message;
  }
  throw new Error('expected the spec to be refused');
}

const withColumn = (column: Record<string, unknown>) => ({
  ...base,
  columns: [{ name: 'c', type: 'text', ...column }],
});

describe('renderTableMigration', () => {
  it('generates exactly the committed fixture', async () => {
    const sql = renderTableMigration(ordersSpec, { name: 'create_orders', created: CREATED });
    // To accept a deliberate change: KODO_UPDATE_FIXTURES=1 npx vitest run test/templates
    if (process.env['KODO_UPDATE_FIXTURES']) await fs.writeFile(FIXTURE, sql);
    expect(sql).toBe(await fs.readFile(FIXTURE, 'utf8'));
  });

  it('follows the seven steps in order', () => {
    const sql = renderTableMigration(base, meta);
    const steps = [...sql.matchAll(/^-- STEP (\d):/gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('adds a missing owner column with its foreign key and index', () => {
    const sql = renderTableMigration(base, meta);
    expect(sql).toContain('  user_id uuid not null default auth.uid(),\n');
    expect(sql).toContain('create index if not exists idx_things_user_id on public.things (user_id);');
    expect(sql).toContain(
      [
        'do $$',
        'begin',
        '  if not exists (',
        '    select 1 from pg_catalog.pg_constraint',
        "    where conrelid = 'public.things'::regclass and conname = 'fk_things_user_id'",
        '  ) then',
        '    alter table public.things',
        '      add constraint fk_things_user_id',
        '      foreign key (user_id) references auth.users (id)',
        '      on delete cascade;',
        '  end if;',
        'end;',
        '$$;',
      ].join('\n'),
    );
  });

  it('writes each policy with the clauses its command takes, dropped first so the file can run again', () => {
    const sql = renderTableMigration(base, meta);
    const policies = sql.split('\n\n').filter((s) => s.startsWith('drop policy'));
    const drop = (name: string) => `drop policy if exists ${name} on public.things;\n`;
    expect(policies).toEqual([
      `${drop('things_select_own')}create policy things_select_own on public.things\n  for select\n  to authenticated\n  using (user_id = (select auth.uid()));`,
      `${drop('things_insert_own')}create policy things_insert_own on public.things\n  for insert\n  to authenticated\n  with check (user_id = (select auth.uid()));`,
      `${drop('things_update_own')}create policy things_update_own on public.things\n  for update\n  to authenticated\n  using (user_id = (select auth.uid()))\n  with check (user_id = (select auth.uid()));`,
      `${drop('things_delete_own')}create policy things_delete_own on public.things\n  for delete\n  to authenticated\n  using (user_id = (select auth.uid()));`,
    ]);
  });

  it('lets anyone read a publicRead table', () => {
    const sql = renderTableMigration({ ...base, access: { publicRead: true, owner: 'author_id' } }, meta);
    expect(sql).toContain(
      'create policy things_select_public on public.things\n  for select\n  to anon, authenticated\n  using (true);',
    );
    expect(sql).toContain('with check (author_id = (select auth.uid()))');
  });

  it('grants the API roles access outside public', () => {
    const sql = renderTableMigration({ ...base, schema: 'app', access: { org: 'org_id' } }, meta);
    expect(sql).toContain(
      'grant usage on schema app to authenticated;\ngrant select on app.things to authenticated;',
    );
    expect(sql).not.toContain('grant usage on schema public');
  });

  it('quotes keywords and capitals, and keeps derived names within 63 characters', () => {
    const long = 'a'.repeat(50);
    const sql = renderTableMigration(
      {
        ...base,
        name: 'user',
        columns: [
          { name: 'Group', type: 'text' },
          { name: `${long}_x`, type: 'uuid', references: { table: 'auth.users', onDelete: 'cascade' } },
          { name: `${long}_y`, type: 'uuid', references: { table: 'auth.users', onDelete: 'cascade' } },
        ],
      },
      meta,
    );
    expect(sql).toContain('create table if not exists public."user" (');
    expect(sql).toContain('  "Group" text not null,');
    const names = [...sql.matchAll(/(?:index if not exists|add constraint) (\S+)/g)].map((m) => m[1]!);
    expect(names.length).toBe(6);
    for (const n of names) expect(n.replace(/"/g, '').length).toBeLessThanOrEqual(63);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps a multi-line comment out of the SQL header', () => {
    const sql = renderTableMigration({ ...base, comment: "Line one\ndrop table users; -- it's" }, meta);
    expect(sql.split('\n')[2]).toBe("-- Purpose: Create public.things: Line one drop table users; -- it's");
    expect(sql).toContain("comment on table public.things is 'Line one\ndrop table users; -- it''s';");
  });

  it('normalises aliases of the same type silently', () => {
    const sql = renderTableMigration(
      {
        ...base,
        columns: [
          { name: 'a', type: 'BOOL' },
          { name: 'b', type: 'int8' },
          { name: 'c', type: 'float' },
          { name: 'd', type: 'timestamp with time zone' },
          { name: 'e', type: 'public.mood' },
          { name: 'f', type: 'extensions.vector(1536)' },
        ],
      },
      meta,
    );
    for (const line of [
      'a boolean',
      'b bigint',
      'c double precision',
      'd timestamptz',
      'e public.mood',
      'f extensions.vector(1536)',
    ]) {
      expect(sql).toContain(`  ${line} not null,`);
    }
  });
});

describe('bad specs are refused', () => {
  it.each([
    ['int', 'table.columns[0].type: "int" is not allowed; use bigint'],
    ['integer', '"integer" is not allowed; use bigint'],
    ['serial', '"serial" is not allowed; serial types create a separate sequence'],
    ['varchar(255)', '"varchar" is not allowed; use text'],
    ['character varying(20)', '"character varying" is not allowed; use text'],
    ['char(2)', '"char" is not allowed; use text'],
    ['timestamp', '"timestamp" is not allowed; use timestamptz'],
    ['timestamp without time zone', 'use timestamptz'],
    ['json', '"json" is not allowed; use jsonb'],
    ['money', 'use numeric'],
    ['uuidd', '"uuidd" is not a known type; use one of uuid, text'],
    ['text; drop table users', 'contains SQL punctuation'],
    ['text -- x', 'contains SQL punctuation'],
    ['text /* x */', 'contains SQL punctuation'],
    ['timestamptz(3)', '"timestamptz" takes no size or precision here'],
    ['text(', 'is not a type name'],
  ])('type %j', (type, message) => {
    expect(refusal(withColumn({ type }))).toContain(message);
  });

  it.each([
    ["'a'; drop table users", 'contains ";", a comment'],
    ["'a' -- x", 'contains ";", a comment'],
    ['1, evil text', 'must be one expression'],
    ["'x' check (true)", 'must be one expression'],
    [
      'pending',
      'is a bare word, which Postgres reads as a column name; quote text values, like "\'pending\'"',
    ],
    ["'unterminated", 'has an unterminated string literal'],
    ["E'\\''; drop table users; select '", 'contains "\\"'],
    ['"x"', 'contains ";", a comment, "$" or a quoted identifier'],
    ['$$x$$', 'contains ";", a comment, "$"'],
    ['(select 1)', 'contains a subquery'],
    ['now(', 'has unbalanced parentheses'],
    ['', 'is empty'],
  ])('default %j', (value, message) => {
    expect(refusal(withColumn({ default: value }))).toContain(`table.columns[0].default: ${message}`);
  });

  it.each([
    [{ ...base, name: 'Order Items' }, 'table.name: "Order Items" must start with a letter or "_"'],
    [{ ...base, name: 'x'.repeat(64) }, 'table.name: Too big'],
    [{ ...base, schema: 'auth' }, 'table.schema: "auth" is managed by Supabase'],
    [{ ...base, colums: [] }, 'table: unknown key "colums"'],
    [{ ...base, comment: '' }, 'table.comment: Too small'],
    [
      { ...base, columns: [{ name: 'id', type: 'uuid' }] },
      'table.columns[0].name: "id" is added automatically',
    ],
    [
      { ...base, columns: [{ name: 'updated_at', type: 'timestamptz' }] },
      '"updated_at" is added automatically',
    ],
    [
      {
        ...base,
        columns: [
          { name: 'a', type: 'text' },
          { name: 'a', type: 'text' },
        ],
      },
      'table.columns[1].name: "a" is declared twice',
    ],
    [withColumn({ name: '2fa' }), 'table.columns[0].name: "2fa" must start with a letter'],
    [
      withColumn({ references: { table: 'customers' } }),
      'table.columns[0].references.onDelete: Invalid option',
    ],
    [
      withColumn({ type: 'uuid', references: { table: 'customers', onDelete: 'set null' } }),
      'references.onDelete: "set null" needs nullable: true',
    ],
    [
      withColumn({ references: { table: 'auth.users', onDelete: 'cascade' } }),
      'table.columns[0].type: references auth.users(id), a uuid, so the column must be uuid',
    ],
    [
      withColumn({ type: 'uuid', references: { table: 'a.b.c', onDelete: 'cascade' } }),
      'must be "table" or "schema.table"',
    ],
    [
      withColumn({ type: 'uuid', references: { table: 'bad-name', onDelete: 'cascade' } }),
      'references.table: "bad-name"',
    ],
    [withColumn({ type: 'bigint', oneOf: ['a'] }), 'table.columns[0].oneOf: needs a text column, not bigint'],
    [
      { ...base, indexes: [{ columns: ['nope'] }] },
      'table.indexes[0].columns: "nope" is not a column of the table',
    ],
    [
      { ...base, indexes: [{ columns: ['created_at'] }, { columns: ['created_at'] }] },
      'table.indexes[1]: repeats an earlier index',
    ],
    [
      { ...base, columns: [{ name: 'user_id', type: 'text' }] },
      '"user_id" is an access column, so it must be uuid and not nullable',
    ],
    [
      { ...base, columns: [{ name: 'user_id', type: 'uuid', nullable: true }] },
      'it must be uuid and not nullable',
    ],
    [{ ...base, access: {} }, 'table.access: name an owner column, an org column, or both'],
    [{ ...base, access: { publicRead: true, org: 'org_id' } }, 'publicRead goes with owner only'],
    [
      { ...base, access: { publicRead: false, owner: 'u' } },
      'table.access.publicRead: Invalid input: expected true',
    ],
    [{ ...base, access: { owner: 'x', org: 'x' } }, 'owner and org must be different columns'],
    [{ ...base, access: { owner: 'user id' } }, 'table.access.owner: "user id" must start with a letter'],
    [{ ...base, access: { role: 'admin' } }, 'table.access: unknown key "role"'],
  ])('%j', (spec, message) => {
    expect(refusal(spec)).toContain(message);
  });

  it('reports every problem of a spec at once', () => {
    const message = refusal({
      ...base,
      columns: [
        { name: 'a', type: 'int' },
        { name: 'b', type: 'json' },
      ],
    });
    expect(message).toContain('table.columns[0].type');
    expect(message).toContain('table.columns[1].type');
  });
});

describe('renderMigration', () => {
  it('renders the empty template as a header with a purpose placeholder', () => {
    expect(renderMigration({ template: 'empty', name: 'add_orders', created: CREATED })).toBe(
      '-- Migration: add_orders\n-- Created: 2025-06-01\n-- Purpose: <what this migration changes, and why>\n\n',
    );
  });

  it('renders the table template without a spec as an owner-only table named after the migration', () => {
    expect(defaultTableSpec('create_order_items_table').name).toBe('order_items');
    expect(defaultTableSpec('add_invoices').name).toBe('invoices');
    const sql = renderMigration({ template: 'table', name: 'create_invoices', created: CREATED });
    expect(sql).toContain('create table if not exists public.invoices (');
    expect(sql).toContain(
      "comment on table public.invoices is 'invoices: rows owned by one user (user_id); each user reads and writes only their own.';",
    );
  });

  it('creates every extension in the extensions schema', () => {
    const sql = renderMigration({ template: 'extensions', name: 'extensions', created: CREATED });
    const creates = sql.split('\n').filter((l) => /^\s*(--\s*)?create extension/.test(l));
    expect(creates.length).toBeGreaterThan(2);
    for (const line of creates) expect(line).toMatch(/ with schema extensions;/);
  });

  it('defines the core functions as security invoker with an empty search_path', () => {
    const sql = renderMigration({ template: 'core_functions', name: 'core_functions', created: CREATED });
    expect(sql.match(/security invoker\nset search_path = ''/g)).toHaveLength(2);
    // The org_id claim through Supabase's own claims reader.
    expect(sql).toContain('from (select auth.jwt() as claims) as jwt;');
  });
});
