// auth-rls-initplan: a policy calls auth.uid()/jwt()/role()/email() or current_setting() per row, unwrapped (splinter 0003).
import type { FuncCall } from '@pgsql/types';
import { display, LEAF_KINDS, type Node, nodeKindOf } from '../../sql/ast.js';
import type { Rule } from '../types.js';
import { authFunction, isCurrentSetting, policyExpressions, policyName } from './support/splinter.js';

const AUTH_FUNCTIONS = new Set(['uid', 'jwt', 'role', 'email']);

interface Call {
  /** `auth.uid()` or `current_setting()`, as the message shows it. */
  name: string;
  location: number | undefined;
}

/**
 * Calls of the auth helpers that Postgres evaluates for every row: those not inside the select list of a
 * FROM-less subquery such as `(select auth.uid())`, which the planner runs once as an InitPlan.
 */
function perRowCalls(expr: Node | undefined): Call[] {
  const calls: Call[] = [];
  visitCalls(expr, calls);
  return calls;
}

/** An explicit stack, not recursion: policy expressions can nest deeper than the call stack allows. */
function visitCalls(root: unknown, calls: Call[]): void {
  const stack: Array<[value: unknown, wrapped: boolean]> = [[root, false]];
  const pushAll = (values: unknown[], wrapped: boolean) => {
    // Last-first, so that calls are found in document order.
    for (let i = values.length - 1; i >= 0; i--) stack.push([values[i], wrapped]);
  };
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const [value, wrapped] = frame;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      pushAll(value, wrapped);
      continue;
    }
    const obj = value as Record<string, unknown>;
    const kind = nodeKindOf(obj);
    if (kind === undefined) {
      pushAll(Object.values(obj), wrapped);
      continue;
    }
    // Names and constants hold no call.
    if (LEAF_KINDS.has(kind)) continue;
    const payload = obj[kind] as Record<string, unknown> | undefined;
    if (!payload || typeof payload !== 'object') continue;
    if (kind === 'FuncCall' && !wrapped) {
      const call = payload as FuncCall;
      const auth = authFunction(call);
      if (auth && AUTH_FUNCTIONS.has(auth)) calls.push({ name: `auth.${auth}()`, location: call.location });
      else if (isCurrentSetting(call)) calls.push({ name: 'current_setting()', location: call.location });
    }
    if (kind === 'SelectStmt') {
      const initPlan = !(payload['fromClause'] as unknown[] | undefined)?.length;
      const keys = Object.keys(payload);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push([payload[key], wrapped || (initPlan && key === 'targetList')]);
      }
      continue;
    }
    pushAll(Object.values(payload), wrapped);
  }
}

export const authRlsInitplan = {
  id: 'auth-rls-initplan',
  severity: 'warning',
  description:
    'An RLS policy that calls auth.uid(), auth.jwt(), auth.role(), auth.email() or current_setting() directly, so Postgres evaluates it for every row.',
  help: 'Wrap the call in a scalar subquery, e.g. `(select auth.uid()) = user_id`: Postgres then evaluates it once per query (an InitPlan) instead of once per row.',
  create: ({ model, report }) => {
    return {
      runEnd() {
        for (const { table, policy, expr, stmt } of policyExpressions(model.tables.values())) {
          if (!table.rls.enabled) continue;
          for (const call of perRowCalls(expr)) {
            const wrapped =
              call.name === 'current_setting()' ? '(select current_setting(…))' : `(select ${call.name})`;
            report({
              at: stmt,
              location: call.location,
              message: `Policy ${policyName(policy)} on ${display(table)} calls ${call.name} once per row; write ${wrapped} so Postgres evaluates it once per query.`,
            });
          }
        }
      },
    };
  },
} satisfies Rule;
