// CREATE POLICY / ALTER POLICY: command, permissive or restrictive, roles, and the USING / WITH CHECK
// expressions as ASTs and as readable text.
import type { AlterPolicyStmt, CreatePolicyStmt, Node } from '@pgsql/types';
import { roleNames } from '../../../sql/ast.js';
import { deparse } from '../../../sql/deparse.js';
import type { PolicyCommand } from '../types.js';
import { originAt, type Replay } from './context.js';

/** Statements longer than this print their expressions at once (see `textOf`). */
const EAGER_TEXT = 2000;

const texts = new WeakMap<Node, string>();

/**
 * The readable text of a policy expression, built on first read: no rule reads it, so a lint run mostly never
 * pays for it. `deparse` fails on trees nested deeper than the call stack allows, and then the statement
 * leaves the model as it was; only a long statement can nest that deep, so those are printed at once, as
 * they always were, to fail at the same point.
 */
function textOf(expr: Node | undefined): string | undefined {
  if (!expr) return undefined;
  let text = texts.get(expr);
  if (text === undefined) {
    text = deparse(expr);
    texts.set(expr, text);
  }
  return text;
}

function printNowIfLong(r: Replay, expr: Node | undefined): void {
  if (r.stmt.end - r.stmt.start > EAGER_TEXT) textOf(expr);
}

export function createPolicy(node: CreatePolicyStmt, r: Replay): void {
  const table = node.table ? r.model.table(node.table) : undefined;
  if (!table || !node.policy_name) return;
  const roles = roleNames(node.roles);
  printNowIfLong(r, node.qual);
  printNowIfLong(r, node.with_check);
  table.policies.set(node.policy_name, {
    name: node.policy_name,
    table: table.key,
    command: (node.cmd_name ?? 'all') as PolicyCommand,
    // The parser's JSON omits false booleans: an absent `permissive` means AS RESTRICTIVE.
    permissive: node.permissive === true,
    roles: roles.length ? roles : ['public'],
    using: node.qual,
    withCheck: node.with_check,
    get usingText() {
      return textOf(this.using);
    },
    get withCheckText() {
      return textOf(this.withCheck);
    },
    usingStatement: node.qual ? r.stmt : undefined,
    withCheckStatement: node.with_check ? r.stmt : undefined,
    origin: originAt(r.stmt),
  });
}

export function alterPolicy(node: AlterPolicyStmt, r: Replay): void {
  const table = node.table ? r.model.table(node.table) : undefined;
  const policy = node.policy_name ? table?.policies.get(node.policy_name) : undefined;
  if (!policy) return;
  if (node.roles?.length) policy.roles = roleNames(node.roles);
  // The texts follow `using` and `withCheck` (see `textOf`).
  if (node.qual) {
    policy.using = node.qual;
    policy.usingStatement = r.stmt;
    printNowIfLong(r, node.qual);
  }
  if (node.with_check) {
    policy.withCheck = node.with_check;
    policy.withCheckStatement = r.stmt;
    printNowIfLong(r, node.with_check);
  }
  policy.origin = originAt(r.stmt);
}
