// The statements that walk a migration's renames (and moves to another schema) back. A rename read as a drop and an add would lose the rows
// or the values behind it; its reverse keeps them. Only what reverses exactly is here: the diff engine handles
// anything left out as a drop and an add.
import type { AlterObjectSchemaStmt, Node, RangeVar, RenameStmt } from '@pgsql/types';
import { as, ident, strings } from '../sql/ast.js';
import { loadParser, parseSql } from '../sql/parse.js';

/** What `ALTER <keyword>` a relation's RENAME statement names it by. */
const RELATION_KEYWORDS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_INDEX: 'INDEX',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
};

const ROUTINE_KEYWORDS: Record<string, string> = {
  OBJECT_FUNCTION: 'FUNCTION',
  OBJECT_PROCEDURE: 'PROCEDURE',
  OBJECT_ROUTINE: 'ROUTINE',
};

type Quote = (name: string) => string;

/** Quotes every name: for the few plain-looking names that are reserved words (`user`, `order`). */
const quoteAll: Quote = (name) => `"${name.replace(/"/g, '""')}"`;

/**
 * For every top-level rename in the migration, the statement that undoes it, last rename first: applied in this
 * order, they walk the renames back (each reverse runs when the names are as that rename left them).
 */
export async function reverseRenames(m: { text: string }): Promise<string[]> {
  await loadParser();
  const { statements, source } = parseSql(m.text);
  const out: string[] = [];
  for (const s of statements) {
    if (s.nested) continue;
    const text = source.text.slice(s.start, s.end);
    const plain = reverse(s.ast, text, ident);
    if (plain === undefined) continue;
    // `ident` quotes by spelling only; when its output does not parse, a name is a reserved word.
    out.push(`${parseSql(plain).errors.length === 0 ? plain : (reverse(s.ast, text, quoteAll) ?? plain)};`);
  }
  return out.reverse();
}

function reverse(ast: Node, text: string, q: Quote): string | undefined {
  const moved = as(ast, 'AlterObjectSchemaStmt');
  if (moved) return reverseSetSchema(moved, q);
  const enumValue = as(ast, 'AlterEnumStmt');
  if (enumValue?.oldVal && enumValue.newVal)
    return `ALTER TYPE ${nameList(enumValue.typeName, q)} RENAME VALUE ${literal(enumValue.newVal)} TO ${literal(enumValue.oldVal)}`;
  const r = as(ast, 'RenameStmt');
  if (!r?.newname) return undefined;
  const ifExists = r.missing_ok ? ' IF EXISTS' : '';
  const type = r.renameType ?? '';
  const relationKeyword = RELATION_KEYWORDS[type];
  if (relationKeyword && r.relation?.relname) {
    const renamed = { ...r.relation, relname: r.newname };
    return `ALTER ${relationKeyword}${ifExists} ${relation(renamed, q)} RENAME TO ${q(r.relation.relname)}`;
  }
  const routineKeyword = ROUTINE_KEYWORDS[type];
  if (routineKeyword) return reverseRoutine(r, routineKeyword, text, q);
  const sub = r.subname;
  switch (type) {
    case 'OBJECT_COLUMN': {
      const keyword = RELATION_KEYWORDS[r.relationType ?? ''];
      if (!keyword || !sub) return undefined;
      return `ALTER ${keyword}${ifExists}${only(r)} ${relation(r.relation, q)} RENAME COLUMN ${q(r.newname)} TO ${q(sub)}`;
    }
    case 'OBJECT_TABCONSTRAINT':
      if (!sub) return undefined;
      return `ALTER TABLE${ifExists}${only(r)} ${relation(r.relation, q)} RENAME CONSTRAINT ${q(r.newname)} TO ${q(sub)}`;
    case 'OBJECT_ATTRIBUTE':
      if (!sub) return undefined;
      return `ALTER TYPE ${relation(r.relation, q)} RENAME ATTRIBUTE ${q(r.newname)} TO ${q(sub)}`;
    case 'OBJECT_DOMCONSTRAINT':
      if (!sub) return undefined;
      return `ALTER DOMAIN ${nameList(as(r.object, 'List')?.items, q)} RENAME CONSTRAINT ${q(r.newname)} TO ${q(sub)}`;
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const names = strings(as(r.object, 'List')?.items);
      const old = names.pop();
      if (!old) return undefined;
      const renamed = [...names, r.newname].map(q).join('.');
      return `ALTER ${type === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN'} ${renamed} RENAME TO ${q(old)}`;
    }
    case 'OBJECT_SCHEMA':
      return sub ? `ALTER SCHEMA ${q(r.newname)} RENAME TO ${q(sub)}` : undefined;
    case 'OBJECT_POLICY':
    case 'OBJECT_TRIGGER':
      if (!sub) return undefined;
      return `ALTER ${type === 'OBJECT_POLICY' ? 'POLICY' : 'TRIGGER'} ${q(r.newname)} ON ${relation(r.relation, q)} RENAME TO ${q(sub)}`;
    default:
      return undefined;
  }
}

