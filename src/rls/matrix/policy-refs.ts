// What a policy compares the caller with, read from its expression with the parser: a column of the table
// against the user's id (`user_id = auth.uid()`), against an organization claim (`org_id = get_org_id()`,
// `auth.jwt() -> 'app_metadata' ->> 'org_id'`), or against a lookup in another table (`org_id in (select
// organization_id from profiles where user_id = auth.uid())`, `exists (select 1 from members m where m.org_id =
// t.org_id and m.user_id = auth.uid())`). The matrix seeds rows from these; functions it cannot see into are
// listed, so a table owned only through them is reported as not proven rather than guessed.
import type { Node } from '../../sql/ast.js';
import { deparse } from '../../sql/deparse.js';
import { parseSql } from '../../sql/parse.js';

export interface TableName {
  schema: string;
  name: string;
}

/** A row of `table` whose `userColumn` is the caller's id; its `pick` column is compared with `column`. */
export interface Lookup {
  column: string;
  table: TableName;
  pick: string;
  /** Null for a parent row owned some other way (by organization): its own owners decide whose it is. */
  userColumn: string | null;
}

export interface PolicyRefs {
  /** Columns compared with the caller's user id. */
  user: string[];
  /** Columns compared with an organization (tenant, team, workspace) claim. */
  org: string[];
  via: Lookup[];
  /** Functions, other than auth.*, whose result decides access and whose logic kodo does not read. */
  opaque: string[];
}

/** The columns of a table (for resolving unqualified names inside sub-selects), or undefined when unknown. */
export type ColumnsOf = (table: TableName) => readonly string[] | undefined;

interface Scope {
  /** alias or table name → the table it names; `self` for the policy's table. */
  tables: Map<string, TableName | 'self'>;
  /** Unqualified names resolve to the innermost table that has them. */
  order: Array<TableName | 'self'>;
  parent: Scope | null;
}

type Side =
  | { kind: 'self'; column: string }
  | { kind: 'column'; table: TableName; column: string }
  | { kind: 'claim'; claim: 'user' | 'org' | 'other' }
  | { kind: 'lookup'; table: TableName; pick: string; userColumn: string }
  /** `(select M.owner from M where M.key = self.c)`: the owner of the parent row self.c points at. */
  | { kind: 'parentOwner'; table: TableName; pick: string; ownerColumn: string; selfColumn: string }
  | { kind: 'other' };

const ORGISH = /org|tenant|team|workspace|company/;

/** Reads one policy expression (pg_get_expr's text) of `self`; unparsable text gives nothing. */
export function policyRefs(
  expr: string,
  self: TableName,
  selfColumns: readonly string[],
  columnsOf: ColumnsOf,
) {
  const refs: PolicyRefs = { user: [], org: [], via: [], opaque: [] };
  const parsed = parseSql(`select ${expr}`);
  const stmt = parsed.statements[0];
  if (parsed.errors.length > 0 || !stmt) return refs;
  const target = (stmt.ast as { SelectStmt?: { targetList?: Node[] } }).SelectStmt?.targetList?.[0];
  const val = (target as { ResTarget?: { val?: Node } } | undefined)?.ResTarget?.val;
  const scope: Scope = {
    tables: new Map([[self.name, 'self']]),
    order: ['self'],
    parent: null,
  };
  const reader = new Reader(self, selfColumns, columnsOf, refs);
  if (val) reader.visit(val, scope);
  refs.user = [...new Set(refs.user)];
  refs.org = [...new Set(refs.org)];
  refs.opaque = [...new Set(refs.opaque)];
  return refs;
}

class Reader {
  constructor(
    private readonly self: TableName,
    private readonly selfColumns: readonly string[],
    private readonly columnsOf: ColumnsOf,
    private readonly refs: PolicyRefs,
  ) {}

