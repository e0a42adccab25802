// readTables / readTable on every target: exact columns, keys, checks and kinds for a small schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable, readTables } from '../../src/catalog/index.js';
import type { ColumnInfo, TableInfo } from '../../src/catalog/types.js';
import type { Database } from '../../src/db/database.js';
import { TARGETS } from '../db/targets.js';
import { CATALOG_SCHEMA, DROP_CATALOG_ROLE } from './fixture.js';

/** A column with the defaults most columns have, so each expectation names only what is particular. */
const col = (name: string, type: string, more: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name,
  type,
  typeSchema: 'pg_catalog',
  typeName: type,
  category: 'S',
  isArray: false,
  enumLabels: null,
  domainBase: null,
  notNull: false,
  default: null,
  identity: '',
  generated: false,
  maxLength: null,
  ...more,
});

const STATUS = ['todo', 'doing', 'blocked', 'done'];

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`readTables on ${target.name}`, () => {
    let db: Database;
    let tables: TableInfo[];
    const table = (name: string) => tables.find((t) => `${t.schema}.${t.name}` === name)!;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(CATALOG_SCHEMA);
      tables = await readTables(db, ['public', 'private']);
    });
    afterAll(async () => {
      await db?.exec(DROP_CATALOG_ROLE);
      await db?.close();
    });

    it('lists tables, views and matviews, not partitions nor extension-owned tables', () => {
      expect(tables.map((t) => [`${t.schema}.${t.name}`, t.kind, t.rls, t.forceRls])).toEqual([
        ['private.secrets', 'r', false, false],
        ['public.events', 'p', false, false],
        ['public.members', 'r', true, true],
        ['public.open_tasks', 'v', false, false],
        ['public.organizations', 'r', false, false],
        ['public.task_counts', 'm', false, false],
        ['public.tasks', 'r', true, false],
      ]);
    });

    it('describes every column: types, enums, domains, arrays, identity, serial, generated, lengths', () => {
      expect(table('public.tasks').columns).toEqual([
        col('id', 'bigint', { typeName: 'int8', category: 'N', notNull: true, identity: 'a' }),
        col('org_id', 'uuid', { category: 'U', notNull: true }),
        col('title', 'public.short_text', {
          typeSchema: 'public',
          typeName: 'short_text',
          domainBase: 'character varying(10)',
          notNull: true,
          maxLength: 10,
        }),
        col('status', 'public.task_status', {
          typeSchema: 'public',
          typeName: 'task_status',
          category: 'E',
          enumLabels: STATUS,
          notNull: true,
          default: "'todo'::public.task_status",
        }),
        col('tags', 'text[]', { typeName: 'text', isArray: true, notNull: true, default: "'{}'::text[]" }),
        col('labels', 'public.task_status[]', {
          typeSchema: 'public',
          typeName: 'task_status',
          category: 'E',
          isArray: true,
          enumLabels: STATUS,
        }),
        col('priority', 'integer', { typeName: 'int4', category: 'N' }),
        col('code', 'character(3)', { typeName: 'bpchar', maxLength: 3 }),
        col('n', 'integer', {
          typeName: 'int4',
          category: 'N',
          notNull: true,
          default: "nextval('public.tasks_n_seq'::regclass)",
        }),
        col('search', 'tsvector', { typeName: 'tsvector', category: 'U', generated: true }),
      ]);
      expect(table('public.organizations').columns).toEqual([
        col('id', 'uuid', { category: 'U', notNull: true, default: 'gen_random_uuid()' }),
        col('name', 'text', { notNull: true }),
        col('slug', 'character varying(40)', { typeName: 'varchar', notNull: true, maxLength: 40 }),
      ]);
    });

    it('reads primary keys, uniques (constraints and plain unique indexes) and foreign keys', () => {
      const tasks = table('public.tasks');
      expect(tasks.primaryKey).toEqual(['id']);
      expect(tasks.uniques).toEqual([
        ['org_id', 'code'],
        ['org_id', 'title'],
      ]);
      expect(tasks.foreignKeys).toEqual([
        {
          name: 'tasks_org_id_fkey',
          columns: ['org_id'],
          refSchema: 'public',
          refTable: 'organizations',
          refColumns: ['id'],
        },
      ]);
      const members = table('public.members');
      expect(members.primaryKey).toEqual(['org_id', 'user_id']);
      expect(members.uniques).toEqual([]);
      expect(members.foreignKeys).toEqual([
        {
          name: 'members_org_id_fkey',
          columns: ['org_id'],
          refSchema: 'public',
          refTable: 'organizations',
          refColumns: ['id'],
        },
        {
          name: 'members_user_id_fkey',
          columns: ['user_id'],
          refSchema: 'auth',
          refTable: 'users',
          refColumns: ['id'],
        },
      ]);
      expect(table('private.secrets').foreignKeys).toEqual([
        {
          name: 'secrets_member_org_member_user_fkey',
          columns: ['member_org', 'member_user'],
          refSchema: 'public',
          refTable: 'members',
          refColumns: ['org_id', 'user_id'],
        },
      ]);
      expect(table('public.organizations').uniques).toEqual([['slug']]);
    });

    it('reads check constraints with their definition and the columns they read', () => {
      expect(table('public.members').checks).toEqual([
        {
          name: 'members_role_check',
          definition: "CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text])))",
          columns: ['role'],
        },
      ]);
      expect(table('public.tasks').checks).toEqual([
        {
          name: 'tasks_priority_check',
          definition: 'CHECK (((priority >= 1) AND (priority <= 5)))',
          columns: ['priority'],
        },
      ]);
    });

    it('describes views and matviews by their columns only', () => {
      const view = table('public.open_tasks');
      expect(view.columns.map((c) => [c.name, c.type])).toEqual([
        ['id', 'bigint'],
        ['title', 'public.short_text'],
      ]);
      expect([view.primaryKey, view.uniques, view.foreignKeys, view.checks]).toEqual([[], [], [], []]);
      expect(table('public.task_counts').columns.map((c) => c.name)).toEqual(['org_id', 'n']);
    });

    it('readTable reads one relation in any schema, a partition too, and undefined for none', async () => {
      const users = (await readTable(db, 'auth', 'users'))!;
      expect(users.primaryKey).toEqual(['id']);
      expect(users.columns.find((c) => c.name === 'id')).toEqual(
        col('id', 'uuid', { category: 'U', notNull: true }),
      );
      expect(users.uniques).toContainEqual(['phone']);
      expect(await readTable(db, 'public', 'tasks')).toEqual(table('public.tasks'));
      expect((await readTable(db, 'public', 'events_2024'))?.kind).toBe('r');
      expect(await readTable(db, 'public', 'nothing')).toBeUndefined();
    });
  });
}
