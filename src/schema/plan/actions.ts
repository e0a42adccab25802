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
}

export interface ActionSet {
  actions: Map<string, Action>;
  ctx: PlanContext;
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
  cascade(dependents, to, reach, drops, creates);
  for (const id of creates) ctx.created.add(id);
  const actions = new Map<string, Action>();
  for (const id of drops) {
    const o = from.objects.get(id)!;
    if (impliedByOwnerDrop(o, drops, from)) continue;
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
  for (const id of creates) {
    const o = to.objects.get(id)!;
    const h = handlerFor(o.kind);
    if (o.owner && ctx.created.has(o.owner) && h.foldedIntoOwner?.(o)) continue;
    actions.set(`create ${id}`, { key: `create ${id}`, type: 'create', object: o, sql: h.create(o, ctx) });
  }
  return { actions, ctx };
}

/** Everything that depends on (or belongs to) a re-created object goes too, and comes back when it still exists. */
function cascade(
  dependents: Map<string, string[]>,
  to: Snapshot,
  reach: Set<string>,
  drops: Set<string>,
  creates: Set<string>,
): void {
  const queue = [...reach];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const dep of dependents.get(id) ?? []) {
      if (drops.has(dep)) continue;
      drops.add(dep);
      if (to.objects.has(dep)) creates.add(dep);
      queue.push(dep);
    }
  }
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

/** A column, constraint, policy or grant goes with its table: no statement of its own. */
function impliedByOwnerDrop(o: SchemaObject, drops: Set<string>, from: Snapshot): boolean {
  let owner = o.owner;
  while (owner) {
    if (drops.has(owner)) return true;
    owner = from.objects.get(owner)?.owner;
  }
  return false;
}
