// Orders the actions so that Postgres accepts them: a topological sort over edges from the snapshots' dependencies
// (pg_depend, owners). Drops come first where nothing holds them back (so a reused name is free before its new
// object is created), dependents are dropped before what they depend on, and creates follow their dependencies;
// ties break by kind (schemas, types, tables, … policies, grants, comments) and then by id, so a plan is stable.
import type { ObjectKind, SchemaObject } from '../types.js';
import type { Action, ActionSet } from './actions.js';

const KIND_ORDER: ObjectKind[] = [
  // Default privileges first: the objects created after them get the "to" state's defaults, which is what a new
  // object's grants are planned against (see kinds/acl-implied.ts).
  'default-acl',
  'schema',
  'extension',
  'enum',
  'domain',
  'composite',
  'sequence',
  'table',
  'column',
  'sequence-owner',
  'constraint',
  'index',
  'function',
  'view',
  'trigger',
  'policy',
  'publication',
  'publication-table',
  'acl',
  'comment',
];

export interface Ordered {
  actions: Action[];
  /** Set when a cycle had to be broken: the ids left in it (the verification says whether the order held). */
  cycle: string[];
}

export function orderActions(set: ActionSet): Ordered {
  const { actions, ctx } = set;
  const after = new Map<string, Set<string>>(); // key → keys that must run before it
  // A create folded into its owner's statement (a column in CREATE TABLE) is waited for as that statement.
  // Likewise a drop carried by its owner's (a trigger with its table) is that drop.
  const resolve = (key: string): string => {
    if (key.startsWith('create ')) {
      const owner = set.folded.get(key.slice(7));
      return owner ? `create ${owner}` : key;
    }
    const carrier = key.startsWith('drop ') ? set.carried.get(key.slice(5)) : undefined;
    return carrier ? `drop ${carrier}` : key;
  };
  const need = (laterKey: string, earlierKey: string): void => {
    const [later, earlier] = [resolve(laterKey), resolve(earlierKey)];
    if (later === earlier || !actions.has(later) || !actions.has(earlier)) return;
    const s = after.get(later) ?? new Set<string>();
    s.add(earlier);
    after.set(later, s);
  };
  for (const a of actions.values()) {
    const id = a.object.id;
    if (a.type === 'drop') {
      for (const dep of depsOf(a.object)) need(`drop ${dep}`, a.key);
      need(`create ${id}`, a.key);
    } else {
      const to = ctx.to.objects.get(id)!;
      const deps = new Set(depsOf(to));
      // A create folded into its owner's (a column in CREATE TABLE) brings its dependencies along; a child created
      // by an action of its own (a sequence's OWNED BY) waits for its dependencies itself.
      if (a.type === 'create')
        for (const c of ctx.children.get(id) ?? [])
          if (!actions.has(`create ${c.id}`)) for (const d of depsOf(c)) deps.add(d);
      for (const dep of deps) {
        need(a.key, `create ${dep}`);
        need(a.key, `alter ${dep}`);
      }
      if (a.type === 'alter' && a.before) for (const dep of depsOf(a.before)) need(`drop ${dep}`, a.key);
    }
  }
  // What a carried child depends on must outlive the owner's drop: a table whose trigger calls a function is
  // dropped before the function, a table whose foreign key references another before that one.
  for (const [child, carrier] of set.carried) {
    for (const dep of depsOf(ctx.from.objects.get(child)!)) need(`drop ${dep}`, `drop ${carrier}`);
  }
  return kahn(actions, after);
}

function depsOf(o: SchemaObject): string[] {
  return o.owner ? [...o.deps, o.owner] : o.deps;
}

function rank(a: Action): [number, number, string] {
  return [a.type === 'drop' ? 0 : 1, KIND_ORDER.indexOf(a.object.kind), a.object.id];
}

function before(a: Action, b: Action): boolean {
  const [x, y] = [rank(a), rank(b)];
  if (a.type === 'drop' && b.type === 'drop') return x[1] !== y[1] ? x[1] > y[1] : x[2] < y[2];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

function kahn(actions: Map<string, Action>, after: Map<string, Set<string>>): Ordered {
  const waiting = new Map<string, number>();
  const unblocks = new Map<string, string[]>();
  for (const key of actions.keys()) waiting.set(key, 0);
  for (const [later, earlier] of after) {
    waiting.set(later, earlier.size);
    for (const e of earlier) unblocks.set(e, [...(unblocks.get(e) ?? []), later]);
  }
  const out: Action[] = [];
  const done = new Set<string>();
  let cycle: string[] = [];
  while (out.length < actions.size) {
    let pick: Action | undefined;
    for (const [key, n] of waiting) {
      if (n !== 0 || done.has(key)) continue;
      const a = actions.get(key)!;
      if (!pick || before(a, pick)) pick = a;
    }
    if (!pick) {
      // A cycle: take the first remaining action in rank order and say so; verification has the last word.
      const rest = [...actions.values()].filter((a) => !done.has(a.key));
      cycle = rest.map((a) => a.key);
      pick = rest.reduce((p, a) => (before(a, p) ? a : p));
    }
    done.add(pick.key);
    waiting.delete(pick.key);
    out.push(pick);
    for (const next of unblocks.get(pick.key) ?? []) {
      if (waiting.has(next)) waiting.set(next, Math.max(0, waiting.get(next)! - 1));
    }
  }
  return { actions: out, cycle };
}
