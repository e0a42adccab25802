// The schema engine's data: a snapshot is every object a migration can create in a database, as plain data keyed
// by a stable id (the same object has the same id in any database, whatever its oid), so two snapshots compare by
// id and the planner can turn their differences into DDL. One engine serves diff, dump, rollback and squash.
import type { Queryable } from '../db/database.js';

export type ObjectKind =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'domain'
  | 'composite'
  | 'sequence'
  | 'sequence-owner'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'function'
  | 'view'
  | 'trigger'
  | 'policy'
  | 'publication'
  | 'publication-table'
  | 'acl'
  | 'default-acl'
  | 'comment';

export interface SchemaObject {
  /** `<kind> <identity>`, e.g. `table public.users`, `column public.users.email`, `function public.f(integer)`. */
  id: string;
  kind: ObjectKind;
  /** What a person reads: `public.users.email`, `policy "own rows" on public.users`. */
  name: string;
  /** The properties compared between two snapshots (plain JSON, no oids). */
  def: Record<string, unknown>;
  /** Ids this object needs before it can be created (pg_depend and the kind's own knowledge). */
  deps: string[];
  /**
   * The object it belongs to and goes away with (a column's, constraint's, policy's table; a comment's or grant's
   * object): its drop is implied by the owner's, and its create is folded into the owner's when the kind says so.
   */
  owner?: string;
  /** How DDL names it, quoted (`public."Users"`, a column's bare `"Email"`, `public.f(integer)`). */
  q?: string;
  /** How DDL names it after a keyword (`TABLE public.users`, `FUNCTION public.f(integer)`), for COMMENT and GRANT. */
  sqlRef?: string;
  /** Not compared: what the DDL needs beside the definition (a column's table and position). */
  extra?: Record<string, string | number>;
  /** pg_depend keys `classid:objid:objsubid` that stand for this object (not compared). */
  keys?: string[];
}

export interface Snapshot {
  objects: Map<string, SchemaObject>;
  /** The role that reads (and would run a migration): the creator whose default privileges apply. */
  role: string;
  /** Postgres major version: a few kinds read differently by version. */
  serverVersion: number;
  /** Objects the engine does not model, named, so that a diff can say what it did not compare. */
  unmodeled: string[];
}

/** What a kind reader gets: the connection (empty search_path) and the scope. */
export interface ReadContext {
  q: Queryable;
  serverVersion: number;
  /** `n.nspname <> all($1)`-style filter: schemas whose objects are not the user's (platform, catalog). */
  managed: string[];
  /**
   * The objects the kinds read before this one (HANDLERS order), so a kind that annotates others (grants, comments)
   * keeps only rows whose object is in the snapshot, found by its catalog keys.
   */
  objects?: ReadonlyMap<string, SchemaObject>;
}

export interface PlanContext {
  /** The state being planned towards (the "to" snapshot): a create reads its siblings (default privileges). */
  to: Snapshot;
  from: Snapshot;
  /** Objects created by this plan (their create is emitted): implied children are folded in. */
  created: Set<string>;
  /** The "to" snapshot's objects by owner: a table's create reads its columns. */
  children: Map<string, SchemaObject[]>;
}

export interface KindHandler {
  kind: ObjectKind;
  /** Reads every object of the kind in scope. Kinds read in one pass may share a reader (see snapshot.ts). */
  read?(ctx: ReadContext): Promise<SchemaObject[]>;
  create(o: SchemaObject, ctx: PlanContext): string[];
  /** Empty when dropping the owner removes it (a comment, a grant). */
  drop(o: SchemaObject, ctx: PlanContext): string[];
  /** The in-place change, or null when the change needs a drop and a create. */
  alter?(from: SchemaObject, to: SchemaObject, ctx: PlanContext): string[] | null;
  /**
   * True when this in-place change is refused while other objects depend on this one (a column's type under a
   * view): the planner drops and re-creates those dependents around it.
   */
  alterNeedsDependentsGone?(from: SchemaObject, to: SchemaObject): boolean;
  /** A child whose create is part of its owner's create (a column in CREATE TABLE). */
  foldedIntoOwner?(o: SchemaObject): boolean;
  /**
   * Why this step loses data, for the header and the warnings; undefined when it does not. `to` is undefined for a
   * drop; `replaced` is true for a drop that a create of the new definition follows, false for an in-place alter.
   */
  loses?(from: SchemaObject, to: SchemaObject | undefined, replaced: boolean): string | undefined;
  /**
   * What else to know about this step, for the plan's warnings (an enum value that cannot be used before the
   * migration commits); called with the same arguments as `loses` for an alter or a drop.
   */
  warn?(from: SchemaObject, to: SchemaObject | undefined): string | undefined;
}
