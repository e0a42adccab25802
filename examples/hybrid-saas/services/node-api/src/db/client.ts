// The database client of node-api, over the pooled Supabase connection string.
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set; point it at the Supabase database.');

// Supabase's transaction pooler does not support prepared statements.
export const db = drizzle(postgres(url, { prepare: false }), { schema });
