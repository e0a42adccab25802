import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'identifier-too-long';

const LONG = 'order_line_items_with_discounts_and_taxes_and_shipping_and_returns'; // 66 bytes
const CUT = LONG.slice(0, 63);
const MAX = 'a'.repeat(63);

describe(RULE, () => {
  it('flags a name over 63 bytes once per file, at its first use', async () => {
    await expectFindings(
      `create table public.${LONG} (id bigint primary key);\nselect id from ${LONG};`,
      RULE,
      [
        {
          line: 1,
          column: 21,
          message: `Identifier ${LONG} is 66 bytes long and Postgres truncates it to 63 bytes (${CUT}); use a shorter name.`,
        },
      ],
    );
  });

  it('counts UTF-8 bytes, not characters, and reads quoted names as written', async () => {
    // 32 characters of 2 bytes each: 64 bytes.
    const accents = 'é'.repeat(32);
    await expectFindings(
      `create table t (\n  "${accents}" text,\n  "Mixed_${'X'.repeat(60)}" text\n);`,
      RULE,
      [
        {
          line: 2,
          column: 3,
          message: `Identifier "${accents}" is 64 bytes long and Postgres truncates it to 63 bytes ("${'é'.repeat(31)}"); use a shorter name.`,
        },
        { line: 3, column: 3 },
      ],
    );
  });

  it('folds unquoted names to lower case before comparing', async () => {
    await expectFindings(
      `alter table t add column ${LONG.toUpperCase()} text;\nselect ${LONG} from t;`,
      RULE,
      [{ line: 1, column: 26 }],
    );
  });

  it('finds names after comments and strings with stray quotes', async () => {
    await expectFindings(
      `-- the "odd comment\nselect 'a "quote';\nselect 1;\ncreate table ${LONG} (id bigint primary key);`,
      RULE,
      [{ line: 4, column: 14 }],
    );
  });

  it('accepts names of exactly 63 bytes', async () => {
    await expectClean(
      `create table ${MAX} (id bigint primary key);\ncreate index "${'é'.repeat(31)}a" on ${MAX} (id);`,
      RULE,
    );
  });

  it('ignores comments, string literals and dollar-quoted bodies', async () => {
    await expectClean(
      `-- ${LONG}
/* ${LONG} */
comment on table t is '${LONG}';
create function f() returns text language sql as $$ select '${LONG}' $$;
select 123456789012345678901234567890123456789012345678901234567890123456789;`,
      RULE,
    );
  });
});
