// Schemas, extensions, comments, search_path, sequences, triggers and SET SCHEMA moves.
import type {
  AlterObjectSchemaStmt,
  CommentStmt,
  CreateExtensionStmt,
  CreateSchemaStmt,
  CreateSeqStmt,
  CreateTrigStmt,
  SelectStmt,
  VariableSetStmt,
} from '@pgsql/types';
import { as, keyOf, listName, rangeVarName, strings } from '../../../sql/ast.js';
import { originAt, type Replay } from './context.js';
import { setValue } from './functions.js';

export function createSchema(node: CreateSchemaStmt, r: Replay): void {
  if (!node.schemaname || r.model.schemas.has(node.schemaname)) return;
  r.model.schemas.set(node.schemaname, {
    name: node.schemaname,
    builtin: r.stmt.file.index < 0,
    origin: originAt(r.stmt),
  });
}

export function createExtension(node: CreateExtensionStmt, r: Replay): void {
  if (!node.extname || r.model.extensions.has(node.extname)) return;
  let schema: string | undefined;
  for (const o of node.options ?? []) {
    const d = as(o, 'DefElem');
    if (d?.defname === 'schema') schema = as(d.arg, 'String')?.sval;
  }
  r.model.extensions.set(node.extname, {
    name: node.extname,
    schema: schema ?? r.model.defaultSchema,
    builtin: r.stmt.file.index < 0,
    origin: originAt(r.stmt),
  });
}

export function alterObjectSchema(node: AlterObjectSchemaStmt, r: Replay): void {
  const target = node.newschema;
  if (!target) return;
  if (node.objectType === 'OBJECT_EXTENSION') {
    const ext = r.model.extensions.get(as(node.object, 'String')?.sval ?? '');
    if (ext) ext.schema = target;
    return;
  }
  if (node.objectType === 'OBJECT_TABLE' && node.relation) {
    const table = r.model.table(node.relation);
    if (!table) return;
    r.model.tables.delete(table.key);
    table.schema = target;
    table.key = keyOf({ schema: target, name: table.name });
    r.model.tables.set(table.key, table);
  }
}

export function comment(node: CommentStmt, r: Replay): void {
  if (
    node.objtype === 'OBJECT_TABLE' ||
    node.objtype === 'OBJECT_VIEW' ||
    node.objtype === 'OBJECT_MATVIEW'
  ) {
    const rel = r.model.relation(as(node.object, 'List')?.items ?? []);
    if (rel) rel.comment = node.comment;
  }
}

function applySearchPath(value: string | undefined, r: Replay): void {
  if (value === undefined) {
    r.model.searchPath = ['public'];
    return;
  }
  r.model.searchPath = value
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .map((s) => (s === "''" ? '' : s));
}

export function variableSet(node: VariableSetStmt, r: Replay): void {
  if (node.name !== 'search_path') return;
  applySearchPath(setValue(node), r);
}

/** pg_dump writes `SELECT pg_catalog.set_config('search_path', '', false);`. */
export function selectSetConfig(node: SelectStmt, r: Replay): void {
  for (const t of node.targetList ?? []) {
    const call = as(as(t, 'ResTarget')?.val, 'FuncCall');
    if (!call || strings(call.funcname).pop() !== 'set_config') continue;
    const [name, value] = (call.args ?? []).map((a) => as(a, 'A_Const')?.sval?.sval);
    if (name === 'search_path' && value !== undefined) applySearchPath(value === '' ? "''" : value, r);
  }
}

export function createSequence(node: CreateSeqStmt, r: Replay): void {
  const q = rangeVarName(node.sequence, r.model.defaultSchema);
  r.model.sequences.set(keyOf(q), { ...q, key: keyOf(q), origin: originAt(r.stmt) });
}

export function createTrigger(node: CreateTrigStmt, r: Replay): void {
  const table = node.relation ? r.model.table(node.relation) : undefined;
  if (!table || !node.trigname) return;
  table.triggers.set(node.trigname, {
    name: node.trigname,
    table: table.key,
    function: keyOf(r.model.resolve(listName(node.funcname, r.model.defaultSchema), r.model.functions)),
    origin: originAt(r.stmt),
  });
}