/**
 * `ALTER TABLE s.t SET SCHEMA n` moves a relation or a type with its rows: back with `SET SCHEMA s` (an unqualified
 * original was in public, where a migration's search_path puts it).
 */
function reverseSetSchema(m: AlterObjectSchemaStmt, q: Quote): string | undefined {
  const target = m.newschema;
  if (!target) return undefined;
  const keyword = RELATION_KEYWORDS[m.objectType ?? ''];
  if (keyword && m.relation?.relname) {
    const from = m.relation.schemaname ?? 'public';
    return `ALTER ${keyword}${m.missing_ok ? ' IF EXISTS' : ''} ${q(target)}.${q(m.relation.relname)} SET SCHEMA ${q(from)}`;
  }
  if (m.objectType === 'OBJECT_TYPE' || m.objectType === 'OBJECT_DOMAIN') {
    const names = strings(as(m.object, 'List')?.items);
    const name = names.pop();
    if (!name) return undefined;
    const kind = m.objectType === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN';
    return `ALTER ${kind} ${q(target)}.${q(name)} SET SCHEMA ${q(names.pop() ?? 'public')}`;
  }
  return undefined;
}

/** `ALTER FUNCTION s.new(args as written) RENAME TO old`; without an argument list when the original had none. */
function reverseRoutine(r: RenameStmt, keyword: string, text: string, q: Quote): string | undefined {
  const owa = as(r.object, 'ObjectWithArgs');
  const names = strings(owa?.objname);
  const old = names.pop();
  if (!old || !r.newname) return undefined;
  const args = owa?.args_unspecified ? '' : argumentList(text);
  if (args === undefined) return undefined;
  return `ALTER ${keyword} ${[...names, r.newname].map(q).join('.')}${args} RENAME TO ${q(old)}`;
}

/**
 * The parenthesised argument list as the statement wrote it (whitespace runs made one space): from the first
 * `(` outside a quoted name to its match, passing quoted names and strings.
 */
function argumentList(text: string): string | undefined {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === '(') {
      if (depth++ === 0) open = i;
    } else if (c === ')' && --depth === 0) {
      return text.slice(open, i + 1).replace(/\s+/g, ' ');
    }
  }
  return undefined;
}

function relation(rv: RangeVar | undefined, q: Quote): string {
  return `${rv?.schemaname ? `${q(rv.schemaname)}.` : ''}${q(rv?.relname ?? '')}`;
}

/** `ONLY` when the original named a table without its inheritance children. */
function only(r: RenameStmt): string {
  const onTable = r.renameType === 'OBJECT_TABCONSTRAINT' || r.relationType === 'OBJECT_TABLE';
  // The JSON AST leaves `inh: false` out.
  return onTable && r.relation !== undefined && !r.relation.inh ? ' ONLY' : '';
}

function nameList(list: Node[] | undefined, q: Quote): string {
  return strings(list).map(q).join('.');
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