  /** Walks an expression, recording every comparison of a self column with the caller. */
  visit(node: Node, scope: Scope): void {
    const [kind, body] = entry(node);
    if (kind === 'A_Expr' && isEquality(body)) {
      const sides = [body['lexpr'] as Node, body['rexpr'] as Node];
      const [a, b] = sides.map((n) => this.side(n, scope)) as [Side, Side];
      this.compare(a, b);
      // A side read as the caller's id or organization is understood; only the rest is looked into.
      sides.forEach((n, i) => {
        const s = i === 0 ? a : b;
        const understood = (s.kind === 'claim' && s.claim !== 'other') || s.kind === 'lookup';
        if (!understood && s.kind !== 'parentOwner') this.visit(n, scope);
      });
      return;
    } else if (kind === 'SubLink') {
      this.subLink(body, scope);
      return;
    } else if (kind === 'FuncCall') {
      const name = funcName(body);
      if (!name.startsWith('auth.') && !isBuiltin(name)) this.refs.opaque.push(name);
    }
    for (const child of children(body)) this.visit(child, scope);
  }

  private compare(a: Side, b: Side): void {
    for (const [col, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (col.kind !== 'self') continue;
      if (other.kind === 'claim' && other.claim === 'user') this.refs.user.push(col.column);
      if (other.kind === 'claim' && other.claim === 'org') this.refs.org.push(col.column);
      if (other.kind === 'lookup') {
        const { table, pick, userColumn } = other;
        this.refs.via.push({ column: col.column, table, pick, userColumn });
      }
    }
    // `auth.uid() = (select p.owner_id from parents p where p.id = self.parent_id)`: self.parent_id is owned
    // through the parent row, whose owner_id is the caller.
    for (const [owner, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (owner.kind !== 'parentOwner' || other.kind !== 'claim' || other.claim !== 'user') continue;
      const { table, pick, ownerColumn, selfColumn } = owner;
      this.refs.via.push({ column: selfColumn, table, pick, userColumn: ownerColumn });
    }
  }

  private subLink(body: Record<string, unknown>, scope: Scope): void {
    const select = (body['subselect'] as { SelectStmt?: Record<string, unknown> }).SelectStmt;
    const type = body['subLinkType'];
    if (!select) return;
    const inner = this.scopeOf(select, scope);
    if (type === 'ANY_SUBLINK' && body['testexpr']) {
      this.compare(this.side(body['testexpr'] as Node, scope), this.lookup(select, inner));
    }
    if (type === 'EXISTS_SUBLINK') this.exists(select, inner);
    const where = select['whereClause'] as Node | undefined;
    if (where) this.visit(where, inner);
    for (const t of (select['targetList'] as Node[] | undefined) ?? []) this.visit(t, inner);
  }

  /** `exists (select … from M where M.u = <user> and M.x = self.c)`: self.c is owned through M. */
  private exists(select: Record<string, unknown>, inner: Scope): void {
    const table = soleTable(inner);
    if (!table) return;
    const terms = conjuncts(select['whereClause'] as Node | undefined).map((t) => {
      const [kind, body] = entry(t);
      return kind === 'A_Expr' && isEquality(body)
        ? [this.side(body['lexpr'] as Node, inner), this.side(body['rexpr'] as Node, inner)]
        : null;
    });
    const userColumn = terms
      .flatMap((p) => (p ? [p, [p[1], p[0]]] : []))
      .find(([a, b]) => a?.kind === 'column' && b?.kind === 'claim' && b.claim === 'user')?.[0];
    if (userColumn?.kind !== 'column') return;
    for (const pair of terms) {
      if (!pair) continue;
      const [a, b] = pair;
      const selfSide = a?.kind === 'self' ? a : b?.kind === 'self' ? b : null;
      const mSide = a?.kind === 'column' ? a : b?.kind === 'column' ? b : null;
      if (selfSide?.kind === 'self' && mSide?.kind === 'column') {
        this.refs.via.push({
          column: selfSide.column,
          table,
          pick: mSide.column,
          userColumn: userColumn.column,
        });
      }
    }
  }

  /** `(select M.x from M where M.u = <user>)` as a comparable side. */
  private lookup(select: Record<string, unknown>, inner: Scope): Side {
    const table = soleTable(inner);
    const target = (select['targetList'] as Node[] | undefined)?.[0];
    const val = (target as { ResTarget?: { val?: Node } } | undefined)?.ResTarget?.val;
    if (!table || !val) return { kind: 'other' };
    const picked = this.side(val, inner);
    if (picked.kind !== 'column') return { kind: 'other' };
    for (const term of conjuncts(select['whereClause'] as Node | undefined)) {
      const [kind, body] = entry(term);
      if (kind !== 'A_Expr' || !isEquality(body)) continue;
      const a = this.side(body['lexpr'] as Node, inner);
      const b = this.side(body['rexpr'] as Node, inner);
      const col = a.kind === 'column' ? a : b.kind === 'column' ? b : null;
      const claim = a.kind === 'claim' ? a : b.kind === 'claim' ? b : null;
      if (col?.kind === 'column' && claim?.kind === 'claim' && claim.claim === 'user') {
        return { kind: 'lookup', table, pick: picked.column, userColumn: col.column };
      }
    }
    return this.parentOwner(select, inner, table, picked.column);
  }

  /** `(select M.owner from M where M.key = self.c)`, correlated with the policy's row by one equality. */
  private parentOwner(select: Record<string, unknown>, inner: Scope, table: TableName, owner: string): Side {
    for (const term of conjuncts(select['whereClause'] as Node | undefined)) {
      const [kind, body] = entry(term);
      if (kind !== 'A_Expr' || !isEquality(body)) continue;
      const a = this.side(body['lexpr'] as Node, inner);
      const b = this.side(body['rexpr'] as Node, inner);
      const own = a.kind === 'self' ? a : b.kind === 'self' ? b : null;
      const key = a.kind === 'column' ? a : b.kind === 'column' ? b : null;
      if (own?.kind === 'self' && key?.kind === 'column' && tableKeyOf(key.table) === tableKeyOf(table)) {
        return { kind: 'parentOwner', table, pick: key.column, ownerColumn: owner, selfColumn: own.column };
      }
    }
    return { kind: 'other' };
  }

  private side(node: Node, scope: Scope): Side {
    const [kind, body] = entry(node);
    if (kind === 'TypeCast') return this.side(body['arg'] as Node, scope);
    if (kind === 'ColumnRef') return this.column(body, scope);
    if (kind === 'SubLink' && body['subLinkType'] === 'EXPR_SUBLINK') {
      const select = (body['subselect'] as { SelectStmt?: Record<string, unknown> }).SelectStmt;
      const noFrom = !select?.['fromClause'];
      const target = (select?.['targetList'] as Node[] | undefined)?.[0];
      const val = (target as { ResTarget?: { val?: Node } } | undefined)?.ResTarget?.val;
      if (select && noFrom && val) return this.side(val, scope);
      if (select && val) return this.lookup(select, this.scopeOf(select, scope));
    }
    if (hasColumn(node)) return { kind: 'other' };
    const text = deparse(node).toLowerCase();
    if (text.includes('auth.uid()') || text.includes("'sub'") || text.includes('jwt.claim.sub'))
      return { kind: 'claim', claim: 'user' };
    if (ORGISH.test(text)) return { kind: 'claim', claim: 'org' };
    return { kind: 'claim', claim: 'other' };
  }

  private column(body: Record<string, unknown>, scope: Scope): Side {
    const names = ((body['fields'] as Node[]) ?? []).map(
      (f) => (f as { String?: { sval: string } }).String?.sval,
    );
    if (names.some((n) => n === undefined)) return { kind: 'other' };
    const column = names[names.length - 1]!;
    if (names.length >= 2) {
      const found = lookupAlias(scope, names[names.length - 2]!);
      if (found === 'self') return { kind: 'self', column };
      return found ? { kind: 'column', table: found, column } : { kind: 'other' };
    }
    for (let s: Scope | null = scope; s; s = s.parent) {
      for (const t of s.order) {
        const cols = t === 'self' ? this.selfColumns : this.columnsOf(t);
        if (cols?.includes(column))
          return t === 'self' ? { kind: 'self', column } : { kind: 'column', table: t, column };
      }
    }
    return { kind: 'other' };
  }

  private scopeOf(select: Record<string, unknown>, parent: Scope): Scope {
    const scope: Scope = { tables: new Map(), order: [], parent };
    for (const item of (select['fromClause'] as Node[] | undefined) ?? []) {
      const rv = (item as { RangeVar?: Record<string, unknown> }).RangeVar;
      if (!rv) continue;
      const table = { schema: (rv['schemaname'] as string) ?? 'public', name: rv['relname'] as string };
      const isSelf = table.schema === this.self.schema && table.name === this.self.name;
      const alias = (rv['alias'] as { aliasname?: string } | undefined)?.aliasname ?? table.name;
      // The policy's own table named again in a sub-select is a second scan of it, not the row being checked.
      scope.tables.set(alias, table);
      scope.order.push(table);
      if (isSelf && alias === table.name) scope.tables.set(alias, table);
    }
    return scope;
  }
}

function tableKeyOf(t: TableName): string {
  return `${t.schema}.${t.name}`;
}

function lookupAlias(scope: Scope, alias: string): TableName | 'self' | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const found = s.tables.get(alias);
    if (found) return found;
  }
  return undefined;
}

