import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'ban-drop-database';

describe(RULE, () => {
  it('flags DROP DATABASE as an error', async () => {
    const [finding] = await expectFindings(
      'create table t (id bigint primary key);\ndrop database if exists staging;',
      RULE,
      [
        {
          line: 2,
          column: 1,
          message:
            'Dropping database staging deletes everything in it in every environment this migration reaches; remove the statement from the migration.',
        },
      ],
    );
    if (finding?.severity !== 'error') throw new Error(`expected an error, got ${finding?.severity}`);
  });

  it('ignores dropping other objects', async () => {
    await expectClean('drop schema if exists scratch cascade;\ndrop table if exists t;', RULE);
  });
});
