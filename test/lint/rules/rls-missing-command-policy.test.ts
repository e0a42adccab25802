import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'rls-missing-command-policy';
const TABLE =
  'create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n';

describe(RULE, () => {
  it('lists the commands no policy covers', async () => {
    await expectFindings(
      `${TABLE}create policy r on notes for select to authenticated using (owner = (select auth.uid()));\ncreate policy w on notes for insert to authenticated with check (owner = (select auth.uid()));`,
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'Row level security on public.notes has no policy for update, delete, so those are denied to every API role; add policies or ignore this if that is intended.',
        },
      ],
    );
  });

  it('does not count restrictive or service_role-only policies', async () => {
    await expectFindings(
      `${TABLE}create policy a on notes for all to authenticated using (true);\ncreate policy b on notes as restrictive for delete using (false);\ndrop policy a on notes;\ncreate policy s on notes to service_role using (true);\ncreate policy r on notes for select using (true);`,
      RULE,
      [{ line: 2, column: 1 }],
    );
  });

  it('accepts FOR ALL and a full set of commands', async () => {
    await expectClean(
      `${TABLE}create policy a on notes to authenticated using (owner = (select auth.uid()));`,
      RULE,
    );
    await expectClean(
      `${TABLE}create policy s on notes for select using (true); create policy i on notes for insert with check (true);
       create policy u on notes for update using (true); create policy d on notes for delete using (true);`,
      RULE,
    );
  });
});
