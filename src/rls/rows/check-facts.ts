// What a check constraint says about each column it reads, from its definition's parse tree (libpg-query on
// `select <expression>`): values it allows (`= ANY (ARRAY[…])`, `IN`, `=`), bounds (`>=`, `<`, BETWEEN, and the
// same on char_length/length), patterns (`~`, LIKE), IS [NOT] NULL, the JSON kind (`jsonb_typeof(c) = 'array'`) and
// the order of two columns (`ends > starts`).
// The facts are read as if every branch held (an OR's alternatives are all collected); the repairs try them.
import type { Node } from '@pgsql/types';
import { as, kindOf, lastString, type NodeOf } from '../../sql/ast.js';
import { loadParser, parseSql } from '../../sql/parse.js';

export interface Bound {
  /** The constant's text, or `now` for now(), CURRENT_DATE and the like. */
  value: string;
  strict: boolean;
}

export interface ColumnFacts {
  equals: string[];
  notEquals: string[];
  lower: Bound[];
  upper: Bound[];
  minLength: number | undefined;
  maxLength: number | undefined;
  regexes: string[];
  likes: string[];
  notNull: boolean;
  isNull: boolean;
  /** An array that must hold an element (`cardinality(tags) > 0`). */
  nonEmpty: boolean;
  /** JSON kinds the value must be (`jsonb_typeof(content) = 'array'`). */
  jsonTypes: string[];
}

export interface CheckFacts {
  columns: Map<string, ColumnFacts>;
  /** Pairs [lower, higher] of columns the check orders (`ends_at > starts_at` gives [starts_at, ends_at]). */
  order: Array<[string, string]>;
}

interface ColumnOperand {
  column: string;
  via: 'value' | 'length' | 'cardinality' | 'jsontype';
}

type Operand = ColumnOperand | { constant: string } | { now: true } | undefined;

const LENGTH = new Set(['char_length', 'character_length', 'length', 'octet_length']);
const TRANSPARENT = new Set(['btrim', 'trim', 'ltrim', 'rtrim', 'lower', 'upper']);
const NOW = new Set(['now', 'statement_timestamp', 'transaction_timestamp', 'clock_timestamp']);
const NEGATED: Record<string, string> = {
  '=': '<>',
  '<>': '=',
  '!=': '=',
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
};
const FLIPPED: Record<string, string> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** Call once before readCheck (it loads the WASM parser). */
export const loadCheckParser = loadParser;

/** The facts of `definition` (`CHECK ((…))`, `… NOT VALID`), or none when it does not parse. */
export function readCheck(definition: string): CheckFacts {
  const facts: CheckFacts = { columns: new Map(), order: [] };
  const expression = definition.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID\s*$/i, '');
  const ast = parseSql(`select ${expression}`).statements[0]?.ast;
  const target = as(as(ast, 'SelectStmt')?.targetList?.[0], 'ResTarget')?.val;
  if (target) walk(target, true, facts);
  return facts;
}

function factsOf(facts: CheckFacts, column: string): ColumnFacts {
  let f = facts.columns.get(column);
  if (!f) {
    f = {
      equals: [],
      notEquals: [],
      lower: [],
      upper: [],
      minLength: undefined,
      maxLength: undefined,
      regexes: [],
      likes: [],
      notNull: false,
      isNull: false,
      nonEmpty: false,
      jsonTypes: [],
    };
    facts.columns.set(column, f);
  }
  return f;
}

function walk(node: Node, positive: boolean, facts: CheckFacts): void {
  const kind = kindOf(node);
  if (kind === 'BoolExpr') {
    const b = as(node, 'BoolExpr')!;
    const inner = b.boolop === 'NOT_EXPR' ? !positive : positive;
    for (const arg of b.args ?? []) walk(arg, inner, facts);
  } else if (kind === 'NullTest') {
    const t = as(node, 'NullTest')!;
    const o = operand(t.arg);
    if (o && 'column' in o) {
      const isNull = (t.nulltesttype === 'IS_NULL') === positive;
      factsOf(facts, o.column)[isNull ? 'isNull' : 'notNull'] = true;
    }
  } else if (kind === 'TypeCast') {
    const arg = as(node, 'TypeCast')!.arg;
    if (arg) walk(arg, positive, facts);
  } else if (kind === 'ColumnRef') {
    // A boolean column as the whole condition: `check (is_active)`.
    const o = operand(node);
    if (o && 'column' in o) factsOf(facts, o.column).equals.push(String(positive));
  } else if (kind === 'A_Expr') {
    expression(as(node, 'A_Expr')!, positive, facts);
  }
}

