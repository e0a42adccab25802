// non-transactional-statement: statements Postgres refuses inside a transaction block, which the Supabase CLI wraps each file in.
import { as, display, ident, listName, optionIsTrue, rangeVarName } from '../../sql/ast.js';
import type { Rule, SchemaModel, Statement, StatementHandlers } from '../types.js';

interface Trap {
  /** How the statement reads in a message: `DROP INDEX CONCURRENTLY public.orders_user_idx`. */
  what: string;
  /**
   * The CLI runs it on its own when it is alone in a file (and newer CLIs split it out of a longer one, at the
   * cost of atomicity), so only a file with other statements is a problem. Otherwise it fails in any migration.
   */
  alone: boolean;
}

const REINDEX_MANY: Record<string, string> = {
  REINDEX_OBJECT_SCHEMA: 'REINDEX SCHEMA',
  REINDEX_OBJECT_DATABASE: 'REINDEX DATABASE',
  REINDEX_OBJECT_SYSTEM: 'REINDEX SYSTEM',
};

/** The statement kinds `trapOf` looks at: every other statement is let through without a look. */
const TRAP_KINDS: ReadonlySet<string> = new Set([
  'DropStmt',
  'ReindexStmt',
  'VacuumStmt',
  'AlterSystemStmt',
  'ClusterStmt',
  'CreatedbStmt',
  'DropdbStmt',
  'AlterDatabaseStmt',
  'CreateTableSpaceStmt',
  'DropTableSpaceStmt',
  'DiscardStmt',
  'CreateSubscriptionStmt',
  'AlterEnumStmt',
  'AlterTableStmt',
]);

/** What Postgres 15 and 17 reject with "cannot run inside a transaction block" (checked on both). */
function trapOf(stmt: Statement, model: SchemaModel): Trap | undefined {
  if (!TRAP_KINDS.has(stmt.kind)) return undefined;
  const ast = stmt.ast;
  // CREATE INDEX CONCURRENTLY is reported by ban-concurrent-index-creation-in-transaction, with the same logic.
  const drop = as(ast, 'DropStmt');
  if (drop?.concurrent && drop.removeType === 'OBJECT_INDEX') {
    const names = (drop.objects ?? []).map((o) =>
      display(listName(as(o, 'List')?.items, model.defaultSchema)),
    );
    return { what: `DROP INDEX CONCURRENTLY ${names.join(', ')}`, alone: true };
  }
  const reindex = as(ast, 'ReindexStmt');
  if (reindex) {
    if (optionIsTrue(reindex.params, 'concurrently')) return { what: 'REINDEX … CONCURRENTLY', alone: true };
    const many = REINDEX_MANY[reindex.kind ?? ''];
    // REINDEX TABLE / INDEX without CONCURRENTLY runs fine in a transaction.
    return many ? { what: many, alone: false } : undefined;
  }
  const vacuum = as(ast, 'VacuumStmt');
  // ANALYZE on its own is allowed in a transaction; VACUUM (even VACUUM ANALYZE) is not.
  if (vacuum?.is_vacuumcmd) return { what: 'VACUUM', alone: true };
  if (as(ast, 'AlterSystemStmt')) return { what: 'ALTER SYSTEM', alone: true };
  const cluster = as(ast, 'ClusterStmt');
  if (cluster) {
    // CLUSTER of one plain table is allowed; the all-tables form and a partitioned table are not.
    if (!cluster.relation) return { what: 'CLUSTER without a table', alone: true };
    const table = model.table(cluster.relation);
    return table?.partitioned
      ? { what: `CLUSTER of partitioned table ${display(table)}`, alone: true }
      : undefined;
  }
  const createdb = as(ast, 'CreatedbStmt');
  if (createdb) return { what: `CREATE DATABASE ${ident(createdb.dbname ?? '')}`, alone: false };
  const dropdb = as(ast, 'DropdbStmt');
  if (dropdb) return { what: `DROP DATABASE ${ident(dropdb.dbname ?? '')}`, alone: false };
  const alterdb = as(ast, 'AlterDatabaseStmt');
  if (alterdb && (alterdb.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'tablespace'))
    return { what: 'ALTER DATABASE … SET TABLESPACE', alone: false };
  if (as(ast, 'CreateTableSpaceStmt')) return { what: 'CREATE TABLESPACE', alone: false };
  if (as(ast, 'DropTableSpaceStmt')) return { what: 'DROP TABLESPACE', alone: false };
  if (as(ast, 'DiscardStmt')?.target === 'DISCARD_ALL') return { what: 'DISCARD ALL', alone: false };
  const sub = as(ast, 'CreateSubscriptionStmt');
  if (sub) {
    // Only creating the replication slot (the default) is refused in a transaction.
    const slot =
      optionIsTrue(sub.options, 'connect') !== false && optionIsTrue(sub.options, 'create_slot') !== false;
    return slot
      ? { what: `CREATE SUBSCRIPTION ${ident(sub.subname ?? '')} (creating its slot)`, alone: false }
      : undefined;
  }
  const addValue = as(ast, 'AlterEnumStmt');
  if (addValue && !addValue.oldVal && model.settings.pgVersion < 12) {
    // Before Postgres 12, ADD VALUE was refused in a transaction unless the type was created in it.
    const type = model.type(addValue.typeName ?? []);
    if (!type || !model.createdInTransaction(type, stmt))
      return { what: `ALTER TYPE ${type ? display(type) : ''} ADD VALUE`.replace('  ', ' '), alone: false };
  }
  const alter = as(ast, 'AlterTableStmt');
  for (const c of alter?.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_DetachPartition' && as(cmd.def, 'PartitionCmd')?.concurrent) {
      const table = display(rangeVarName(alter?.relation, model.defaultSchema));
      return { what: `ALTER TABLE ${table} DETACH PARTITION … CONCURRENTLY`, alone: false };
    }
  }
  return undefined;
}

export const nonTransactionalStatement = {
  id: 'non-transactional-statement',
  severity: 'error',
  description:
    'A statement Postgres refuses inside a transaction block (DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM, ALTER SYSTEM, CREATE/DROP DATABASE, …) where the migration runs in one.',
  help: 'The Supabase CLI runs each migration file in one transaction. Put DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM and similar statements in a migration file of their own (no other statements, no BEGIN/COMMIT); run database-level commands (CREATE DATABASE, tablespaces) outside migrations.',
  create: ({ model, report }) => {
    const check = (_node: unknown, stmt: Statement) => {
      const { explicit, implicit } = stmt.tx;
      if (!explicit && !implicit) return;
      const trap = trapOf(stmt, model);
      if (!trap) return;
      const others = stmt.file.statements.length > 1;
      if (explicit) {
        report({
          at: stmt,
          message: `${trap.what} cannot run inside a transaction block, and this one is inside a BEGIN written in the file; move it to a migration file of its own without BEGIN/COMMIT.`,
        });
      } else if (!trap.alone) {
        report({
          at: stmt,
          message: `${trap.what} cannot run inside a transaction block, and the Supabase CLI runs every migration file in one; run it outside migrations.`,
        });
      } else if (others) {
        report({
          at: stmt,
          message: `${trap.what} cannot run inside a transaction block, and the Supabase CLI runs a file with other statements in one; move it to a migration file of its own.`,
        });
      }
    };
    // Handlers for the kinds `trapOf` looks at only: the engine then skips every other statement.
    const on: StatementHandlers = {};
    for (const kind of TRAP_KINDS) (on as Record<string, typeof check>)[kind] = check;
    return { on };
  },
} satisfies Rule;
