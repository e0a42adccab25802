import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'mixed-version-widths';

describe(RULE, () => {
  it('flags the versions whose width differs from the usual one', async () => {
    await expectFindings(
      { '001_a.sql': 'select 1;', '002_b.sql': 'select 1;', '10_c.sql': 'select 1;' },
      RULE,
      [
        {
          file: '10_c.sql',
          line: 1,
          column: 1,
          message:
            'Version 10 has 2 digits while most versions have 3, so it sorts out of numeric order; zero-pad versions to one width.',
        },
      ],
    );
  });

  it('accepts the hybrid mix of 5-digit service versions and 14-digit timestamps', async () => {
    await expectClean(
      { '00001_core.sql': 'select 1;', '00100_node_a.sql': 'select 1;', '20240101120000_b.sql': 'select 1;' },
      RULE,
    );
  });

  it('accepts one width', async () => {
    await expectClean({ '20240101120000_a.sql': 'select 1;', '20240102120000_b.sql': 'select 1;' }, RULE);
  });
});
