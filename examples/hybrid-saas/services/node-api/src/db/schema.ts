// node-api's tables: organizations (the tenants) and profiles (who belongs to which organization).
// RLS, policies and triggers are behaviour, written as SQL in supabase/migrations/00101_node_profiles_rls.sql.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { authUsers } from 'drizzle-orm/supabase';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    createdBy: uuid('created_by').references(() => authUsers.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('organizations_created_by_idx').on(t.createdBy),
    check('organizations_name_length', sql`char_length(${t.name}) between 1 and 200`),
    check('organizations_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const memberRoles = ['owner', 'admin', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    displayName: text('display_name'),
    role: text('role', { enum: memberRoles }).notNull().default('member'),
    ...timestamps,
  },
  (t) => [
    // Also the index for the organization_id foreign key (leading column).
    unique('profiles_organization_id_user_id_unique').on(t.organizationId, t.userId),
    index('profiles_user_id_idx').on(t.userId),
    check('profiles_role_check', sql`${t.role} in ('owner', 'admin', 'member')`),
    check('profiles_display_name_length', sql`char_length(${t.displayName}) <= 100`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type Profile = typeof profiles.$inferSelect;
