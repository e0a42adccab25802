// replay-order-dependency: a migration uses a table, view, type or function that only a higher version creates.
import type { CreateFunctionStmt, FuncCall, RangeVar, TypeName } from '@pgsql/types';
import {
  as,
  checkFunctionBodiesSet,
  display,
  LEAF_KINDS,
  type Node,
  type NodeKind,
  nodeKindOf,
  qualifiedKey,
  strings,
} from '../../sql/ast.js';
import { parseSql } from '../../sql/parse.js';
import type { FilePosition, LintFile, Rule, SchemaModel, Statement } from '../types.js';

type RefKind = 'relation' | 'type' | 'function';

interface Ref {
  kind: RefKind;
  schema: string | undefined;
  name: string;
  /** Where to report: an AST location inside `stmt`, or a file position. */
  location?: number;
  at?: FilePosition;
  /** No AST location: find the name in the statement text, only when reporting (a regex per reference is costly). */
  textual?: true;
}

interface Pending extends Ref {
  stmt: Statement;
  searchPath: string[];
}

const RELATION_OBJECTS = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_FOREIGN_TABLE',
  'OBJECT_COLUMN',
  'OBJECT_TABCONSTRAINT',
  'OBJECT_POLICY',
  'OBJECT_TRIGGER',
  'OBJECT_RULE',
]);
const FUNCTION_OBJECTS = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE']);
const TYPE_OBJECTS = new Set(['OBJECT_TYPE', 'OBJECT_DOMAIN']);

/** Fields that name the object a statement creates (not a use of it). */
const CREATED: Partial<Record<NodeKind, string>> = {
  CreateStmt: 'relation',
  ViewStmt: 'view',
  CreateTableAsStmt: 'into',
  CreateSeqStmt: 'sequence',
  AlterSeqStmt: 'sequence',
  CompositeTypeStmt: 'typevar',
};

function payloadOf(stmt: Statement): Record<string, unknown> {
  return (stmt.node(stmt.kind) as unknown as Record<string, unknown> | undefined) ?? {};
}

/** The last name of everything any file creates: only those can be "created by a later file". */
function createdNames(files: readonly LintFile[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const stmt of file.statements) {
      const p = payloadOf(stmt);
      let name: string | undefined;
      switch (stmt.kind) {
        case 'CreateStmt':
          name = (p['relation'] as RangeVar | undefined)?.relname;
          break;
        case 'ViewStmt':
          name = (p['view'] as RangeVar | undefined)?.relname;
          break;
        case 'CreateTableAsStmt':
          name = (p['into'] as { rel?: RangeVar } | undefined)?.rel?.relname;
          break;
        case 'CompositeTypeStmt':
          name = (p['typevar'] as RangeVar | undefined)?.relname;
          break;
        case 'CreateEnumStmt':
        case 'CreateRangeStmt':
          name = strings(p['typeName'] as Node[] | undefined).pop();
          break;
        case 'CreateDomainStmt':
          name = strings(p['domainname'] as Node[] | undefined).pop();
          break;
        case 'CreateFunctionStmt':
          name = strings(p['funcname'] as Node[] | undefined).pop();
          break;
        case 'RenameStmt':
          name = p['newname'] as string | undefined;
          break;
      }
      if (name) names.add(name);
    }
  }
  return names;
}

function keysFor(
  ref: { kind: RefKind; schema: string | undefined; name: string },
  searchPath: string[],
): string[] {
  if (ref.schema !== undefined) return [qualifiedKey(ref.schema, ref.name)];
  const schemas = searchPath.filter((s) => s !== '' && s !== '$user');
  if (ref.kind !== 'relation') schemas.push('pg_catalog');
  return schemas.map((s) => qualifiedKey(s, ref.name));
}

/** What a key names in the model now, if anything. */
function lookup(model: SchemaModel, kind: RefKind, key: string): string | undefined {
  if (kind === 'function') return model.functions.has(key) ? 'Function' : undefined;
  const view = model.views.get(key);
  if (view) return view.materialized ? 'Materialized view' : 'View';
  if (model.tables.has(key)) return 'Table';
  // A table's row type is a type too.
  if (kind === 'type' && model.types.has(key)) return 'Type';
  return undefined;
}

/** Whether `resolve` finds the reference, without building its keys list (most references resolve). */
function resolves(model: SchemaModel, ref: Ref, searchPath: string[]): boolean {
  if (ref.schema !== undefined)
    return lookup(model, ref.kind, qualifiedKey(ref.schema, ref.name)) !== undefined;
  for (const s of searchPath) {
    if (s !== '' && s !== '$user' && lookup(model, ref.kind, qualifiedKey(s, ref.name)) !== undefined)
      return true;
  }
  return (
    ref.kind !== 'relation' && lookup(model, ref.kind, qualifiedKey('pg_catalog', ref.name)) !== undefined
  );
}

