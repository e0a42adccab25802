// Replays one statement into the schema model: one handler per statement kind.
import type { NodeKind, NodeOf } from '../../../sql/ast.js';
import type { Statement } from '../../types.js';
import type { SchemaModel } from '../model.js';
import type { Replay } from './context.js';
import { drop } from './drop.js';
import { alterFunction, createFunction } from './functions.js';
import { defaultPrivileges, grant } from './grants.js';
import { createIndex } from './indexes.js';
import {
  alterObjectSchema,
  comment,
  createExtension,
  createSchema,
  createSequence,
  createTrigger,
  selectSetConfig,
  variableSet,
} from './misc.js';
import { alterPolicy, createPolicy } from './policies.js';
import { rename } from './rename.js';
import { alterTable, createTable } from './tables.js';
import { alterEnum, createComposite, createDomain, createEnum, createRange } from './typedefs.js';
import { createTableAs, createView } from './views.js';

type Handlers = { [K in NodeKind]?: (node: NodeOf<K>, r: Replay) => void };

const HANDLERS: Handlers = {
  CreateStmt: createTable,
  AlterTableStmt: alterTable,
  IndexStmt: createIndex,
  CreatePolicyStmt: createPolicy,
  AlterPolicyStmt: alterPolicy,
  CreateFunctionStmt: createFunction,
  AlterFunctionStmt: alterFunction,
  ViewStmt: createView,
  CreateTableAsStmt: createTableAs,
  CreateEnumStmt: createEnum,
  AlterEnumStmt: alterEnum,
  CompositeTypeStmt: createComposite,
  CreateDomainStmt: createDomain,
  CreateRangeStmt: createRange,
  CreateSchemaStmt: createSchema,
  CreateExtensionStmt: createExtension,
  AlterObjectSchemaStmt: alterObjectSchema,
  CommentStmt: comment,
  VariableSetStmt: variableSet,
  SelectStmt: selectSetConfig,
  CreateSeqStmt: createSequence,
  CreateTrigStmt: createTrigger,
  GrantStmt: grant,
  AlterDefaultPrivilegesStmt: defaultPrivileges,
  DropStmt: drop,
  RenameStmt: rename,
};

export function applyStatement(model: SchemaModel, stmt: Statement): void {
  const handler = HANDLERS[stmt.kind] as ((node: unknown, r: Replay) => void) | undefined;
  if (!handler) return;
  handler(stmt.node(stmt.kind), { model, stmt });
}

/** Each file starts a new session setting: the Supabase CLI's search_path. */
export function beginFile(model: SchemaModel): void {
  model.searchPath = ['public'];
}
