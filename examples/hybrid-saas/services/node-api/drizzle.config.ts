// drizzle-kit settings for node-api. Generated SQL lands in drizzle/migrations; kodo copies it into
// ../../supabase/migrations with a 001xx version, where the shared database is migrated from.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle/migrations',
  // Supabase owns auth, storage and the rest; drizzle only manages this service's tables in public.
  schemaFilter: ['public'],
  entities: { roles: { provider: 'supabase' } },
  dbCredentials: { url: process.env.DATABASE_URL ?? '' },
  strict: true,
});
