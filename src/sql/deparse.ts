// A readable, normalised text for expressions (policy USING/WITH CHECK, index keys, defaults): enough to
// compare two definitions and to show one in a message. Not a full deparser: unknown nodes print as `<Kind>`.
import type { Node } from '@pgsql/types';
import { as, ident, kindOf, strings, typeInfo } from './ast.js';

const SQL_VALUE_FUNCTIONS: Record<string, string> = {
  SVFOP_CURRENT_DATE: 'current_date',
  SVFOP_CURRENT_TIME: 'current_time',
  SVFOP_CURRENT_TIME_N: 'current_time',
  SVFOP_CURRENT_TIMESTAMP: 'current_timestamp',
  SVFOP_CURRENT_TIMESTAMP_N: 'current_timestamp',
  SVFOP_LOCALTIME: 'localtime',
  SVFOP_LOCALTIME_N: 'localtime',
  SVFOP_LOCALTIMESTAMP: 'localtimestamp',
  SVFOP_LOCALTIMESTAMP_N: 'localtimestamp',
  SVFOP_CURRENT_ROLE: 'current_role',
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_USER: 'user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_CATALOG: 'current_catalog',
  SVFOP_CURRENT_SCHEMA: 'current_schema',
};

const A_EXPR_WORDS: Record<string, string> = {
  AEXPR_LIKE: 'like',
  AEXPR_ILIKE: 'ilike',
  AEXPR_SIMILAR: 'similar to',
};

export function deparse(node: Node | undefined): string {
  if (!node) return '';
  const kind = kindOf(node);
  switch (kind) {
    case 'ColumnRef':
      return (as(node, 'ColumnRef')?.fields ?? [])
        .map((f) => (as(f, 'A_Star') ? '*' : ident(as(f, 'String')?.sval ?? '')))
        .join('.');
    case 'A_Const':
      return constText(node);
    case 'ParamRef':
      return `$${as(node, 'ParamRef')?.number ?? ''}`;
    case 'TypeCast': {
      const c = as(node, 'TypeCast')!;
      return `${paren(c.arg)}::${typeInfo(c.typeName).text}`;
    }
    case 'FuncCall': {
      const f = as(node, 'FuncCall')!;
      const name = strings(f.funcname)
        .filter((s, i, all) => !(s === 'pg_catalog' && i < all.length - 1))
        .map(ident)
        .join('.');
      const args = f.agg_star ? '*' : (f.args ?? []).map(deparse).join(', ');
      return `${name}(${f.agg_distinct ? 'distinct ' : ''}${args})`;
    }
    case 'A_Expr':
      return aExpr(node);
    case 'BoolExpr': {
      const b = as(node, 'BoolExpr')!;
      const args = (b.args ?? []).map(paren);
      if (b.boolop === 'NOT_EXPR') return `not ${args[0] ?? ''}`;
      return args.join(b.boolop === 'AND_EXPR' ? ' and ' : ' or ');
    }
    case 'NullTest': {
      const t = as(node, 'NullTest')!;
      return `${paren(t.arg)} is ${t.nulltesttype === 'IS_NOT_NULL' ? 'not ' : ''}null`;
    }
    case 'BooleanTest': {
      const t = as(node, 'BooleanTest')!;
      const what = (t.booltesttype ?? '').replace(/^IS_/, '').toLowerCase().replace(/_/g, ' ');
      return `${paren(t.arg)} is ${what}`;
    }
    case 'SubLink':
      return subLink(node);
    case 'SelectStmt':
      return select(node);
    case 'SQLValueFunction': {
      const op = as(node, 'SQLValueFunction')?.op ?? '';
      return SQL_VALUE_FUNCTIONS[op] ?? op.toLowerCase();
    }
    case 'CoalesceExpr':
      return `coalesce(${(as(node, 'CoalesceExpr')?.args ?? []).map(deparse).join(', ')})`;
    case 'MinMaxExpr': {
      const m = as(node, 'MinMaxExpr')!;
      return `${m.op === 'IS_GREATEST' ? 'greatest' : 'least'}(${(m.args ?? []).map(deparse).join(', ')})`;
    }
    case 'CaseExpr': {
      const c = as(node, 'CaseExpr')!;
      const whens = (c.args ?? []).map((w) => {
        const cw = as(w, 'CaseWhen');
        return `when ${deparse(cw?.expr)} then ${deparse(cw?.result)}`;
      });
      const arg = c.arg ? ` ${deparse(c.arg)}` : '';
      const dflt = c.defresult ? ` else ${deparse(c.defresult)}` : '';
      return `case${arg} ${whens.join(' ')}${dflt} end`;
    }
    case 'A_ArrayExpr':
      return `array[${(as(node, 'A_ArrayExpr')?.elements ?? []).map(deparse).join(', ')}]`;
    case 'RowExpr':
      return `row(${(as(node, 'RowExpr')?.args ?? []).map(deparse).join(', ')})`;
    case 'A_Indirection': {
      const ind = as(node, 'A_Indirection')!;
      const parts = (ind.indirection ?? []).map((i) => {
        const s = as(i, 'String');
        if (s) return `.${ident(s.sval ?? '')}`;
        if (as(i, 'A_Star')) return '.*';
        const idx = as(i, 'A_Indices');
        return `[${deparse(idx?.lidx)}${idx?.is_slice ? `:${deparse(idx.uidx)}` : ''}]`;
      });
      return `(${deparse(ind.arg)})${parts.join('')}`;
    }
    case 'CollateClause': {
      const c = as(node, 'CollateClause')!;
      return `${paren(c.arg)} collate ${strings(c.collname).map(ident).join('.')}`;
    }
    case 'ResTarget': {
      const r = as(node, 'ResTarget')!;
      return r.name ? `${deparse(r.val)} as ${ident(r.name)}` : deparse(r.val);
    }
    case 'RangeVar': {
      const r = as(node, 'RangeVar')!;
      const name = `${r.schemaname ? `${ident(r.schemaname)}.` : ''}${ident(r.relname ?? '')}`;
      return r.alias?.aliasname ? `${name} ${ident(r.alias.aliasname)}` : name;
    }
    case 'JoinExpr': {
      const j = as(node, 'JoinExpr')!;
      const type = (j.jointype ?? 'JOIN_INNER').replace('JOIN_', '').toLowerCase();
      return `${deparse(j.larg)} ${type} join ${deparse(j.rarg)}${j.quals ? ` on ${deparse(j.quals)}` : ''}`;
    }
    case 'RangeSubselect':
      return `(${deparse(as(node, 'RangeSubselect')?.subquery)})`;
    case 'RangeFunction': {
      const items = (as(node, 'RangeFunction')?.functions ?? []).map((f) => {
        const list = as(f, 'List')?.items ?? [];
        return deparse(list[0]);
      });
      return items.join(', ');
    }
    case 'String':
      return as(node, 'String')?.sval ?? '';
    case 'Integer':
      return String(as(node, 'Integer')?.ival ?? 0);
    case 'List':
      return (as(node, 'List')?.items ?? []).map(deparse).join(', ');
    default:
      return `<${kind}>`;
  }
}

