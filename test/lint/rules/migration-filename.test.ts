import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'migration-filename';

describe(RULE, () => {
  it('flags a file the Supabase CLI would skip', async () => {
    await expectFindings({ 'add-users.sql': 'select 1;' }, RULE, [
      {
        line: 1,
        column: 1,
        message:
          'File name add-users.sql does not match <version>_<name>.sql, so the Supabase CLI skips it; rename it like 20240101120000_add_users.sql.',
      },
    ]);
  });

  it('flags a name that is not snake_case, with the snake_case suggestion', async () => {
    const [finding] = await expectFindings({ '20240101120000_AddUsers.sql': 'select 1;' }, RULE, [
      {
        line: 1,
        column: 1,
        message:
          'Migration name "AddUsers" is not snake_case; rename the file to 20240101120000_add_users.sql.',
      },
    ]);
    if (finding?.severity !== 'warning') throw new Error('a non-snake_case name is a warning');
  });

  it('accepts timestamp and hybrid names', async () => {
    await expectClean(
      {
        '20240101120000_create_users.sql': 'select 1;',
        '00100_node_create_orders.sql': 'select 1;',
        '00001_core_functions.sql': 'select 1;',
      },
      RULE,
    );
  });
});
