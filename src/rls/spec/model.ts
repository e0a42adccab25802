// A spec file once loaded: names checked, each item with its path in the file (for the errors found later, against
// the catalog or while fixtures are inserted), and the case shape the runner reports.
import type { Path } from './problem.js';
import type { RawPersona, Values } from './schema.js';

export interface TableRef {
  schema: string;
  name: string;
}

export const tableLabel = (t: TableRef): string => `${t.schema}.${t.name}`;

/** What an expectation is about: a table, or the objects of one storage bucket (rows of storage.objects). */
export interface Target {
  table: TableRef;
  bucket: string | undefined;
  /** `public.documents`, `storage.objects (avatars)`: the `table` of its cases. */
  label: string;
}

export interface PersonaSpec {
  name: string;
  at: Path;
  input: RawPersona;
}

export interface FixtureSpec {
  /** As written, or `fixtures[3]` for an unnamed one (which nothing can refer to). */
  name: string;
  /** Its position in `fixtures`: a fixture refers only to those before it. */
  index: number;
  at: Path;
  target: Target;
  /** Column values, references unresolved; for an object, its other columns (metadata…). */
  values: Values;
  /** For an object: its path in the bucket and the persona that owns it. */
  path: string | undefined;
  owner: string | undefined;
}

/** Which rows a persona reaches: exactly these fixtures (of the target), this many rows, or any / none. */
export type RowsExpected = { fixtures: string[] } | { count: number } | { any: boolean };

export interface RowsCase {
  at: Path;
  persona: string;
  expected: RowsExpected;
}

export interface InsertCase {
  at: Path;
  persona: string;
  values: Values;
  path: string | undefined;
  allow: boolean;
}

/** One fixture row changed by one persona: with `set` (update), or a no-op update / a delete. */
export interface RowCase {
  at: Path;
  persona: string;
  row: string;
  set: Values | undefined;
  allow: boolean;
}

export type ChangeCases = { rows: RowsCase[] } | { each: RowCase[] };

export interface Expectation {
  at: Path;
  target: Target;
  select: RowsCase[];
  insert: InsertCase[];
  update: ChangeCases;
  delete: ChangeCases;
}

export interface LoadedSpec {
  /** Relative to the project root with forward slashes (`supabase/tests/rls/docs.yaml`), or as given. */
  file: string;
  personas: PersonaSpec[];
  fixtures: FixtureSpec[];
  expectations: Expectation[];
}

export type Operation = 'select' | 'insert' | 'update' | 'delete';

/** One expectation of one persona, as reports show it. */
export interface Case {
  /** The spec file. */
  spec: string;
  /** `public.documents`, or `storage.objects (avatars)` for a bucket. */
  table: string;
  persona: string;
  operation: Operation;
  /** `rows alice_doc`, `1 row`, `some rows`, `allowed`, `denied`. */
  expected: string;
  /** `rows alice_doc, bob_doc`, `denied (42501 …)`, `error (23502 …)`. */
  actual: string;
  pass: boolean;
  /** For a failure, what happened: the rows reached that should not have been, the error of a refused insert; else ''. */
  detail: string;
}
