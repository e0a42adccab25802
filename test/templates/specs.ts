// Table specs shared by the template tests: realistic tables covering every access pattern.
import type { TableSpec } from '../../src/templates/table-spec.js';

export const CREATED = new Date('2025-06-01T12:00:00Z');

export const customersSpec: TableSpec = {
  name: 'customers',
  comment: 'People who buy from us; each signed-in user manages their own customer records.',
  columns: [
    { name: 'email', type: 'text', unique: true, comment: 'Contact address, unique across customers.' },
    { name: 'display_name', type: 'text', nullable: true },
  ],
  access: { owner: 'user_id' },
};

/** The fixture spec: org members read, owners write; FKs, a self-reference, checks, arrays, keywords. */
export const ordersSpec: TableSpec = {
  name: 'orders',
  comment: "Customer orders: one row per checkout, shared with the customer's organisation.",
  columns: [
    {
      name: 'customer_id',
      type: 'uuid',
      references: { table: 'customers', onDelete: 'restrict' },
      comment: 'Who the order is for.',
    },
    {
      name: 'status',
      type: 'text',
      default: "'pending'",
      oneOf: ['pending', 'paid', 'shipped', 'cancelled'],
    },
    { name: 'total', type: 'numeric(12, 2)', default: 0, comment: 'Amount in the order currency.' },
    { name: 'notes', type: 'text', nullable: true },
    { name: 'tags', type: 'text[]', default: "'{}'" },
    { name: 'metadata', type: 'JSONB', default: "'{}'::jsonb" },
    { name: 'shipped_at', type: 'timestamp with time zone', nullable: true },
    {
      name: 'order',
      type: 'bigint',
      default: 1,
      comment: 'Position in the customer list ("order" is a keyword).',
    },
    {
      name: 'parent_id',
      type: 'uuid',
      nullable: true,
      references: { table: 'orders', onDelete: 'set null' },
    },
  ],
  indexes: [{ columns: ['org_id', 'status'] }, { columns: ['customer_id', 'order'], unique: true }],
  access: { org: 'org_id', owner: 'user_id' },
};

export const announcementsSpec: TableSpec = {
  name: 'announcements',
  comment: 'News anyone can read; authors edit their own.',
  columns: [
    { name: 'title', type: 'text' },
    { name: 'published', type: 'bool', default: false },
  ],
  access: { publicRead: true, owner: 'author_id' },
};

export const projectsSpec: TableSpec = {
  schema: 'app',
  name: 'projects',
  comment: 'Projects, isolated per organisation.',
  columns: [{ name: 'name', type: 'text' }],
  access: { org: 'org_id' },
};