function expression(e: NodeOf<'A_Expr'>, positive: boolean, facts: CheckFacts): void {
  const op = lastString(e.name);
  const left = operand(e.lexpr);
  const right = e.rexpr && kindOf(e.rexpr) !== 'List' ? operand(e.rexpr) : undefined;
  const list = (node: Node | undefined) =>
    (as(node, 'A_ArrayExpr')?.elements ?? as(node, 'List')?.items ?? []).map(operand);
  const constants = (items: Operand[]) => items.flatMap((o) => (o && 'constant' in o ? [o.constant] : []));

  if (
    (e.kind === 'AEXPR_OP_ANY' || e.kind === 'AEXPR_IN') &&
    op === '=' &&
    positive &&
    left &&
    'column' in left
  ) {
    factsOf(facts, left.column).equals.push(...constants(list(e.rexpr)));
  } else if (e.kind === 'AEXPR_BETWEEN' || e.kind === 'AEXPR_NOT_BETWEEN') {
    const [lo, hi] = list(e.rexpr);
    if (positive === (e.kind === 'AEXPR_BETWEEN') && left && 'column' in left) {
      if (lo) compare(facts, left, '>=', lo);
      if (hi) compare(facts, left, '<=', hi);
    }
  } else if (e.kind === 'AEXPR_OP' || e.kind === 'AEXPR_LIKE' || e.kind === 'AEXPR_ILIKE') {
    const effective = positive ? op : NEGATED[op];
    if (left && 'column' in left && right && !('column' in right) && effective)
      compare(facts, left, effective, right);
    else if (right && 'column' in right && left && !('column' in left) && FLIPPED[op]) {
      const flipped = positive ? FLIPPED[op]! : NEGATED[FLIPPED[op]!];
      if (flipped) compare(facts, right, flipped, left);
    } else if (left && 'column' in left && right && 'column' in right && effective) {
      if (effective === '<' || effective === '<=') facts.order.push([left.column, right.column]);
      if (effective === '>' || effective === '>=') facts.order.push([right.column, left.column]);
    } else {
      // Conditions compared with each other: `(status = 'done') = (completed_at IS NOT NULL)`.
      if (e.lexpr) walk(e.lexpr, positive, facts);
      if (e.rexpr) walk(e.rexpr, positive, facts);
    }
  }
}

/** Records `column op value` (op already turned for NOT and for the column's side). */
function compare(facts: CheckFacts, column: ColumnOperand, op: string, value: Operand): void {
  if (!value || 'column' in value) return;
  const f = factsOf(facts, column.column);
  const text = 'now' in value ? 'now' : value.constant;
  const strict = op === '>' || op === '<';
  if (column.via === 'length') {
    const n = Number(text);
    if (!Number.isFinite(n)) return;
    if (op === '=' || op === '>' || op === '>=') f.minLength = Math.max(f.minLength ?? 0, strict ? n + 1 : n);
    if (op === '=' || op === '<' || op === '<=')
      f.maxLength = Math.min(f.maxLength ?? Infinity, strict ? n - 1 : n);
    return;
  }
  if (column.via === 'jsontype') {
    if (op === '=') f.jsonTypes.push(text);
    return;
  }
  if (column.via === 'cardinality') {
    if ((op === '>' && Number(text) >= 0) || (op === '>=' && Number(text) >= 1)) f.nonEmpty = true;
    return;
  }
  if (op === '=') f.equals.push(text);
  else if (op === '<>' || op === '!=') f.notEquals.push(text);
  else if (op === '>' || op === '>=') f.lower.push({ value: text, strict });
  else if (op === '<' || op === '<=') f.upper.push({ value: text, strict });
  else if (op === '~' || op === '~*') f.regexes.push(text);
  else if (op === '~~' || op === '~~*') f.likes.push(text);
}

function operand(node: Node | undefined): Operand {
  if (!node) return undefined;
  switch (kindOf(node)) {
    case 'ColumnRef': {
      const fields = as(node, 'ColumnRef')!.fields ?? [];
      const last = as(fields[fields.length - 1], 'String')?.sval;
      return last === undefined ? undefined : { column: last, via: 'value' };
    }
    case 'TypeCast':
      return operand(as(node, 'TypeCast')!.arg);
    case 'A_Const':
      return constant(as(node, 'A_Const')!);
    case 'SQLValueFunction':
      return { now: true };
    case 'FuncCall': {
      const call = as(node, 'FuncCall')!;
      const name = lastString(call.funcname);
      if (NOW.has(name)) return { now: true };
      const inner = operand(call.args?.[0]);
      if (!inner || !('column' in inner)) return undefined;
      if (LENGTH.has(name)) return { column: inner.column, via: 'length' };
      if (name === 'cardinality' || name === 'array_length')
        return { column: inner.column, via: 'cardinality' };
      if (name === 'jsonb_typeof' || name === 'json_typeof') return { column: inner.column, via: 'jsontype' };
      if (TRANSPARENT.has(name) && inner.via === 'value') return inner;
      return undefined;
    }
    default:
      return undefined;
  }
}

function constant(c: NodeOf<'A_Const'>): Operand {
  if (c.isnull) return undefined;
  if (c.sval) return { constant: c.sval.sval ?? '' };
  if (c.ival) return { constant: String(c.ival.ival ?? 0) };
  if (c.fval) return { constant: c.fval.fval ?? '0' };
  if (c.boolval) return { constant: String(c.boolval.boolval ?? false) };
  if (c.bsval) return { constant: c.bsval.bsval ?? '' };
  return undefined;
}
