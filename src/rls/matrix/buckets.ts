// Storage buckets in the matrix: for each bucket, an object in user A's folder and one in user B's
// (`<user id>/kodo-probe.txt`, owned by them, as the Storage API writes them), then the same four operations
// on storage.objects as each persona, with the delete guard lifted as the Storage API lifts it. A policy that
// checks the bucket but not the folder lets A reach B's object: a leak, reported as `storage.objects:<bucket>`.
import { readTable } from '../../catalog/index.js';
import type { PolicyInfo, TableInfo } from '../../catalog/types.js';
import type { Queryable } from '../../db/database.js';
import { keepAs } from '../identity.js';
import type { Persona } from '../personas.js';
import { insertRow, type RowContext, RowError } from '../rows/index.js';
import type { SeededRow } from './seeder.js';
import type { TableSetup } from './table-probes.js';

export interface BucketTarget {
  bucket: string;
  label: string;
  setup: TableSetup;
}

/** The buckets that exist, or none when the database has no storage schema. */
export async function bucketIds(tx: Queryable): Promise<string[]> {
  const { rows } = await tx.query<{ present: boolean }>(
    `select to_regclass('storage.buckets') is not null and to_regclass('storage.objects') is not null as present`,
  );
  if (!rows[0]?.present) return [];
  return (await tx.query<{ id: string }>(`select id from storage.buckets order by id`)).rows.map((r) => r.id);
}

/** Seeds the two objects of `bucket` (inside the caller's savepoint) and returns what the probes need. */
export async function bucketSetup(
  tx: Queryable,
  bucket: string,
  world: { a: Persona; b: Persona; service: Persona },
  policies: PolicyInfo[],
  rows: RowContext,
): Promise<BucketTarget> {
  const objects = await readTable(tx, 'storage', 'objects');
  if (!objects) throw new RowError('storage.objects does not exist');
  // The Storage API deletes objects with this setting on; without it a trigger refuses every DELETE.
  await tx.query(`select set_config('storage.allow_delete_query', 'true', true)`);
  const seed = (who: Persona) =>
    keepAs(tx, world.service, () =>
      insertRow(tx, objects, objectPins(objects, bucket, who, 'kodo-probe.txt'), rows),
    );
  const mine: SeededRow = await seed(world.a);
  const theirs: SeededRow = await seed(world.b);
  return {
    bucket,
    label: `storage.objects:${bucket}`,
    setup: { table: objects, policies, mine, theirs, theirPins: { name: `${world.b.id}/kodo-moved.txt` } },
  };
}

function objectPins(objects: TableInfo, bucket: string, who: Persona, file: string): Record<string, unknown> {
  const pins: Record<string, unknown> = { bucket_id: bucket, name: `${who.id}/${file}` };
  const has = (c: string) => objects.columns.some((col) => col.name === c);
  if (has('owner')) pins['owner'] = who.id;
  if (has('owner_id')) pins['owner_id'] = who.id;
  return pins;
}
