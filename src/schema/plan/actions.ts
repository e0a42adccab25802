// Differences → actions: a create, a drop, an in-place alter, or a drop and a create where the kind cannot change
// in place; then the cascade: an object that is dropped and re-created takes everything that depends on it along
// (a view over a table that is re-created), and a column whose type changes takes its views and policies.
import type { Difference } from '../compare.js';
import { handlerFor } from '../kinds/index.js';
import type { PlanContext, SchemaObject, Snapshot } from '../types.js';

/** What Postgres refuses to keep over a column whose type changes (indexes and constraints it rebuilds itself). */
const BLOCKING = new Set(['view', 'policy', 'trigger']);

export type ActionType = 'drop' | 'create' | 'alter';

export interface Action {
  key: string;
  type: ActionType;
  object: SchemaObject;
  /** For an alter: the object as it was. */
  before?: SchemaObject;
  sql: string[];
  /** A step around another (a column's default unset while the function it calls is re-created): loses nothing. */
  aside?: boolean;
}

export interface ActionSet {
  actions: Map<string, Action>;
  ctx: PlanContext;
  /** Children created inside their owner's statement (a column in CREATE TABLE) → that owner's id. */
  folded: Map<string, string>;
  /** Children dropped with their owner (a trigger with its table) → the owner whose drop takes them. */
  carried: Map<string, string>;
}

export function buildActions(from: Snapshot, to: Snapshot, diffs: Difference[]): ActionSet {
  const ctx: PlanContext = { from, to, created: new Set(), children: childrenIndex(to) };
  const drops = new Set<string>();
  const creates = new Set<string>();
  const alters = new Map<string, string[]>();
  const reach = new Set<string>(); // re-created: everything that depends on them goes and comes back
  const blocked = new Set<string>(); // changed in place, but views and policies over them must step aside
  for (const d of diffs) {
    if (d.change === 'added') creates.add(d.id);
    else if (d.change === 'removed') drops.add(d.id);
    else {
      const h = handlerFor(d.kind);
      const sql = h.alter?.(d.from!, d.to!, ctx) ?? null;
      if (sql === null) {
        drops.add(d.id);
        creates.add(d.id);
        reach.add(d.id);
      } else {
        alters.set(d.id, sql);
        if (h.alterNeedsDependentsGone?.(d.from!, d.to!)) blocked.add(d.id);
      }
    }
  }
  const dependents = dependentsIndex(from);
  for (const id of blocked) {
    for (const dep of dependents.get(id) ?? []) {
      if (!BLOCKING.has(from.objects.get(dep)!.kind)) continue;
      reach.add(dep);
      drops.add(dep);
      if (to.objects.has(dep)) creates.add(dep);
    }
  }
  const defaults = cascade(dependents, from, to, reach, drops, creates, alters);
  for (const id of creates) ctx.created.add(id);
  const actions = new Map<string, Action>();
  const carried = new Map<string, string>();
  const fromKids = childrenIndex(from);
  for (const id of drops) {
    const o = from.objects.get(id)!;
    const carrier = droppedOwner(o, drops, from);
    if (carrier && !knotted(o, carrier, drops, from, fromKids)) {
      carried.set(id, carrier);
      continue;
    }
    actions.set(`drop ${id}`, {
      key: `drop ${id}`,
      type: 'drop',
      object: o,
      sql: handlerFor(o.kind).drop(o, ctx),
    });
  }
  for (const [id, sql] of alters) {
    if (drops.has(id)) continue;
    const o = to.objects.get(id)!;
    actions.set(`alter ${id}`, {
      key: `alter ${id}`,
      type: 'alter',
      object: o,
      before: from.objects.get(id),
      sql,
    });
  }
  const folded = new Map<string, string>();
  for (const id of creates) {
    const o = to.objects.get(id)!;
    const h = handlerFor(o.kind);
    if (o.owner && ctx.created.has(o.owner) && h.foldedIntoOwner?.(o)) {
      folded.set(id, o.owner);
      continue;
    }
    actions.set(`create ${id}`, { key: `create ${id}`, type: 'create', object: o, sql: h.create(o, ctx) });
  }
  for (const id of defaults) setAside(actions, from.objects.get(id)!, to.objects.get(id)!);
  return { actions, ctx, folded, carried };
}

