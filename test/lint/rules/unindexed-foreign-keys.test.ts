import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'unindexed-foreign-keys';
const PARENT = 'create table users (id bigint primary key);\n';

describe(RULE, () => {
  it('flags a foreign key without an index', async () => {
    await expectFindings(
      `${PARENT}create table posts (id bigint primary key, author_id bigint references users on delete cascade);`,
      RULE,
      [
        {
          line: 2,
          column: 61,
          message:
            'Foreign key public.posts(author_id) has no index starting with its columns, so deletes on public.users scan public.posts; add create index on public.posts (author_id).',
        },
      ],
    );
  });

  it('accepts an index created in a later migration', async () => {
    await expectClean(
      {
        '00001_a.sql': `${PARENT}create table posts (id bigint primary key, author_id bigint references users on delete cascade);`,
        '00002_b.sql': 'create index concurrently posts_author_id_idx on posts (author_id);',
      },
      RULE,
    );
  });

  it('accepts a composite primary key or unique constraint that leads with the columns', async () => {
    await expectClean(
      `${PARENT}create table groups (id bigint primary key);
       create table members (user_id bigint references users on delete cascade, group_id bigint references groups on delete cascade, primary key (user_id, group_id), unique (group_id, user_id));`,
      RULE,
    );
  });

  it('flags when the only index is dropped, and when the columns are not leading', async () => {
    await expectFindings(
      `${PARENT}create table posts (id bigint primary key, author_id bigint references users on delete cascade, at date);\ncreate index i on posts (author_id);\ncreate index j on posts (at, author_id);\ndrop index i;`,
      RULE,
      [{ line: 2, column: 61 }],
    );
  });
});
