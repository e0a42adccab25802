// The schema model: every object the migrations created so far, with lookups that follow search_path.
// Rules read it; only the replay (./replay/) changes it.
import type { RangeVar } from '@pgsql/types';
import { as, type Node, type QualifiedName, qualifiedKey, strings } from '../../sql/ast.js';
import type { LintFile, LintSettings, Statement } from '../types.js';
import type {
  Extension,
  Func,
  Grants,
  Index,
  Origin,
  Schema,
  Sequence,
  Table,
  TypeDef,
  View,
} from './types.js';

/** A name as rules meet it: a RangeVar, `{ schema, name }`, a parser name list, `['schema', 'name']` or `'schema.name'`. */
export type NameRef = RangeVar | QualifiedName | Node[] | string[] | string;

export class SchemaModel {
  readonly schemas = new Map<string, Schema>();
  /** Keyed by `schema.name`. */
  readonly tables = new Map<string, Table>();
  readonly views = new Map<string, View>();
  /** Overloads share a key (`schema.name`). */
  readonly functions = new Map<string, Func[]>();
  readonly types = new Map<string, TypeDef>();
  /** Keyed by extension name (extensions are database-wide). */
  readonly extensions = new Map<string, Extension>();
  /** Keyed by `schema.index_name`. */
  readonly indexes = new Map<string, Index>();
  readonly sequences = new Map<string, Sequence>();
  /** `ALTER DEFAULT PRIVILEGES` per schema: what new tables and functions grant. */
  readonly defaultPrivileges = new Map<string, { tables: Grants; functions: Grants }>();
  /** The session's search_path; each file starts with `public`. */
  searchPath: string[] = ['public'];
  readonly settings: LintSettings;

  constructor(settings: LintSettings) {
    this.settings = settings;
  }

  /** The schema unqualified names are created in. */
  get defaultSchema(): string {
    for (const s of this.searchPath) {
      if (s !== '' && s !== '$user' && s !== 'pg_temp') return s;
    }
    return 'public';
  }

  /**
   * A name as written, resolved: qualified names stay as they are; an unqualified name becomes the first
   * schema on search_path holding an object of that name in `map`, else the default schema.
   */
  resolve(ref: NameRef, map?: Map<string, unknown>): QualifiedName {
    let schema: string | undefined;
    let name: string;
    if (typeof ref === 'string') {
      const dot = ref.indexOf('.');
      if (dot > 0) return { schema: ref.slice(0, dot), name: ref.slice(dot + 1) };
      name = ref;
    } else if (Array.isArray(ref)) {
      const parts = ref.map((p) => (typeof p === 'string' ? p : (strings([p])[0] ?? '')));
      name = parts[parts.length - 1] ?? '';
      schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
    } else if ('relname' in ref || 'schemaname' in ref) {
      const rv = ref as RangeVar;
      name = rv.relname ?? '';
      schema = rv.schemaname;
    } else {
      return ref as QualifiedName;
    }
    if (schema !== undefined) return { schema, name };
    if (map) {
      for (const s of this.searchPath) {
        if (map.has(qualifiedKey(s, name))) return { schema: s, name };
      }
      if (map.has(qualifiedKey('pg_catalog', name))) return { schema: 'pg_catalog', name };
    }
    return { schema: this.defaultSchema, name };
  }

  /** `keyOf(this.resolve(ref, map))` without the intermediate object: lookups run for most statements. */
  private keyIn(ref: NameRef, map: Map<string, unknown>): string {
    let schema: string | undefined;
    let name: string;
    if (typeof ref === 'string') {
      if (ref.indexOf('.') > 0) return ref;
      name = ref;
    } else if (Array.isArray(ref)) {
      // As `resolve` reads a name list, without building the list of parts.
      const n = ref.length;
      name = n > 0 ? namePart(ref[n - 1]!) : '';
      schema = n > 1 ? namePart(ref[n - 2]!) : undefined;
    } else if ('relname' in ref || 'schemaname' in ref) {
      const rv = ref as RangeVar;
      name = rv.relname ?? '';
      schema = rv.schemaname;
    } else {
      const q = ref as QualifiedName;
      return qualifiedKey(q.schema, q.name);
    }
    if (schema !== undefined) return qualifiedKey(schema, name);
    for (const s of this.searchPath) {
      const key = qualifiedKey(s, name);
      if (map.has(key)) return key;
    }
    const catalog = qualifiedKey('pg_catalog', name);
    if (map.has(catalog)) return catalog;
    return qualifiedKey(this.defaultSchema, name);
  }

  table(ref: NameRef): Table | undefined {
    return this.tables.get(this.keyIn(ref, this.tables));
  }

  view(ref: NameRef): View | undefined {
    return this.views.get(this.keyIn(ref, this.views));
  }

  /** A table, view or materialized view. */
  relation(ref: NameRef): Table | View | undefined {
    return this.table(ref) ?? this.view(ref);
  }

  /** All overloads of a function. */
  functionsNamed(ref: NameRef): Func[] {
    return this.functions.get(this.keyIn(ref, this.functions)) ?? [];
  }

  type(ref: NameRef): TypeDef | undefined {
    return this.types.get(this.keyIn(ref, this.types));
  }

  index(ref: NameRef): Index | undefined {
    return this.indexes.get(this.keyIn(ref, this.indexes));
  }

  /** Indexes of a table (by key), in creation order. */
  indexesOf(table: Table): Index[] {
    return [...table.indexes.values()];
  }

  /** True when `obj` was created by a statement in the same transaction as `stmt`. */
  createdInTransaction(obj: { origin: Origin }, stmt: Statement): boolean {
    return obj.origin.tx === stmt.tx.id;
  }

  createdInFile(obj: { origin: Origin }, file: LintFile): boolean {
    return obj.origin.file === file;
  }

  /** Whether `role` holds `privilege` through its own grant or PUBLIC's. */
  hasPrivilege(grants: Grants, role: string, privilege: string): boolean {
    return Boolean(grants.get(role)?.has(privilege) || grants.get('public')?.has(privilege));
  }

  /** Readable through the Data API: in an exposed schema and SELECTable by an API role (anon, authenticated). */
  isExposed(rel: Table | View): boolean {
    if (!this.settings.exposedSchemas.includes(rel.schema)) return false;
    return this.settings.apiRoles.some((role) => this.hasPrivilege(rel.grants, role, 'select'));
  }
}

/** One element of a name list: a string, or a parser `String` node (anything else reads as ''). */
function namePart(part: Node | string): string {
  return typeof part === 'string' ? part : (as(part, 'String')?.sval ?? '');
}
