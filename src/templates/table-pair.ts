// The table template as a schema/behaviour pair (hybrid mode): steps 1-3 in the even file, steps 4-7 in the odd
// one, each header naming the other file so a reader of either knows where the rest of the table lives.
import { fill, header } from './render.js';
import partSql from './sql/part.sql';
import { ORG_FUNCTION_NOTE, type TableParts } from './table.js';

export interface PairFiles {
  /** File names, e.g. 00102_node_create_orders.sql and 00103_node_orders_rls.sql. */
  schema: { file: string; name: string };
  behavior: { file: string; name: string };
}

export function renderTablePair(
  parts: TableParts,
  files: PairFiles,
  created: Date,
): { schema: string; behavior: string } {
  const org = parts.usesOrgFunction ? [ORG_FUNCTION_NOTE] : [];
  return {
    schema: fill(partSql, {
      header: header({
        name: files.schema.name,
        created,
        purpose: `Create ${parts.display} (schema: table, indexes, foreign keys): ${parts.comment}`,
        notes: [
          `Its RLS, policies, updated_at trigger and comments are in ${files.behavior.file} (behaviour, odd version).`,
          ...org,
        ],
      }),
      body: parts.schema,
    }),
    behavior: fill(partSql, {
      header: header({
        name: files.behavior.name,
        created,
        purpose: `Row level security, policies, the updated_at trigger and comments of ${parts.display}.`,
        notes: [`The table itself is created by ${files.schema.file} (schema, even version).`, ...org],
      }),
      body: parts.behavior,
    }),
  };
}

/** The behaviour file's migration name: `orders_rls`, as the seed names them (00101_node_users_rls.sql). */
export function behaviorName(parts: TableParts): string {
  return `${parts.name}_rls`;
}
