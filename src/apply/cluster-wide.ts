// What `kodo check` would leave on a server: its scratch database is dropped afterwards, and roles it creates are
// tagged and dropped, but a migration can also change what already exists cluster-wide (ALTER ROLE … SET, a role
// membership, another database, a tablespace, ALTER SYSTEM), and those changes outlive the check. They are found
// from the parsed statements (the same parse the lint run made) so that the check can ask for consent first.
import type { Node } from '@pgsql/types';
import type { LoadedMigration } from '../migrations/read.js';
import { as } from '../sql/ast.js';
import { parseSql } from '../sql/parse.js';

export interface ClusterChange {
  file: string;
  line: number;
  /** The statement's first line, at most 80 characters, string literals left out. */
  statement: string;
}

/** Statement kinds whose every instance changes shared catalogs (roles, databases, tablespaces, settings). */
const SHARED_KINDS = new Set([
  'AlterRoleStmt',
  'AlterRoleSetStmt',
  'DropRoleStmt',
  'GrantRoleStmt',
  'CreatedbStmt',
  'AlterDatabaseStmt',
  'AlterDatabaseSetStmt',
  'AlterDatabaseRefreshCollStmt',
  'DropdbStmt',
  'CreateTableSpaceStmt',
  'DropTableSpaceStmt',
  'AlterTableSpaceOptionsStmt',
  'AlterSystemStmt',
]);

const SHARED_OBJECTS = new Set(['OBJECT_ROLE', 'OBJECT_DATABASE', 'OBJECT_TABLESPACE']);

/** Dynamic SQL in a DO block that names a shared object: what it runs cannot be read, so it counts. */
const DYNAMIC_SHARED =
  /\b(?:create|alter|drop)\s+(?:role|user|group|database|tablespace)\b|\balter\s+system\b/i;

/** Whether one parsed statement changes something outside the database it runs in. */
function changesCluster(kind: string, ast: Node, text: string): boolean {
  if (SHARED_KINDS.has(kind)) return true;
  const rename = as(ast, 'RenameStmt');
  if (rename) return SHARED_OBJECTS.has(String(rename.renameType));
  const owner = as(ast, 'AlterOwnerStmt');
  if (owner) return SHARED_OBJECTS.has(String(owner.objectType));
  const comment = as(ast, 'CommentStmt');
  if (comment) return SHARED_OBJECTS.has(String(comment.objtype));
  const grant = as(ast, 'GrantStmt');
  if (grant) return grant.objtype === 'OBJECT_DATABASE' || grant.objtype === 'OBJECT_TABLESPACE';
  return kind === 'DoStmt' && /\bexecute\b/i.test(text) && DYNAMIC_SHARED.test(text);
}

/**
 * Every statement of `migrations` that changes the cluster, except CREATE ROLE (a role the check creates is its
 * own and is dropped with it). Call after the parser is loaded (the lint run loads it).
 */
export function clusterWideChanges(migrations: LoadedMigration[]): ClusterChange[] {
  const out: ClusterChange[] = [];
  for (const m of migrations) {
    const parsed = parseSql(m.text);
    for (const s of parsed.statements) {
      const text = m.text.slice(s.start, s.end);
      if (!changesCluster(s.kind, s.ast, text)) continue;
      out.push({
        file: m.file,
        line: parsed.source.position(s.start).line,
        // Literals are left out: `alter role x password '…'` must not print the password in a plan.
        statement: (text.split('\n', 1)[0] ?? '').replace(/'(?:[^']|'')*'?/g, "'…'").slice(0, 80),
      });
    }
  }
  return out;
}