function resolve(
  model: SchemaModel,
  ref: Ref,
  searchPath: string[],
): { key: string; what: string } | undefined {
  for (const key of keysFor(ref, searchPath)) {
    const what = lookup(model, ref.kind, key);
    if (what) return { key, what };
  }
  return undefined;
}

/** Where a name is written in the statement, for references without an AST location (start if not found). */
function locate(stmt: Statement, ref: { schema: string | undefined; name: string }): FilePosition {
  const word = (w: string) => `"?${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?`;
  const pattern =
    ref.schema === undefined ? word(ref.name) : `${word(ref.schema)}\\s*\\.\\s*${word(ref.name)}`;
  const m = new RegExp(`(?<![\\w$])${pattern}(?![\\w$])`, 'i').exec(stmt.text);
  return { file: stmt.file, offset: stmt.start + (m?.index ?? 0) };
}

function nameRef(kind: RefKind, parts: string[]): Omit<Ref, 'location' | 'at'> | undefined {
  const name = parts[parts.length - 1];
  if (!name) return undefined;
  return { kind, schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name };
}

/** Fields typed `TypeName` in the AST (their values are not wrapped in `{ TypeName: … }`). */
const TYPE_FIELDS = new Set([
  'typeName',
  'returnType',
  'argType',
  'ofTypename',
  'type_name',
  'datatype',
  'sourcetype',
  'targettype',
]);

/** One reference walk: only names some file creates are kept (the rule ignores every other reference). */
interface RefWalk {
  names: ReadonlySet<string>;
  out: Ref[];
  /** CTE names met on the way, when relation references to them are to be dropped (see `astRefs`). */
  ctes: Set<string> | undefined;
}

/** A reference named by the last two String nodes of a list (`schema.name` or `name`), if `names` has it. */
function listNameRef(
  w: RefWalk,
  kind: RefKind,
  list: Node[] | undefined,
  location: number | undefined,
): void {
  if (!list) return;
  let name: string | undefined;
  let schema: string | undefined;
  let found = 0;
  for (let i = list.length - 1; i >= 0 && found < 2; i--) {
    const s = as(list[i], 'String');
    if (!s) continue;
    if (found++ === 0) name = s.sval ?? '';
    else schema = s.sval ?? '';
  }
  if (!name || !w.names.has(name) || schema === 'pg_catalog') return;
  w.out.push({ kind, schema, name, location });
}

/** One value still to visit, with the field it was found under and the key of it to skip. */
type RefFrame = [value: unknown, field: string | undefined, skip: string | undefined];

/**
 * A preorder walk with an explicit stack, not recursion: expressions nested thousands deep (generated SQL, or a
 * hostile file) would overflow the call stack. Children are pushed last-first so that they pop in document order.
 */
function visitRefs(w: RefWalk, root: unknown, skipRoot: string | undefined): void {
  const stack: RefFrame[] = [[root, undefined, skipRoot]];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const [value, field, skip] = frame;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v = value[i];
        if (v !== null && typeof v === 'object') stack.push([v, field, undefined]);
      }
      continue;
    }
    const payload = visitRefNode(w, value as Record<string, unknown>, field);
    if (!payload) continue;
    const keys = Object.keys(payload);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const v = payload[key];
      // Strings, numbers and booleans hold no reference: never pushed.
      if (v !== null && typeof v === 'object' && key !== skip) stack.push([v, key, undefined]);
    }
  }
}

/** Records what one node refers to; returns the payload whose fields are to be visited, or undefined for none. */
function visitRefNode(
  w: RefWalk,
  obj: Record<string, unknown>,
  field: string | undefined,
): Record<string, unknown> | undefined {
  const kind = nodeKindOf(obj);
  // Names and constants hold no reference and no CTE.
  if (kind !== undefined && LEAF_KINDS.has(kind)) return undefined;
  const payload = (kind !== undefined ? obj[kind] : obj) as Record<string, unknown>;
  if (!payload || typeof payload !== 'object') return undefined;
  if (kind === 'RangeVar' || (kind === undefined && typeof payload['relname'] === 'string')) {
    const rv = payload as RangeVar;
    // A sequence named for an identity column is created, not used.
    if (field !== 'identitySequence' && rv.relname && w.names.has(rv.relname))
      w.out.push({ kind: 'relation', schema: rv.schemaname, name: rv.relname, location: rv.location });
    return undefined;
  }
  if (
    kind === 'TypeName' ||
    (kind === undefined && field !== undefined && TYPE_FIELDS.has(field) && Array.isArray(payload['names']))
  ) {
    const t = payload as TypeName;
    if (!t.pct_type) listNameRef(w, 'type', t.names, t.location);
  } else if (kind === 'FuncCall') {
    const call = payload as FuncCall;
    listNameRef(w, 'function', call.funcname, call.location);
  } else if (kind === 'CommonTableExpr' && w.ctes) {
    const name = (payload as { ctename?: string }).ctename;
    if (name) w.ctes.add(name);
  }
  return payload;
}

