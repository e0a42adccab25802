import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/engine.js';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'require-service-role-policy';
const TABLE = 'create table jobs (id bigint primary key);\nalter table jobs enable row level security;\n';

describe(RULE, () => {
  it('is off by default', async () => {
    const result = await lint([{ path: 'supabase/migrations/00001_a.sql', text: TABLE }]);
    expect(result.findings.filter((f) => f.rule === RULE)).toEqual([]);
  });

  it('flags an RLS table without a service_role policy when switched on', async () => {
    await expectFindings(`${TABLE}create policy r on jobs for select to authenticated using (true);`, RULE, [
      {
        line: 2,
        column: 1,
        message: "Table public.jobs has no policy for service_role; add one that states the server's access.",
      },
    ]);
  });

  it('accepts a service_role policy', async () => {
    await expectClean(
      `${TABLE}create policy s on jobs to service_role using (true) with check (true);`,
      RULE,
    );
  });
});
