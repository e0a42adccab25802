// Walking back `ALTER TYPE … ADD VALUE` without losing the column values. Postgres cannot remove an enum label, and
// the diff engine re-creates the type, which drops and re-adds every column of it (their values gone). Here the
// type is re-made beside the columns instead: the old type renamed away, the type created with the labels it had,
// each column converted through text (a row that holds a removed label stops it: that row is the user's to
// decide about), the old type dropped. When something else holds the old type (a view on such a column, a function
// taking it), the statements fail on the throwaway database and the engine's way is used, as before.
import { literal } from '../schema/kinds/names.js';
import type { SchemaObject, Snapshot } from '../schema/types.js';
import { ident } from '../sql/ast.js';

/** For each enum that only gained labels between `before` and `after`, the statements that take them back. */
export function enumRestores(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [id, now] of after.objects) {
    const was = before.objects.get(id);
    if (now.kind !== 'enum' || !was) continue;
    const [old, labels] = [was.def.labels as string[], now.def.labels as string[]];
    if (labels.length === old.length || !old.every((l) => labels.includes(l))) continue;
    out.push(...remake(now, old, [...after.objects.values()]));
  }
  return out;
}

function remake(type: SchemaObject, labels: string[], objects: SchemaObject[]): string[] {
  const q = type.q!;
  const bare = type.name.slice(type.name.lastIndexOf('.') + 1);
  const schema = q.slice(0, lastSegment(q) - 1);
  const aside = ident(`${bare}__kodo_old`);
  const steps = [
    `alter type ${q} rename to ${aside};`,
    `create type ${q} as enum (${labels.map(literal).join(', ')});`,
  ];
  for (const c of objects) {
    if (c.kind !== 'column' || (c.def.type !== q && c.def.type !== `${q}[]`)) continue;
    const column = `alter table ${c.extra!.table as string} alter column ${c.q}`;
    const array = c.def.type === `${q}[]` ? '[]' : '';
    if (c.def.default !== null) steps.push(`${column} drop default;`);
    steps.push(`${column} type ${q}${array} using ${c.q}::text${array}::${q}${array};`);
    if (c.def.default !== null) steps.push(`${column} set default ${c.def.default as string};`);
  }
  steps.push(`drop type ${schema}.${aside};`);
  return steps;
}

/** Where the last name of a qualified, quoted name starts (`public."My Type"` → 7). */
function lastSegment(q: string): number {
  if (!q.endsWith('"')) return q.lastIndexOf('.') + 1;
  let i = q.length - 2;
  // Inside quotes a doubled "" is one quote character; the opening quote is the first single one going back.
  while (i >= 0) {
    if (q[i] === '"') {
      if (q[i - 1] === '"') i -= 2;
      else return i;
    } else i--;
  }
  return 0;
}