/**
 * References in an AST to names in `names`: relations (RangeVar), types (TypeName) and function calls
 * (FuncCall). With `dropCtes`, unqualified relation references to a CTE of the tree are left out; the CTE
 * names are gathered in the same walk (the skipped field, the created object's RangeVar, holds no CTE).
 */
function astRefs(
  root: unknown,
  skipKey: string | undefined,
  dropCtes: boolean,
  names: ReadonlySet<string>,
  out: Ref[],
): void {
  const from = out.length;
  const w: RefWalk = { names, out, ctes: dropCtes ? new Set() : undefined };
  visitRefs(w, root, skipKey);
  const ctes = w.ctes;
  if (!ctes || ctes.size === 0) return;
  let kept = from;
  for (let i = from; i < out.length; i++) {
    const r = out[i]!;
    if (r.kind === 'relation' && r.schema === undefined && ctes.has(r.name)) continue;
    out[kept++] = r;
  }
  out.length = kept;
}

/** The statements of a `language sql` body, with their references mapped to file positions. */
function sqlBodyRefs(
  stmt: Statement,
  node: CreateFunctionStmt,
  names: ReadonlySet<string>,
  out: Ref[],
): void {
  let language = 'sql';
  let asLocation: number | undefined;
  for (const o of node.options ?? []) {
    const d = as(o, 'DefElem');
    if (d?.defname === 'language') language = (as(d.arg, 'String')?.sval ?? '').toLowerCase();
    if (d?.defname === 'as') asLocation = d.location;
  }
  if (language !== 'sql' || asLocation === undefined) return;
  const from = stmt.offsetOf(asLocation);
  const literal = stmt.file.literals.find((l) => l.start >= from && l.start < stmt.end);
  // Only dollar-quoted bodies map one to one onto the file; a '…' body with doubled quotes would drift.
  if (literal?.kind !== 'dollar') return;
  const body = stmt.file.text.slice(literal.contentStart, literal.contentEnd);
  let parsed: ReturnType<typeof parseSql>;
  try {
    parsed = parseSql(body);
  } catch {
    return;
  }
  if (parsed.errors.length > 0) return;
  for (const s of parsed.statements) {
    const refs: Ref[] = [];
    astRefs(s.ast, undefined, true, names, refs);
    for (const r of refs) {
      const char = parsed.source.byteToChar(s.byteBase + (r.location ?? 0));
      out.push({ ...r, location: undefined, at: { file: stmt.file, offset: literal.contentStart + char } });
    }
  }
}

