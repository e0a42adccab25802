// CREATE POLICY / ALTER POLICY: command, permissive or restrictive, roles, and the USING / WITH CHECK
// expressions as ASTs and as readable text.
import type { AlterPolicyStmt, CreatePolicyStmt } from '@pgsql/types';
import { roleNames } from '../../../sql/ast.js';
import { deparse } from '../../../sql/deparse.js';
import type { PolicyCommand } from '../types.js';
import { originAt, type Replay } from './context.js';

export function createPolicy(node: CreatePolicyStmt, r: Replay): void {
  const table = node.table ? r.model.table(node.table) : undefined;
  if (!table || !node.policy_name) return;
  const roles = roleNames(node.roles);
  table.policies.set(node.policy_name, {
    name: node.policy_name,
    table: table.key,
    command: (node.cmd_name ?? 'all') as PolicyCommand,
    // The parser's JSON omits false booleans: an absent `permissive` means AS RESTRICTIVE.
    permissive: node.permissive === true,
    roles: roles.length ? roles : ['public'],
    using: node.qual,
    withCheck: node.with_check,
    usingText: node.qual ? deparse(node.qual) : undefined,
    withCheckText: node.with_check ? deparse(node.with_check) : undefined,
    origin: originAt(r.stmt),
  });
}

export function alterPolicy(node: AlterPolicyStmt, r: Replay): void {
  const table = node.table ? r.model.table(node.table) : undefined;
  const policy = node.policy_name ? table?.policies.get(node.policy_name) : undefined;
  if (!policy) return;
  if (node.roles?.length) policy.roles = roleNames(node.roles);
  if (node.qual) {
    policy.using = node.qual;
    policy.usingText = deparse(node.qual);
  }
  if (node.with_check) {
    policy.withCheck = node.with_check;
    policy.withCheckText = deparse(node.with_check);
  }
  policy.origin = originAt(r.stmt);
}
