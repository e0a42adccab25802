// Enums: their labels in order. New labels that keep the old ones in the same order are added in place (ALTER TYPE
// … ADD VALUE, which never rewrites a row); a label removed or reordered re-creates the type, and the cascade takes
// the columns using it along (their values are lost, and the plan says so).
import type { KindHandler, ReadContext, SchemaObject } from '../types.js';
import { literal } from './names.js';
import { readUserTypes, type TypeRow, typeObject } from './user-type.js';

interface Row extends TypeRow {
  labels: string[];
}

async function readEnums(ctx: ReadContext): Promise<SchemaObject[]> {
  const rows = await readUserTypes<Row>(
    ctx,
    'e',
    `array(select e.enumlabel::text from pg_catalog.pg_enum e
            where e.enumtypid = t.oid order by e.enumsortorder) as labels`,
  );
  return rows.map((r) => typeObject('enum', r, { labels: r.labels }));
}

function labelsOf(o: SchemaObject): string[] {
  return o.def.labels as string[];
}

/** The labels `to` adds, or null when it does not keep every old label in the same relative order. */
function added(from: string[], to: string[]): string[] | null {
  const kept = to.filter((l) => from.includes(l));
  if (kept.length !== from.length || kept.some((l, i) => l !== from[i])) return null;
  return to.filter((l) => !from.includes(l));
}

export const enumKind: KindHandler = {
  kind: 'enum',
  read: readEnums,
  create: (o) => [`create type ${o.q} as enum (${labelsOf(o).map(literal).join(', ')})`],
  drop: (o) => [`drop type ${o.q}`],
  alter(from, to) {
    const old = labelsOf(from);
    const labels = labelsOf(to);
    const fresh = added(old, labels);
    if (fresh === null) return null;
    return fresh.map((l) => {
      const i = labels.indexOf(l);
      // Before the next label that already exists, else after the one before it (added just now, or old).
      const next = labels.slice(i + 1).find((x) => old.includes(x));
      const place = next ? ` before ${literal(next)}` : i > 0 ? ` after ${literal(labels[i - 1]!)}` : '';
      return `alter type ${to.q} add value ${literal(l)}${place}`;
    });
  },
  loses(from, to, replaced) {
    if (!to || !replaced) return undefined;
    const gone = labelsOf(from).filter((l) => !labelsOf(to).includes(l));
    const what = gone.length > 0 ? `removing ${gone.map(literal).join(', ')}` : 'reordering its values';
    return `re-creates enum ${from.name}, ${what}: the columns of this type are re-created and their values lost`;
  },
  warn(from, to) {
    if (!to) return undefined;
    const fresh = added(labelsOf(from), labelsOf(to));
    if (!fresh || fresh.length === 0) return undefined;
    return `enum ${to.name} gains ${fresh.map(literal).join(', ')}: a value added by ALTER TYPE … ADD VALUE cannot be used until the migration's transaction commits`;
  },
};
