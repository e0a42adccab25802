import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'duplicate-version';

describe(RULE, () => {
  it('flags the second file with a version', async () => {
    await expectFindings(
      { '00100_node_a.sql': 'select 1;', '00100_node_b.sql': 'select 2;', '00102_node_c.sql': 'select 3;' },
      RULE,
      [
        {
          file: '00100_node_b.sql',
          line: 1,
          column: 1,
          message:
            'Version 00100 is also used by 00100_node_a.sql; the Supabase CLI records each version once, so this migration fails. Renumber it.',
        },
      ],
    );
  });

  it('accepts distinct versions', async () => {
    await expectClean({ '00100_node_a.sql': 'select 1;', '00101_node_b.sql': 'select 2;' }, RULE);
  });
});
