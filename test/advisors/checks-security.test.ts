// The security advisors on both targets: each check fires on its fixture with the exact finding and stays quiet on
// the fixed one; pg_graphql's pair fires only where pg_graphql is installed (PGlite, as on Supabase), and the bucket
// check is skipped, with its reason, on a database without storage.buckets.
import { expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { SECURITY } from './fixtures.js';
import { adviseFiles, MIGRATIONS, of } from './helpers.js';
import { checkCases } from './run-cases.js';

const GRAPHQL = {
  '001_cards.sql': `create table public.cards (id bigint primary key, title text);
alter table public.cards enable row level security;
create table public.drafts (id bigint primary key, title text);
alter table public.drafts enable row level security;
revoke all on public.drafts from anon;`,
};

for (const target of TARGETS) {
  checkCases(target, SECURITY, (db) => {
    if (target.engine === 'pglite') {
      it('pg-graphql-anon-table-exposed and -authenticated-: each API role that can select a table sees it in GraphQL', async () => {
        const run = await adviseFiles(db(), GRAPHQL);
        const graphql = (role: string, table: string, line: number) => ({
          rule: `pg-graphql-${role}-table-exposed`,
          severity: 'warning',
          category: 'security',
          file: `${MIGRATIONS}/001_cards.sql`,
          line,
          column: 1,
          object: `public.${table}`,
          message: `Table public.${table} is visible to ${role} in the GraphQL schema (pg_graphql is installed and ${role} can select from it), which shows its name and columns to ${role === 'anon' ? 'anyone with the anon key' : 'every signed-in user'}; revoke select from ${role} if that is not intended.`,
        });
        expect(of(run, 'pg-graphql-anon-table-exposed')).toEqual([graphql('anon', 'cards', 1)]);
        expect(of(run, 'pg-graphql-authenticated-table-exposed')).toEqual([
          graphql('authenticated', 'cards', 1),
          graphql('authenticated', 'drafts', 3),
        ]);
      });
    } else {
      it('pg-graphql-*-table-exposed stay quiet where pg_graphql is not installed (a plain PostgreSQL server)', async () => {
        const run = await adviseFiles(db(), GRAPHQL);
        expect(run.findings.filter((f) => f.rule.startsWith('pg-graphql-'))).toEqual([]);
      });
    }

    it('public-bucket-allows-listing is skipped, with its reason, where storage.buckets does not exist', async () => {
      const run = await adviseFiles(db(), { '001_no_storage.sql': 'drop schema storage cascade;' });
      expect(run.skipped).toContainEqual({
        rule: 'public-bucket-allows-listing',
        reason: 'the database has no storage.buckets',
      });
      expect(of(run, 'public-bucket-allows-listing')).toEqual([]);
    });
  });
}
