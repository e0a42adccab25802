// Typed helpers over libpg-query's JSON AST (@pgsql/types): node kinds, narrowing, names, walking.
import type { Node, RangeVar, RoleSpec, TypeName } from '@pgsql/types';

export type { Node } from '@pgsql/types';

/** Every node kind name: `CreateStmt`, `ColumnDef`, `A_Const`, … */
export type NodeKind = Node extends infer N ? (N extends N ? keyof N : never) : never;

/** The payload of a node of kind K: `NodeOf<'CreateStmt'>` is `CreateStmt`. */
export type NodeOf<K extends NodeKind> =
  Extract<Node, Record<K, unknown>> extends infer N ? (N extends Record<K, infer P> ? P : never) : never;

/** The kind of a node (its only key). */
export function kindOf(node: Node): NodeKind {
  for (const key in node) return key as NodeKind;
  return 'A_Star' as NodeKind;
}

/** The payload when `node` is of kind `kind`, else undefined. */
export function as<K extends NodeKind>(node: Node | undefined | null, kind: K): NodeOf<K> | undefined {
  if (!node) return undefined;
  return (node as Record<string, unknown>)[kind] as NodeOf<K> | undefined;
}

/** The `sval` of a `String` node list: `[{String:{sval:'public'}},{String:{sval:'t'}}]` → `['public','t']`. */
export function strings(list: Node[] | undefined): string[] {
  const out: string[] = [];
  for (const item of list ?? []) {
    const s = as(item, 'String');
    if (s) out.push(s.sval ?? '');
  }
  return out;
}

/** The last String of a list, e.g. a function or type name without its schema. */
export function lastString(list: Node[] | undefined): string {
  const all = strings(list);
  return all[all.length - 1] ?? '';
}

/** A schema-qualified name with the schema filled in. */
export interface QualifiedName {
  schema: string;
  name: string;
}

export function qualify(schema: string | undefined, name: string, defaultSchema: string): QualifiedName {
  return { schema: schema ?? defaultSchema, name };
}

/**
 * Keys built so far, by schema then name. Looking a fresh `a.b` string up in a Map means flattening and
 * hashing it every time; a key taken from here was hashed once. Cleared when it grows large.
 */
const keys = new Map<string, Map<string, string>>();
let keyCount = 0;

/** `schema.name` as a map key (identifiers are already case-folded by the parser). */
export function qualifiedKey(schema: string, name: string): string {
  let byName = keys.get(schema);
  if (byName === undefined) {
    if (keyCount > 100_000) {
      keys.clear();
      keyCount = 0;
    }
    byName = new Map();
    keys.set(schema, byName);
  }
  let key = byName.get(name);
  if (key === undefined) {
    key = `${schema}.${name}`;
    byName.set(name, key);
    keyCount++;
  }
  return key;
}

/** `schema.name` as a map key (identifiers are already case-folded by the parser). */
export function keyOf(q: QualifiedName): string {
  return qualifiedKey(q.schema, q.name);
}

/** For messages: `public.users`, with quotes where Postgres would need them. */
export function display(q: QualifiedName): string {
  return `${ident(q.schema)}.${ident(q.name)}`;
}

export function ident(name: string): string {
  return isPlainIdent(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `/^[a-z_][a-z0-9_$]*$/` as a character loop: messages and keys call this for every name they show. */
function isPlainIdent(name: string): boolean {
  if (name.length === 0) return false;
  const first = name.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || first === 95)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36)) return false;
  }
  return true;
}

export function rangeVarName(rv: RangeVar | undefined, defaultSchema: string): QualifiedName {
  return qualify(rv?.schemaname, rv?.relname ?? '', defaultSchema);
}

/** A name list (`['auth','users']` or `['users']`) as a qualified name. */
export function listName(list: Node[] | undefined, defaultSchema: string): QualifiedName {
  const parts = strings(list);
  const name = parts[parts.length - 1] ?? '';
  return qualify(parts.length > 1 ? parts[parts.length - 2] : undefined, name, defaultSchema);
}

/** Role names of RoleSpec nodes; `PUBLIC` is `public`, CURRENT_USER and friends are `current_user` etc. */
export function roleNames(list: Node[] | undefined): string[] {
  return (list ?? []).map((n) => roleName(as(n, 'RoleSpec')));
}

export function roleName(spec: RoleSpec | undefined): string {
  switch (spec?.roletype) {
    case 'ROLESPEC_PUBLIC':
      return 'public';
    case 'ROLESPEC_CURRENT_ROLE':
      return 'current_role';
    case 'ROLESPEC_CURRENT_USER':
      return 'current_user';
    case 'ROLESPEC_SESSION_USER':
      return 'session_user';
    default:
      return spec?.rolename ?? '';
  }
}

/** Type aliases the grammar rewrites, mapped back to the names people write. */
const TYPE_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'character',
  varchar: 'character varying',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
};

export interface TypeInfo {
  /** Schema when written (`pg_catalog` for built-in types rewritten by the grammar). */
  schema: string | undefined;
  /** Internal name: `int4`, `varchar`, `timestamptz`, `text`, `my_enum`. */
  name: string;
  /** Type modifiers as written: `[255]` for varchar(255). */
  mods: (number | string)[];
  /** Array dimensions (`text[]` is 1). */
  arrayDims: number;
  /** Readable: `character varying(255)`, `integer[]`, `public.my_enum`. */
  text: string;
}

