// The rule-facing API of the migration linter: findings, files, statements, rules and their context.
import type { KodoConfig } from '../config/load.js';
import type { Node, NodeKind, NodeOf } from '../sql/ast.js';
import type { Comment, Literal } from '../sql/lexer.js';
import type { Position, SourceText } from '../sql/source.js';
import type { SchemaModel } from './model/model.js';

export type { Node, NodeKind, NodeOf } from '../sql/ast.js';
export type { Comment, Literal, Span } from '../sql/lexer.js';
export type { Position } from '../sql/source.js';
export type { SchemaModel } from './model/model.js';
export type * from './model/types.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** One problem, as INTERFACES.md defines it: 1-based line and column in characters. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Path as given (relative to the project root when under it), with forward slashes. */
  file: string;
  line: number;
  column: number;
  message: string;
  help: string;
}

/** One SQL file in replay order. */
export interface LintFile {
  /** Display path (relative to the project root when under it, forward slashes). */
  path: string;
  /** Base name, e.g. `00100_node_create_users.sql`. */
  name: string;
  /** `<version>` of `<version>_<name>.sql`, or undefined when the name does not match the Supabase regex. */
  version: string | undefined;
  /** Position in replay order, 0-based. */
  index: number;
  /** False for context files: earlier migrations replayed into the model whose findings are not reported. */
  reported: boolean;
  text: string;
  source: SourceText;
  statements: Statement[];
  /** Every comment, in order (the parser drops them). */
  comments: Comment[];
  /** Every string and dollar-quoted literal span, in order. */
  literals: Literal[];
}

/** The transaction a statement starts in. */
/** The transaction a statement starts in; statements of one transaction share the same object. */
export interface TransactionState {
  /** A run-wide id: two statements with the same id run in the same transaction. */
  readonly id: number;
  /** Inside an explicit `BEGIN … COMMIT` written in the file. */
  readonly explicit: boolean;
  /** Wrapped by the runner: the Supabase CLI runs each file in one transaction (`assumeInTransaction`). */
  readonly implicit: boolean;
}

export interface Statement {
  file: LintFile;
  /** Index in `file.statements`. */
  index: number;
  /** The parser's node, e.g. `{ CreateStmt: {…} }`. */
  ast: Node;
  /** Its kind: `CreateStmt`, `AlterTableStmt`, `IndexStmt`, … */
  kind: NodeKind;
  /** Char offsets of the first token and just past the last one (the `;` excluded). */
  start: number;
  end: number;
  /** 1-based position of the first token. */
  line: number;
  column: number;
  /** Source text of the statement. */
  readonly text: string;
  /**
   * Found inside the body of the DO block just before it (PL/pgSQL's own parser finds it): it runs when the DO
   * runs, in the DO's transaction, and often under an IF its rule cannot see.
   */
  readonly nested: boolean;
  /** The transaction this statement starts in (for COMMIT: the one it ends). */
  tx: TransactionState;
  /** The payload when the statement is of `kind`: `stmt.node('IndexStmt')?.concurrent`. */
  node<K extends NodeKind>(kind: K): NodeOf<K> | undefined;
  /** Char offset in the file of an AST `location` (byte offset); the statement start when absent or -1. */
  offsetOf(location: number | undefined): number;
  /** 1-based position of an AST `location`. */
  positionOf(location: number | undefined): Position;
}

/** A place in a file; the model's `Origin`s are file positions too. */
export interface FilePosition {
  file: LintFile;
  /** Char offset in `file.text`. */
  offset: number;
}

export interface Report {
  /** Starts with a capital, says what is wrong and what to do, ends with a period. */
  message: string;
  /** Overrides the rule's `help` for this finding. */
  help?: string;
  /** A statement, or a file position (e.g. an object's `origin` from the model). */
  at: Statement | FilePosition;
  /** With `at: Statement`: an AST node's `location` inside it, to point at that node. */
  location?: number;
  /** Overrides the rule's default severity for this finding; `lint.rules` in config overrides both. */
  severity?: Severity;
}

export interface LintSettings {
  /** The runner wraps each file in a transaction (Supabase CLI: yes). */
  assumeInTransaction: boolean;
  /** Postgres major version migrations target (Supabase: 15 or 17). */
  pgVersion: number;
  /** Schemas PostgREST exposes (Supabase default: public, graphql_public). */
  exposedSchemas: string[];
  /** Roles API requests run as. */
  apiRoles: string[];
}

export type StatementHandlers = { [K in NodeKind]?: (node: NodeOf<K>, stmt: Statement) => void };

/** What a rule does during one run; every hook is optional. */
export interface RuleHooks {
  /** Before a file's first statement (also for files with no statements). */
  fileStart?: (file: LintFile) => void;
  /** Every statement, before the model applies it. */
  statement?: (stmt: Statement) => void;
  /** Statements of one kind, with the kind's payload: `on: { IndexStmt(node, stmt) {…} }`. */
  on?: StatementHandlers;
  /** After a file's last statement (the model includes the file). */
  fileEnd?: (file: LintFile) => void;
  /** After every file: the model is the final schema. */
  runEnd?: () => void;
}

export interface RuleContext {
  /** The schema replayed so far: before the current statement in statement hooks, final in runEnd. Read only. */
  readonly model: SchemaModel;
  /** Every file of the run in replay order, already parsed. */
  readonly files: readonly LintFile[];
  readonly settings: LintSettings;
  /** The project's `.kodo/config.json` (workspaces and ranges for hybrid rules); an empty config without one. */
  readonly config: KodoConfig;
  report(report: Report): void;
}

export interface Rule {
  /** Kebab-case; squawk's id where squawk has the rule, splinter's name in kebab-case where splinter has it. */
  id: string;
  /** Default severity. */
  severity: Severity;
  /** False for opt-in rules (turned on with `lint.rules` in `.kodo/config.json`). Default true. */
  enabledByDefault?: boolean;
  /** One sentence: what the rule finds. */
  description: string;
  /** Default `help` of its findings: what to do instead. */
  help: string;
  /** Other names accepted in config and ignore comments (e.g. squawk's `prefer-timestamp-tz`). */
  aliases?: string[];
  /** Called once per run; keep per-run state in the closure. */
  create: (ctx: RuleContext) => RuleHooks;
}
