// A history row a trigger on schema_migrations swallows used to leave `up` saying "Applied" while the file stayed
// pending, and the next run failed on the tables it had created. The row is read back: no row, no migration.
import { describe, expect, it } from 'vitest';
import { runKodoJson } from '../helpers/cli.js';
import { makeFiles } from '../helpers/temp.js';

const M = 'supabase/migrations';
const SWALLOW = `create function public.swallow() returns trigger language plpgsql set search_path = '' as $$ begin return null; end $$;
create trigger swallow before insert on supabase_migrations.schema_migrations for each row execute function public.swallow();
create table public.t1 (id bigint primary key);
`;

describe('the history row is read back', () => {
  it('so a file whose row is discarded fails whole, and fails the same way the next time', async () => {
    const root = await makeFiles({ [`${M}/00001_a.sql`]: SWALLOW });
    for (let run = 0; run < 2; run++) {
      const up = await runKodoJson<{
        applied: string[];
        failure: { message: string; statement: null } | null;
      }>(['up', '--no-verify', '--cwd', root]);
      expect([up.code, up.json.applied, up.json.failure]).toEqual([
        1,
        [],
        expect.objectContaining({
          statement: null,
          message:
            'the history row for version 00001 was not written (a trigger or rule on supabase_migrations.schema_migrations discarded it, or the embedded database skipped the insert after a statement too deep for it), so the migration is rolled back',
        }),
      ]);
    }
  }, 60_000);
});