/** Wraps composite expressions in parentheses so `a and (b or c)` keeps its meaning. */
function paren(node: Node | undefined): string {
  if (!node) return '';
  const k = kindOf(node);
  const text = deparse(node);
  return k === 'BoolExpr' || k === 'A_Expr' ? `(${text})` : text;
}

function constText(node: Node): string {
  const c = as(node, 'A_Const')!;
  if (c.isnull) return 'null';
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval ?? '0';
  if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
  if (c.sval) return `'${(c.sval.sval ?? '').replace(/'/g, "''")}'`;
  if (c.bsval) return c.bsval.bsval ?? '';
  return 'null';
}

function aExpr(node: Node): string {
  const e = as(node, 'A_Expr')!;
  const op = strings(e.name).join('.');
  const l = paren(e.lexpr);
  const r = paren(e.rexpr);
  switch (e.kind) {
    case 'AEXPR_OP_ANY':
      return `${l} ${op} any(${deparse(e.rexpr)})`;
    case 'AEXPR_OP_ALL':
      return `${l} ${op} all(${deparse(e.rexpr)})`;
    case 'AEXPR_DISTINCT':
      return `${l} is distinct from ${r}`;
    case 'AEXPR_NOT_DISTINCT':
      return `${l} is not distinct from ${r}`;
    case 'AEXPR_NULLIF':
      return `nullif(${deparse(e.lexpr)}, ${deparse(e.rexpr)})`;
    case 'AEXPR_IN':
      return `${l} ${op === '<>' ? 'not in' : 'in'} (${deparse(e.rexpr)})`;
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
    case 'AEXPR_SIMILAR': {
      const word = A_EXPR_WORDS[e.kind]!;
      return `${l} ${op.startsWith('!') ? `not ${word}` : word} ${r}`;
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM': {
      const bounds = as(e.rexpr, 'List')?.items ?? [];
      const word = e.kind.includes('NOT') ? 'not between' : 'between';
      return `${l} ${word} ${deparse(bounds[0])} and ${deparse(bounds[1])}`;
    }
    default:
      return e.lexpr ? `${l} ${op} ${r}` : `${op} ${r}`;
  }
}

function subLink(node: Node): string {
  const s = as(node, 'SubLink')!;
  const sub = deparse(s.subselect);
  switch (s.subLinkType) {
    case 'EXISTS_SUBLINK':
      return `exists (${sub})`;
    case 'ARRAY_SUBLINK':
      return `array(${sub})`;
    case 'ANY_SUBLINK': {
      const op = strings(s.operName).join('.') || '=';
      return op === '=' ? `${paren(s.testexpr)} in (${sub})` : `${paren(s.testexpr)} ${op} any (${sub})`;
    }
    case 'ALL_SUBLINK':
      return `${paren(s.testexpr)} ${strings(s.operName).join('.')} all (${sub})`;
    default:
      return `(${sub})`;
  }
}

function select(node: Node): string {
  const s = as(node, 'SelectStmt')!;
  if (s.op && s.op !== 'SETOP_NONE') {
    const op = s.op.replace('SETOP_', '').toLowerCase();
    return `${deparse(s.larg ? { SelectStmt: s.larg } : undefined)} ${op}${s.all ? ' all' : ''} ${deparse(s.rarg ? { SelectStmt: s.rarg } : undefined)}`;
  }
  if (s.valuesLists) {
    return `values ${s.valuesLists.map((v) => `(${deparse(v)})`).join(', ')}`;
  }
  let out = `select ${(s.targetList ?? []).map(deparse).join(', ')}`;
  if (s.fromClause?.length) out += ` from ${s.fromClause.map(deparse).join(', ')}`;
  if (s.whereClause) out += ` where ${deparse(s.whereClause)}`;
  if (s.groupClause?.length) out += ` group by ${s.groupClause.map(deparse).join(', ')}`;
  if (s.limitCount) out += ` limit ${deparse(s.limitCount)}`;
  return out;
}
