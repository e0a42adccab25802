// CREATE FUNCTION / PROCEDURE and ALTER FUNCTION: language, SECURITY DEFINER, SET clauses (search_path),
// volatility, body text and where the body starts in the file.
import type { AlterFunctionStmt, CreateFunctionStmt, DefElem, VariableSetStmt } from '@pgsql/types';
import { as, keyOf, listName, strings, typeInfo } from '../../../sql/ast.js';
import { deparse } from '../../../sql/deparse.js';
import type { Func, FunctionArg } from '../types.js';
import { copyGrants, originAt, type Replay } from './context.js';

const MODES: Record<string, FunctionArg['mode']> = {
  FUNC_PARAM_IN: 'in',
  FUNC_PARAM_DEFAULT: 'in',
  FUNC_PARAM_OUT: 'out',
  FUNC_PARAM_INOUT: 'inout',
  FUNC_PARAM_VARIADIC: 'variadic',
  FUNC_PARAM_TABLE: 'table',
};

/** `SET search_path = a, b` as the text Postgres stores: `a, b` (`''` for an empty path). */
export function setValue(set: VariableSetStmt | undefined): string | undefined {
  if (!set || set.kind === 'VAR_RESET' || set.kind === 'VAR_RESET_ALL') return undefined;
  if (set.kind === 'VAR_SET_CURRENT') return 'from current';
  const values = (set.args ?? []).map((a) => {
    const c = as(a, 'A_Const');
    return c?.sval ? (c.sval.sval === '' ? "''" : (c.sval.sval ?? '')) : deparse(a);
  });
  return values.join(', ');
}

function applyOption(fn: Func, d: DefElem, r: Replay): void {
  switch (d.defname) {
    case 'language':
      fn.language = (as(d.arg, 'String')?.sval ?? fn.language).toLowerCase();
      break;
    case 'security':
      fn.securityDefiner = Boolean(as(d.arg, 'Boolean')?.boolval);
      break;
    case 'volatility':
      fn.volatility = (as(d.arg, 'String')?.sval ?? 'volatile') as Func['volatility'];
      break;
    case 'leakproof':
      fn.leakproof = Boolean(as(d.arg, 'Boolean')?.boolval);
      break;
    case 'set': {
      const set = as(d.arg, 'VariableSetStmt');
      if (!set?.name) break;
      const value = setValue(set);
      if (value === undefined) fn.config.delete(set.name);
      else fn.config.set(set.name, value);
      break;
    }
    case 'as': {
      const parts = strings(as(d.arg, 'List')?.items);
      fn.body = parts[0];
      fn.bodyOffset = bodyOffset(r, d.location);
      break;
    }
  }
}

/** The first literal after `AS` holds the body; its content start maps body offsets to file offsets. */
function bodyOffset(r: Replay, location: number | undefined): number | undefined {
  const from = r.stmt.offsetOf(location);
  const literals = r.stmt.file.literals;
  let lo = 0;
  let hi = literals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (literals[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const lit = literals[lo];
  return lit && lit.start < r.stmt.end ? lit.contentStart : undefined;
}

export function createFunction(node: CreateFunctionStmt, r: Replay): void {
  const q = listName(node.funcname, r.model.defaultSchema);
  const args: FunctionArg[] = (node.parameters ?? []).map((p) => {
    const fp = as(p, 'FunctionParameter');
    return { name: fp?.name, type: typeInfo(fp?.argType).text, mode: MODES[fp?.mode ?? ''] ?? 'in' };
  });
  const key = keyOf(q);
  const inputs = args.filter((a) => a.mode !== 'out' && a.mode !== 'table').map((a) => a.type);
  const fn: Func = {
    kind: node.is_procedure ? 'procedure' : 'function',
    schema: q.schema,
    name: q.name,
    key,
    signature: `${key}(${inputs.join(', ')})`,
    args,
    returns: node.returnType ? typeInfo(node.returnType).text : undefined,
    language: 'sql',
    securityDefiner: false,
    volatility: 'volatile',
    leakproof: false,
    config: new Map(),
    body: undefined,
    bodyOffset: undefined,
    grants: copyGrants(r.model.defaultPrivileges.get(q.schema)?.functions),
    builtin: r.stmt.file.index < 0,
    origin: originAt(r.stmt),
  };
  // Postgres grants EXECUTE to PUBLIC on every new function.
  if (!fn.grants.has('public')) fn.grants.set('public', new Set(['execute']));
  for (const o of node.options ?? []) {
    const d = as(o, 'DefElem');
    if (d) applyOption(fn, d, r);
  }
  const overloads = (r.model.functions.get(key) ?? []).filter((f) => f.signature !== fn.signature);
  overloads.push(fn);
  r.model.functions.set(key, overloads);
}

export function alterFunction(node: AlterFunctionStmt, r: Replay): void {
  for (const fn of r.model.functionsNamed(node.func?.objname ?? [])) {
    for (const a of node.actions ?? []) {
      const d = as(a, 'DefElem');
      if (d && d.defname !== 'as') applyOption(fn, d, r);
    }
  }
}