/** A column whose default calls a re-created function: the default steps aside and comes back; the data stays. */
function setAside(actions: Map<string, Action>, before: SchemaObject, after: SchemaObject): void {
  const column = `alter table ${before.extra!.table} alter column ${before.q}`;
  actions.set(`unset ${before.id}`, {
    key: `unset ${before.id}`,
    type: 'drop',
    object: before,
    sql: [`${column} drop default`],
    aside: true,
  });
  if (after.def.default === null) return;
  actions.set(`reset ${after.id}`, {
    key: `reset ${after.id}`,
    type: 'alter',
    object: after,
    before,
    sql: [`${column} set default ${after.def.default as string}`],
    aside: true,
  });
}

/**
 * Everything that depends on (or belongs to) a re-created object goes too, and comes back when it still exists —
 * except a column that only calls a re-created function or sequence in its default: re-creating the column would
 * lose its values, so only the default steps aside (the ids returned).
 */
function cascade(
  dependents: Map<string, string[]>,
  from: Snapshot,
  to: Snapshot,
  reach: Set<string>,
  drops: Set<string>,
  creates: Set<string>,
  alters: Map<string, string[]>,
): Set<string> {
  const defaults = new Set<string>();
  const queue = [...reach];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const reached = from.objects.get(id)?.kind;
    for (const dep of dependents.get(id) ?? []) {
      if (drops.has(dep) || defaults.has(dep)) continue;
      const o = from.objects.get(dep)!;
      const viaDefault = (reached === 'function' || reached === 'sequence') && o.kind === 'column';
      if (viaDefault && to.objects.has(dep) && !alters.has(dep) && o.owner !== id) {
        defaults.add(dep);
        continue;
      }
      drops.add(dep);
      if (to.objects.has(dep)) creates.add(dep);
      queue.push(dep);
    }
  }
  return defaults;
}

function dependentsIndex(s: Snapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of s.objects.values()) {
    for (const d of o.owner ? [...o.deps, o.owner] : o.deps) {
      const list = out.get(d) ?? [];
      list.push(o.id);
      out.set(d, list);
    }
  }
  return out;
}

function childrenIndex(s: Snapshot): Map<string, SchemaObject[]> {
  const out = new Map<string, SchemaObject[]>();
  for (const o of s.objects.values()) {
    if (!o.owner) continue;
    const list = out.get(o.owner) ?? [];
    list.push(o);
    out.set(o.owner, list);
  }
  return out;
}

/**
 * A child that would tie its owner's drop in a knot gets a statement of its own: a policy on a table calling a
 * function that takes the table's row type (the function cannot go before the table, nor the table before it), or
 * two tables whose foreign keys reference each other. It does when something it depends on, itself dropped,
 * depends on its owner in turn.
 */
function knotted(
  o: SchemaObject,
  carrier: string,
  drops: Set<string>,
  from: Snapshot,
  kids: Map<string, SchemaObject[]>,
): boolean {
  if (o.kind !== 'constraint' && o.kind !== 'policy' && o.kind !== 'trigger') return false;
  const onCarrier = (id: string) => id === carrier || from.objects.get(id)?.owner === carrier;
  for (const d of o.deps) {
    if (!drops.has(d) || onCarrier(d)) continue;
    const target = from.objects.get(d)!;
    const holder = target.owner && drops.has(target.owner) ? from.objects.get(target.owner)! : target;
    const needs = [holder, ...(kids.get(holder.id) ?? [])].flatMap((x) => x.deps);
    if (needs.some(onCarrier)) return true;
  }
  return false;
}

/** A column, constraint, policy or grant goes with its table: no statement of its own. The outermost owner dropped. */
function droppedOwner(o: SchemaObject, drops: Set<string>, from: Snapshot): string | undefined {
  let found: string | undefined;
  let owner = o.owner;
  while (owner) {
    if (drops.has(owner)) found = owner;
    owner = from.objects.get(owner)?.owner;
  }
  return found;
}
