// The shapes of an RLS spec file (supabase/tests/rls/*.yaml|yml|json). Only shapes: what the names refer to
// (personas, fixtures, tables, columns) is checked by check.ts and the runner, which know the paths to name.
import { z } from 'zod';

/** A message for a wrong value, and "is missing" for an absent one. */
const says = (expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : `expected ${expected}`),
});

/** An object that refuses unknown keys, naming the keys it knows (a typo such as `selct` is not ignored). */
function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (expected ${known})`
        : issue.input === undefined
          ? 'is missing'
          : 'expected a map',
  });
}

const text = (expected = 'a string') => z.string(says(expected));
const values = z.record(z.string(), z.unknown(), says('a map of column names to values'));
const names = z.union(
  [text('a persona name'), z.array(text('a persona name')).min(1, 'needs at least one persona name')],
  says('a persona name or a list of persona names'),
);

/** Which rows: exactly these fixtures, this many rows, or any / none. */
export const rowsExpected = z.union(
  [z.number().int().nonnegative(), z.array(text('a fixture name')), z.boolean()],
  says('a row count, a list of fixture names, or true/false'),
);

const persona = z.preprocess(
  (v) => v ?? {},
  strict({
    id: z.uuid(says('a user id (uuid)')).optional(),
    email: text().optional(),
    phone: text().optional(),
    role: text('a Postgres role name').optional(),
    aal: z.enum(['aal1', 'aal2', 'aal3'], says('aal1, aal2 or aal3')).optional(),
    anonymous: z.boolean(says('true or false')).optional(),
    org: text('the name of a fixture').optional(),
    app_metadata: values.optional(),
    user_metadata: values.optional(),
    claims: values.optional(),
  }),
);

const fixture = strict({
  name: text('a fixture name').optional(),
  table: text('a table name').optional(),
  bucket: text('a bucket id').optional(),
  path: text('an object path').optional(),
  owner: text('a persona name').optional(),
  values: values.optional(),
});

const insert = strict({
  as: names,
  values: values.optional(),
  path: text('an object path').optional(),
  allow: z.boolean(says('true or false')),
});

const change = (withSet: boolean) =>
  z.union(
    [
      z.record(z.string(), rowsExpected, says('a map of persona names to rows')),
      z.array(
        strict({
          as: names,
          row: text('a fixture name'),
          ...(withSet ? { set: values.optional() } : {}),
          allow: z.boolean(says('true or false')),
        }),
      ),
    ],
    says('a map of persona names to rows, or a list of cases'),
  );

const expectation = strict({
  table: text('a table name').optional(),
  bucket: text('a bucket id').optional(),
  select: z.record(z.string(), rowsExpected, says('a map of persona names to rows')).optional(),
  insert: z.array(insert, says('a list of insert cases')).optional(),
  update: change(true).optional(),
  delete: change(false).optional(),
});

export const specSchema = strict({
  description: text().optional(),
  personas: z.record(z.string(), persona, says('a map of persona names to personas')).optional(),
  fixtures: z.array(fixture, says('a list of fixtures')).optional(),
  expect: z
    .array(expectation, {
      error: (i) =>
        i.input === undefined
          ? 'is missing; a spec needs at least one expectation'
          : 'expected a list of expectations',
    })
    .min(1, 'needs at least one expectation'),
});

export type RawSpec = z.infer<typeof specSchema>;
export type RawPersona = z.infer<typeof persona>;
export type RawFixture = z.infer<typeof fixture>;
export type RawExpectation = z.infer<typeof expectation>;
export type RawRows = z.infer<typeof rowsExpected>;
export type Values = Record<string, unknown>;