function soleTable(scope: Scope): TableName | undefined {
  const [only, ...rest] = scope.order;
  return only && only !== 'self' && rest.length === 0 ? only : undefined;
}

function entry(node: Node): [string, Record<string, unknown>] {
  const [kind, body] = Object.entries(node as Record<string, unknown>)[0] ?? ['', {}];
  return [kind, (body ?? {}) as Record<string, unknown>];
}

function isEquality(body: Record<string, unknown>): boolean {
  const op = (body['name'] as Array<{ String?: { sval: string } }> | undefined)?.[0]?.String?.sval;
  return body['kind'] === 'AEXPR_OP' && op === '=';
}

function conjuncts(node: Node | undefined): Node[] {
  if (!node) return [];
  const [kind, body] = entry(node);
  if (kind === 'BoolExpr' && body['boolop'] === 'AND_EXPR')
    return (body['args'] as Node[]).flatMap(conjuncts);
  return [node];
}

function children(body: Record<string, unknown>): Node[] {
  const out: Node[] = [];
  for (const value of Object.values(body)) {
    if (Array.isArray(value)) out.push(...(value.filter((v) => v && typeof v === 'object') as Node[]));
    else if (value && typeof value === 'object') out.push(value as Node);
  }
  return out.filter((n) => Object.keys(n).length === 1 && /^[A-Z]/.test(Object.keys(n)[0]!));
}

function hasColumn(node: Node): boolean {
  return JSON.stringify(node).includes('"ColumnRef"');
}

function funcName(body: Record<string, unknown>): string {
  return ((body['funcname'] as Array<{ String?: { sval: string } }>) ?? [])
    .map((p) => p.String?.sval ?? '')
    .filter((p) => p !== 'pg_catalog')
    .join('.');
}

const BUILTINS = new Set([
  'current_setting',
  'nullif',
  'coalesce',
  'lower',
  'upper',
  'jsonb_extract_path_text',
  'json_extract_path_text',
  'array_position',
  'now',
  'current_user',
  'session_user',
  'char_length',
  'length',
  'storage.foldername',
  'storage.filename',
  'storage.extension',
]);

function isBuiltin(name: string): boolean {
  return BUILTINS.has(name) || name.startsWith('storage.');
}