/** Every reference a statement makes to a relation, type or function that must already exist. */
function statementRefs(stmt: Statement, checkBodies: boolean, names: ReadonlySet<string>): Ref[] {
  const refs: Ref[] = [];
  const payload = payloadOf(stmt);
  const listRef = (kind: RefKind, parts: string[]) => {
    const ref = nameRef(kind, parts);
    if (ref) refs.push({ ...ref, textual: true });
  };
  switch (stmt.kind) {
    case 'DropStmt': {
      const drop = stmt.node('DropStmt')!;
      if (drop.missing_ok) return refs;
      for (const o of drop.objects ?? []) {
        const t = drop.removeType ?? '';
        if (t === 'OBJECT_TABLE' || t === 'OBJECT_VIEW' || t === 'OBJECT_MATVIEW')
          listRef('relation', strings(as(o, 'List')?.items));
        else if (FUNCTION_OBJECTS.has(t)) listRef('function', strings(as(o, 'ObjectWithArgs')?.objname));
        else if (TYPE_OBJECTS.has(t)) listRef('type', strings(as(o, 'TypeName')?.names));
      }
      return refs;
    }
    case 'AlterTableStmt':
    case 'RenameStmt':
    case 'AlterObjectSchemaStmt':
    case 'AlterOwnerStmt': {
      if (payload['missing_ok']) return refs;
      const type = String(payload['objtype'] ?? payload['renameType'] ?? payload['objectType'] ?? '');
      if (!RELATION_OBJECTS.has(type)) {
        // ALTER INDEX / SEQUENCE / TYPE …: the relation field names no table or view.
        astRefs(payload, 'relation', false, names, refs);
        return refs;
      }
      break;
    }
    case 'AlterEnumStmt':
      listRef('type', strings(stmt.node('AlterEnumStmt')?.typeName));
      return refs;
    case 'CreateTrigStmt': {
      const trig = stmt.node('CreateTrigStmt')!;
      const ref = nameRef('function', strings(trig.funcname));
      const m = /\bexecute\s+(function|procedure)\s+/i.exec(stmt.text);
      if (ref)
        refs.push({ ...ref, at: { file: stmt.file, offset: stmt.start + (m ? m.index + m[0].length : 0) } });
      break;
    }
    case 'CommentStmt': {
      const c = stmt.node('CommentStmt')!;
      const parts = strings(as(c.object, 'List')?.items);
      const t = c.objtype ?? '';
      if (t === 'OBJECT_TABLE' || t === 'OBJECT_VIEW' || t === 'OBJECT_MATVIEW') listRef('relation', parts);
      else if (t === 'OBJECT_COLUMN') listRef('relation', parts.slice(0, -1));
      else if (FUNCTION_OBJECTS.has(t)) listRef('function', strings(as(c.object, 'ObjectWithArgs')?.objname));
      else if (TYPE_OBJECTS.has(t)) astRefs(c.object, undefined, false, names, refs);
      return refs;
    }
    case 'GrantStmt': {
      const g = stmt.node('GrantStmt')!;
      if (g.targtype !== 'ACL_TARGET_OBJECT') return refs;
      const t = g.objtype ?? '';
      for (const o of g.objects ?? []) {
        if (FUNCTION_OBJECTS.has(t)) listRef('function', strings(as(o, 'ObjectWithArgs')?.objname));
        else if (t === 'OBJECT_TABLE') astRefs(o, undefined, false, names, refs);
      }
      return refs;
    }
    case 'AlterFunctionStmt':
      listRef('function', strings(stmt.node('AlterFunctionStmt')?.func?.objname));
      return refs;
    case 'CreateFunctionStmt':
      if (checkBodies) sqlBodyRefs(stmt, stmt.node('CreateFunctionStmt')!, names, refs);
      break;
    default:
      break;
  }
  astRefs(payload, CREATED[stmt.kind], true, names, refs);
  return refs;
}

export const replayOrderDependency = {
  id: 'replay-order-dependency',
  severity: 'error',
  description:
    'A migration that uses a table, view, type or function which only a migration with a higher version creates, so a fresh replay in version order fails.',
  help: 'The database you developed against applied the files in the order they were written, but `supabase db reset`, CI and new environments apply them in version order. Move the statement into a migration numbered after the one that creates the object, or create the object earlier.',
  create: ({ model, files, report }) => {
    const names = createdNames(files);
    let pending: Pending[] = [];
    let checkBodies = true;
    return {
      fileStart() {
        checkBodies = true;
      },
      statement(stmt) {
        checkBodies = checkFunctionBodiesSet(stmt.ast) ?? checkBodies;
        const refs = statementRefs(stmt, checkBodies, names);
        if (refs.length === 0) return;
        let seen: Set<string> | undefined;
        for (const ref of refs) {
          if (!names.has(ref.name) || resolves(model, ref, model.searchPath)) continue;
          const id = `${ref.kind}:${ref.schema ?? ''}.${ref.name}`;
          seen ??= new Set();
          if (seen.has(id)) continue;
          seen.add(id);
          pending.push({ ...ref, stmt, searchPath: [...model.searchPath] });
        }
      },
      fileEnd(file) {
        if (pending.length === 0) return;
        const still: Pending[] = [];
        for (const p of pending) {
          const found = resolve(model, p, p.searchPath);
          if (!found) {
            still.push(p);
            continue;
          }
          // Created later in the same file: an ordinary ordering mistake, not one of replay order.
          if (p.stmt.file === file) continue;
          const dot = found.key.indexOf('.');
          const object = { schema: found.key.slice(0, dot), name: found.key.slice(dot + 1) };
          const at = p.at ?? (p.textual ? locate(p.stmt, p) : undefined);
          report({
            ...(at ? { at } : { at: p.stmt, location: p.location }),
            message: `${found.what} ${display(object)} does not exist yet when ${p.stmt.file.name} runs in version order: only ${file.name}, a higher version, creates it, so a fresh replay fails here; move this statement to a migration after ${file.name} or create the object earlier.`,
          });
        }
        pending = still;
      },
    };
  },
} satisfies Rule;
