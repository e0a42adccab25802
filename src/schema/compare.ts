// Two snapshots → the differences between them, by id. Each difference reads on its own: what the object is and,
// for a change, which of its properties changed from what to what (`kodo diff --summary`).
import type { ObjectKind, SchemaObject, Snapshot } from './types.js';
import { comparableDef } from './versions.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Difference {
  id: string;
  kind: ObjectKind;
  /** The object's readable name. */
  object: string;
  change: ChangeKind;
  /** For a change: `type: integer → bigint; not null: false → true`. */
  detail: string;
  from?: SchemaObject;
  to?: SchemaObject;
}

export function compareSnapshots(from: Snapshot, to: Snapshot): Difference[] {
  const out: Difference[] = [];
  for (const [id, a] of from.objects) {
    const b = to.objects.get(id);
    if (!b) out.push({ id, kind: a.kind, object: a.name, change: 'removed', detail: '', from: a });
    else {
      const fields = changedFields(comparableDef(a, from, to), comparableDef(b, from, to));
      if (fields.length > 0) {
        out.push({
          id,
          kind: a.kind,
          object: b.name,
          change: 'changed',
          detail: describe(fields, a, b),
          from: a,
          to: b,
        });
      }
    }
  }
  for (const [id, b] of to.objects) {
    if (!from.objects.has(id))
      out.push({ id, kind: b.kind, object: b.name, change: 'added', detail: '', to: b });
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

export function sameDef(a: SchemaObject, b: SchemaObject): boolean {
  return changedFields(a.def, b.def).length === 0;
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => stable(a[k]) !== stable(b[k])).sort();
}

/** JSON with sorted keys, so two equal objects read alike whatever order their properties were set in. */
export function stable(v: unknown): string {
  return (
    JSON.stringify(v, (_k, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
          )
        : value,
    ) ?? 'undefined'
  );
}

function describe(fields: string[], a: SchemaObject, b: SchemaObject): string {
  return fields.map((f) => `${f}: ${shown(a.def[f])} → ${shown(b.def[f])}`).join('; ');
}

function shown(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  const s = typeof v === 'string' ? v : stable(v);
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** One line per difference: `+ table public.orders`, `- column public.users.age`, `~ view public.v: …`. */
export function summaryLine(d: { change: ChangeKind; kind: string; object: string; detail: string }): string {
  const sign = d.change === 'added' ? '+' : d.change === 'removed' ? '-' : '~';
  return `${sign} ${d.kind} ${d.object}${d.detail ? `: ${d.detail}` : ''}`;
}
