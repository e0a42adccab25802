import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'hardcoded-uuid';

describe(RULE, () => {
  it('flags UUIDs in policies and DO blocks at the UUID', async () => {
    await expectFindings(
      `create policy admin on notes using (auth.uid() = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');\ndo $$ begin\n  update profiles set role = 'admin' where id = 'B1EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12';\nend $$;`,
      RULE,
      [
        {
          line: 1,
          column: 51,
          message:
            'Hardcoded UUID a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 only exists in the database it was copied from; look the row up by a natural key instead.',
        },
        { line: 3, column: 50 },
      ],
      { allowSyntaxErrors: false },
    );
  });

  it('accepts the nil UUID, comments and generated ids', async () => {
    await expectClean(
      `create table t (id uuid primary key default gen_random_uuid(), parent uuid not null default '00000000-0000-0000-0000-000000000000');
comment on column t.parent is 'e.g. a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
-- a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 in a comment is not data`,
      RULE,
    );
  });
});
