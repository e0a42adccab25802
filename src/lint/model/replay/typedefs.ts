// CREATE TYPE (enum, composite, range), CREATE DOMAIN and ALTER TYPE … ADD VALUE / RENAME VALUE.
import type {
  AlterEnumStmt,
  CompositeTypeStmt,
  CreateDomainStmt,
  CreateEnumStmt,
  CreateRangeStmt,
} from '@pgsql/types';
import { as, keyOf, listName, type QualifiedName, rangeVarName } from '../../../sql/ast.js';
import type { TypeDef } from '../types.js';
import { originAt, type Replay } from './context.js';

function define(r: Replay, q: QualifiedName, kind: TypeDef['kind'], values: string[] = []): void {
  const origin = originAt(r.stmt);
  r.model.types.set(keyOf(q), {
    kind,
    schema: q.schema,
    name: q.name,
    key: keyOf(q),
    values: values.map((name) => ({ name, origin })),
    builtin: r.stmt.file.index < 0,
    origin,
  });
}

export function createEnum(node: CreateEnumStmt, r: Replay): void {
  const values = (node.vals ?? []).map((v) => as(v, 'String')?.sval ?? '');
  define(r, listName(node.typeName, r.model.defaultSchema), 'enum', values);
}

export function createComposite(node: CompositeTypeStmt, r: Replay): void {
  define(r, rangeVarName(node.typevar, r.model.defaultSchema), 'composite');
}

export function createDomain(node: CreateDomainStmt, r: Replay): void {
  define(r, listName(node.domainname, r.model.defaultSchema), 'domain');
}

export function createRange(node: CreateRangeStmt, r: Replay): void {
  define(r, listName(node.typeName, r.model.defaultSchema), 'range');
}

export function alterEnum(node: AlterEnumStmt, r: Replay): void {
  const type = r.model.type(node.typeName ?? []);
  if (!type || !node.newVal) return;
  if (node.oldVal) {
    const value = type.values.find((v) => v.name === node.oldVal);
    if (value) value.name = node.newVal;
    return;
  }
  if (type.values.some((v) => v.name === node.newVal)) return;
  const value = { name: node.newVal, origin: originAt(r.stmt) };
  const at = node.newValNeighbor ? type.values.findIndex((v) => v.name === node.newValNeighbor) : -1;
  if (at < 0) type.values.push(value);
  else type.values.splice(node.newValIsAfter ? at + 1 : at, 0, value);
}
