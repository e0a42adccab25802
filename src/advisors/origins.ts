// Which migration created the object a catalog finding is about: looked up in the lint's schema model, which
// replays the same files and remembers where each object was written. Each anchor reads the place the static rule
// of the same id points at, so that `kodo check` can tell the two findings are one.

import type { SchemaModel } from '../lint/model/model.js';
import type { Origin, Table } from '../lint/model/types.js';
import type { Project } from '../project/project.js';
import { qualifiedKey } from '../sql/ast.js';
import type { Anchor } from './types.js';

/** The model of the project's migrations (parsed and replayed; no rule runs). */
export async function modelOf(project: Project): Promise<SchemaModel> {
  const { lint } = await import('../lint/engine.js');
  const inputs = project.migrations().map((m) => ({ path: m.file, text: m.text }));
  return (await lint(inputs, { rules: [] })).model;
}

/** Where the anchored object was written by a migration; undefined for platform objects and unknown ones. */
export function originOf(model: SchemaModel, anchor: Anchor): Origin | undefined {
  const origin = find(model, anchor);
  // The platform objects the model starts with come from a file of its own, which is no migration.
  return origin && origin.file.index >= 0 ? origin : undefined;
}

function find(model: SchemaModel, a: Anchor): Origin | undefined {
  switch (a.kind) {
    case 'none':
      return undefined;
    case 'extension':
      return model.extensions.get(a.name)?.origin;
    case 'index':
      return model.indexes.get(qualifiedKey(a.schema, a.name))?.origin;
    case 'function':
      return overload(model, a.schema, a.name, a.args);
    case 'view':
    case 'relation': {
      const key = qualifiedKey(a.schema, a.name);
      return (model.views.get(key) ?? model.tables.get(key))?.origin;
    }
    case 'table':
    case 'rls':
    case 'rls-or-policy':
      return ofTable(model.tables.get(qualifiedKey(a.schema, a.name)), a.kind);
    default:
      return ofMember(model.tables.get(qualifiedKey(a.schema, a.table)), a);
  }
}

function ofTable(table: Table | undefined, kind: 'table' | 'rls' | 'rls-or-policy'): Origin | undefined {
  if (!table || kind === 'table') return table?.origin;
  // Where RLS was last turned on or off, as the static rules point; else (RLS never touched) the first policy.
  return table.rls.changedAt ?? (kind === 'rls-or-policy' ? firstPolicy(table) : undefined) ?? table.origin;
}

function ofMember(table: Table | undefined, a: Extract<Anchor, { table: string }>): Origin | undefined {
  switch (a.kind) {
    case 'policy':
      return table?.policies.get(a.name)?.origin;
    case 'latest-policy':
      return latest(a.names.map((n) => table?.policies.get(n)?.origin));
    case 'constraint':
      return table?.constraints.get(a.name)?.origin;
    case 'column':
      return table?.columns.get(a.name)?.origin;
  }
}

function firstPolicy(table: Table): Origin | undefined {
  return [...table.policies.values()].find((p) => p.origin.file.index >= 0)?.origin;
}

/** The policy written last: the one that made the overlap. */
function latest(origins: (Origin | undefined)[]): Origin | undefined {
  let last: Origin | undefined;
  for (const o of origins) {
    if (!o) continue;
    if (
      !last ||
      o.file.index > last.file.index ||
      (o.file.index === last.file.index && o.offset > last.offset)
    )
      last = o;
  }
  return last;
}

/** The overload with these argument types (`integer, text` as the catalog prints them), when one matches. */
function overload(model: SchemaModel, schema: string, name: string, args: string): Origin | undefined {
  const overloads = model.functions.get(qualifiedKey(schema, name)) ?? [];
  const wanted = types(args);
  const sameCount = overloads.filter(
    (f) => types(f.signature.slice(f.signature.indexOf('(') + 1, -1)).length === wanted.length,
  );
  if (sameCount.length === 1) return sameCount[0]!.origin;
  const same = sameCount.filter(
    (f) => types(f.signature.slice(f.signature.indexOf('(') + 1, -1)).join(',') === wanted.join(','),
  );
  return same.length === 1 ? same[0]!.origin : undefined;
}

/** Argument types without modifiers or schemas, so the model's `character varying(20)` is the catalog's one. */
function types(list: string): string[] {
  const bare = list.replace(/\([^)]*\)/g, '').trim();
  if (bare === '') return [];
  return bare.split(',').map((t) => t.trim().replace(/^.*\./, ''));
}