export function typeInfo(t: TypeName | undefined): TypeInfo {
  const parts = strings(t?.names);
  const name = parts[parts.length - 1] ?? '';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const mods = (t?.typmods ?? []).map((m) => {
    const c = as(m, 'A_Const');
    if (c?.ival) return c.ival.ival ?? 0;
    if (c?.sval) return c.sval.sval ?? '';
    return '?';
  });
  const arrayDims = t?.arrayBounds?.length ?? 0;
  const base =
    schema === 'pg_catalog' && TYPE_NAMES[name]
      ? TYPE_NAMES[name]!
      : schema && schema !== 'pg_catalog'
        ? `${ident(schema)}.${ident(name)}`
        : name;
  const text = `${base}${mods.length ? `(${mods.join(', ')})` : ''}${'[]'.repeat(arrayDims)}`;
  return { schema, name, mods, arrayDims, text };
}

/**
 * The kind of `obj` when it is a node (an object with one key whose name starts with a capital letter), else
 * undefined. A `for…in` that stops at the second key: no key array, no regex (this runs for every object of
 * every tree the rules walk).
 */
export function nodeKindOf(obj: object): string | undefined {
  let only: string | undefined;
  for (const key in obj) {
    if (only !== undefined) return undefined;
    only = key;
  }
  if (only === undefined) return undefined;
  const c = only.charCodeAt(0);
  return c >= 65 && c <= 90 ? only : undefined;
}

/**
 * Node kinds whose subtrees hold only names and constants (no expression, call, relation or type): walks that
 * look for those can stop at them.
 */
export const LEAF_KINDS: ReadonlySet<string> = new Set([
  'String',
  'Integer',
  'Float',
  'Boolean',
  'BitString',
  'A_Const',
  'A_Star',
  'ColumnRef',
  'ParamRef',
  'RoleSpec',
]);

/**
 * Calls `visit` for every node under `root` (depth first, parents before children). Return `false` from
 * `visit` to skip a node's children.
 */
export function walk(
  root: unknown,
  visit: (kind: NodeKind, payload: Record<string, unknown>) => unknown,
): void {
  // An explicit stack, not recursion: expression trees can nest deeper than the call stack allows.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const obj = value as Record<string, unknown>;
    const only = nodeKindOf(obj);
    if (only !== undefined) {
      const payload = obj[only];
      if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
        if (visit(only as NodeKind, payload as Record<string, unknown>) === false) continue;
      }
      stack.push(payload);
      continue;
    }
    // Children go on the stack in key order, then that run is reversed so they pop in key order.
    const base = stack.length;
    for (const key in obj) {
      const child = obj[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
    for (let i = base, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i];
      stack[i] = stack[j];
      stack[j] = t;
    }
  }
}

/** The smallest `location` in a subtree: where an expression starts in the source (-1 if none). */
export function startLocation(root: unknown): number {
  let min = -1;
  const visitValue = (payload: Record<string, unknown>) => {
    const loc = payload['location'];
    if (typeof loc === 'number' && loc >= 0 && (min < 0 || loc < min)) min = loc;
  };
  if (root && typeof root === 'object' && !Array.isArray(root)) {
    const loc = (root as Record<string, unknown>)['location'];
    if (typeof loc === 'number' && loc >= 0) min = loc;
  }
  walk(root, (_kind, payload) => {
    visitValue(payload);
  });
  return min;
}

/** Whether a DefElem list (`WITH (…)` options) sets `name` to a true-ish value. */
export function optionIsTrue(options: Node[] | undefined, name: string): boolean | undefined {
  for (const o of options ?? []) {
    const d = as(o, 'DefElem');
    if (d?.defname !== name) continue;
    if (d.arg === undefined) return true;
    const s = as(d.arg, 'String')?.sval ?? as(d.arg, 'A_Const')?.sval?.sval;
    if (s !== undefined) return ['true', 'on', 'yes', '1'].includes(s.toLowerCase());
    const b = as(d.arg, 'Boolean');
    if (b) return Boolean(b.boolval);
    const i = as(d.arg, 'Integer') ?? as(d.arg, 'A_Const')?.ival;
    if (i) return (i.ival ?? 0) !== 0;
    return true;
  }
  return undefined;
}

/**
 * The value a `SET [LOCAL] check_function_bodies …` statement gives the setting (`RESET` and `TO DEFAULT` turn
 * it back on), or undefined for any other statement. pg_dump output turns it off, and then Postgres no longer
 * checks function bodies when they are created.
 */
export function checkFunctionBodiesSet(ast: Node): boolean | undefined {
  const set = as(ast, 'VariableSetStmt');
  if (set?.name !== 'check_function_bodies') return undefined;
  if (set.kind !== 'VAR_SET_VALUE') return true;
  const value = as(set.args?.[0], 'A_Const')?.sval?.sval ?? '';
  return !['off', 'false', '0', 'no'].includes(value.toLowerCase());
}
