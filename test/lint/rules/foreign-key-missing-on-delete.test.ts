import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'foreign-key-missing-on-delete';
const PARENT = 'create table users (id bigint primary key);\n';

describe(RULE, () => {
  it('flags column and table foreign keys without ON DELETE', async () => {
    await expectFindings(
      `${PARENT}create table posts (\n  id bigint primary key,\n  author_id bigint references users,\n  editor_id bigint,\n  foreign key (editor_id) references users (id) on update cascade\n);`,
      RULE,
      [
        {
          line: 4,
          column: 20,
          message:
            'Foreign key public.posts(author_id) → public.users has no ON DELETE action, so deleting a referenced row fails; add ON DELETE CASCADE, SET NULL or RESTRICT.',
        },
        { line: 6, column: 3 },
      ],
    );
  });

  it('flags ALTER TABLE … ADD CONSTRAINT without ON DELETE', async () => {
    await expectFindings(
      `${PARENT}create table posts (id bigint primary key, author_id bigint);\nalter table posts add constraint posts_author_fk foreign key (author_id) references users (id),\n  add column e bigint references users on delete cascade;`,
      RULE,
      [{ line: 3, column: 23 }],
    );
  });

  it('accepts every written action, including an explicit NO ACTION', async () => {
    await expectClean(
      `${PARENT}create table posts (
        id bigint primary key,
        a bigint references users on delete cascade,
        b bigint references users on delete set null,
        c bigint references users (id) on update cascade on delete restrict,
        d bigint references users on delete no action
      );
      alter table posts add column e bigint references users on delete cascade;`,
      RULE,
    );
  });
});
