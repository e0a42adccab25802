// What a rollback of one migration cannot take back, read from its text: rows deleted or changed, values
// converted, enum values added, sequences moved, calls with effects outside the schema. Each is reported with
// its line and one sentence, so that a rollback is never silently partial. Renames are not here: they reverse.
import type { Node, RangeVar } from '@pgsql/types';
import {
  as,
  display,
  ident,
  keyOf,
  kindOf,
  listName,
  type QualifiedName,
  rangeVarName,
  typeInfo,
  walk,
} from '../sql/ast.js';
import { loadParser, parseSql } from '../sql/parse.js';
import {
  type CallRules,
  callReason,
  callReasons,
  isSchemaReload,
  type SequenceName,
} from './irreversible-calls.js';
import { doBlockFindings } from './irreversible-do.js';

export interface Irreversible {
  /** 1-based line of the statement's first token. */
  line: number;
  /** The statement on one line, at most 80 characters. */
  statement: string;
  /** What the rollback cannot bring back, naming the object. */
  reason: string;
}

/**
 * Whether an object existed before the migration (the rollback's "before" snapshot knows): a `CREATE … IF NOT
 * EXISTS` of something that did not exist created it, so the rollback drops it whole, rows and all.
 */
export type ExistedBefore = (kind: 'table' | 'sequence' | 'schema', name: QualifiedName) => boolean;

/** Every irreversible effect of a migration, in file order, each once per statement. */
export async function findIrreversible(
  m: { file: string; text: string },
  existed?: ExistedBefore,
): Promise<Irreversible[]> {
  await loadParser();
  const { statements, source, errors } = parseSql(m.text);
  const created = new Created(existed);
  const out: Irreversible[] = [];
  // A statement the parser could not read is not one to pass over: it may write rows like any other.
  for (const e of errors) {
    if (e.inBody) continue;
    const line = source.position(e.offset).line;
    add(out, line, source.lineText(line), [
      `kodo cannot read this statement (${e.message}); what it wrote is not known`,
    ]);
  }
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (s.kind === 'DoStmt' && !s.nested) {
      let nested = 0;
      while (statements[i + 1 + nested]?.nested) nested++;
      const rules = {
        statement: (ast: Node) => statementReasons(ast, created),
        expression: (ast: Node) => callReasons(ast, created.callRules(false)),
      };
      for (const f of await doBlockFindings(s, source, nested, rules))
        add(out, f.line, f.statement, f.reasons);
      continue;
    }
    add(
      out,
      source.position(s.start).line,
      source.text.slice(s.start, s.end),
      statementReasons(s.ast, created),
    );
    created.note(s.ast);
  }
  // Findings in a DO body come before the statements nested after it; a stable sort puts all in file order.
  return out.sort((a, b) => a.line - b.line);
}

function add(out: Irreversible[], line: number, text: string, reasons: string[]): void {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const statement = collapsed.length > 80 ? `${collapsed.slice(0, 79)}…` : collapsed;
  for (const reason of new Set(reasons)) out.push({ line, statement, reason });
}

/** Objects the file created so far: what it later empties or changes, the rollback drops whole. */
class Created {
  private readonly tables = new Set<string>();
  private readonly sequences = new Set<string>();
  private readonly types = new Set<string>();
  private readonly schemas = new Set<string>();

  constructor(private readonly existed?: ExistedBefore) {}

  /** `IF NOT EXISTS` may have found the object there with its rows, unless the before state says it was not. */
  private makes(
    ifNotExists: boolean | undefined,
    kind: 'table' | 'sequence' | 'schema',
    q: QualifiedName,
  ): boolean {
    return !ifNotExists || (this.existed !== undefined && !this.existed(kind, q));
  }

  /** Records what `ast` creates. */
  note(ast: Node): void {
    const table = as(ast, 'CreateStmt');
    if (table?.relation && this.makes(table.if_not_exists, 'table', rangeVarName(table.relation, 'public'))) {
      const q = rangeVarName(table.relation, 'public');
      this.tables.add(keyOf(q));
      // The sequences a serial or identity column owns, by the name Postgres gives them.
      for (const element of table.tableElts ?? []) {
        const column = as(element, 'ColumnDef')?.colname;
        if (column) this.sequences.add(keyOf({ schema: q.schema, name: `${q.name}_${column}_seq` }));
      }
    }
    const ctas = as(ast, 'CreateTableAsStmt');
    const into = ctas?.into?.rel && rangeVarName(ctas.into.rel, 'public');
    if (into && this.makes(ctas.if_not_exists, 'table', into)) this.tables.add(keyOf(into));
    const sequence = as(ast, 'CreateSeqStmt');
    const seq = sequence?.sequence && rangeVarName(sequence.sequence, 'public');
    if (seq && this.makes(sequence.if_not_exists, 'sequence', seq)) this.sequences.add(keyOf(seq));
    const enumType = as(ast, 'CreateEnumStmt');
    if (enumType) this.types.add(keyOf(listName(enumType.typeName, 'public')));
    const schema = as(ast, 'CreateSchemaStmt');
    const name = schema?.schemaname;
    if (name && this.makes(schema.if_not_exists, 'schema', { schema: name, name })) this.schemas.add(name);
  }

  /** The table's name, or undefined when the file created it. */
  table(rv: RangeVar | undefined): QualifiedName | undefined {
    const q = rangeVarName(rv, 'public');
    return this.isNewTable(q) ? undefined : q;
  }

  isNewTable(q: QualifiedName): boolean {
    return this.isNew(this.tables, q);
  }

  isNewSequence(q: QualifiedName): boolean {
    return this.isNew(this.sequences, q);
  }

  isNewType(q: QualifiedName): boolean {
    return this.isNew(this.types, q);
  }

  isNewSchema(name: string): boolean {
    return this.schemas.has(name);
  }

  callRules(ran: boolean): CallRules {
    return { ran, sequenceIsNew: (s) => this.sequenceIsNew(s) };
  }

  private sequenceIsNew(s: SequenceName): boolean {
    if ('name' in s) return this.isNewSequence(s.name);
    if ('table' in s) return this.isNewTable(s.table);
    return false;
  }

  private isNew(set: Set<string>, q: QualifiedName): boolean {
    return set.has(keyOf(q)) || this.schemas.has(q.schema);
  }
}

/** The reasons one statement (top-level or run by a DO block) cannot be undone. */
function statementReasons(ast: Node, created: Created): string[] {
  switch (kindOf(ast)) {
    case 'DropStmt':
      return dropReasons(ast, created);
    case 'AlterTableStmt':
      return alterTableReasons(ast, created);
    case 'AlterEnumStmt': {
      const e = as(ast, 'AlterEnumStmt')!;
      const type = listName(e.typeName, 'public');
      if (!e.newVal || e.oldVal || created.isNewType(type)) return [];
      return [
        `enum value ${literal(e.newVal)} added to ${display(type)} cannot be removed in place; the rollback re-makes the type without it, and a row holding ${literal(e.newVal)} stops the rollback`,
      ];
    }
    case 'AlterSeqStmt': {
      const s = as(ast, 'AlterSeqStmt')!;
      const restarts = (s.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'restart');
      const name = rangeVarName(s.sequence, 'public');
      if (!restarts || created.isNewSequence(name)) return [];
      return [`sequence ${display(name)} is restarted; the rollback does not move it back`];
    }
    case 'TruncateStmt':
      return (as(ast, 'TruncateStmt')!.relations ?? []).flatMap((r) => {
        const table = created.table(as(r, 'RangeVar'));
        return table ? [`rows truncated from ${display(table)} are not restored`] : [];
      });
    case 'NotifyStmt':
      if (isSchemaReload(as(ast, 'NotifyStmt')!.conditionname)) return [];
      return [
        `NOTIFY ${ident(as(ast, 'NotifyStmt')!.conditionname ?? '')} has side effects outside the schema (a notification sent); the rollback does not undo them`,
      ];
    case 'CopyStmt': {
      const copy = as(ast, 'CopyStmt')!;
      const table = copy.is_from ? created.table(copy.relation) : undefined;
      return [...(table ? [inserted(table)] : []), ...callReasons(copy.query, created.callRules(false))];
    }
    case 'CreateTableAsStmt': {
      const ctas = as(ast, 'CreateTableAsStmt')!;
      return ctas.into?.skipData ? [] : callReasons(ctas.query, created.callRules(false));
    }
    case 'CallStmt': {
      // Its call is a bare FuncCall payload, not a node a walk would visit.
      const call = as(ast, 'CallStmt')!.funccall;
      const rules = created.callRules(true);
      const own = call ? callReason(call, rules) : undefined;
      return [...(own ? [own] : []), ...callReasons(call?.args, rules)];
    }
    case 'SelectStmt':
      return dataReasons(ast, created, true);
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
      return dataReasons(ast, created, false);
    default:
      return [];
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function inserted(table: QualifiedName): string {
  return `rows inserted into ${display(table)} stay (the rollback removes no rows)`;
}

/** Rows written by DML (data-modifying CTEs included) and the calls the statement runs, in the order written. */
function dataReasons(ast: Node, created: Created, ran: boolean): string[] {
  const rules = created.callRules(ran);
  const out: string[] = [];
  walk(ast, (kind, payload) => {
    if (kind === 'FuncCall') {
      const reason = callReason(payload, rules);
      if (reason) out.push(reason);
      return;
    }
    if (kind !== 'InsertStmt' && kind !== 'UpdateStmt' && kind !== 'DeleteStmt' && kind !== 'MergeStmt')
      return;
    const table = created.table(payload['relation'] as RangeVar | undefined);
    if (!table) return;
    const name = display(table);
    if (kind === 'InsertStmt') {
      out.push(inserted(table));
      const conflict = as({ InsertStmt: payload } as Node, 'InsertStmt')?.onConflictClause;
      if (conflict?.action === 'ONCONFLICT_UPDATE') out.push(`values changed in ${name} are not restored`);
    } else if (kind === 'UpdateStmt') out.push(`values changed in ${name} are not restored`);
    else if (kind === 'DeleteStmt') out.push(`rows deleted from ${name} are not restored`);
    else out.push(`rows changed in ${name} by MERGE are not restored`);
  });
  return out;
}

function dropReasons(ast: Node, created: Created): string[] {
  const drop = as(ast, 'DropStmt')!;
  const out: string[] = [];
  for (const object of drop.objects ?? []) {
    if (drop.removeType === 'OBJECT_TABLE') {
      const table = listName(as(object, 'List')?.items, 'public');
      if (created.isNewTable(table)) continue;
      out.push(`rows of ${display(table)} are deleted; the rollback re-creates the table empty`);
    } else if (drop.removeType === 'OBJECT_SEQUENCE') {
      const sequence = listName(as(object, 'List')?.items, 'public');
      if (created.isNewSequence(sequence)) continue;
      out.push(
        `current value of sequence ${display(sequence)} is lost; the rollback re-creates it at its start`,
      );
    } else if (drop.removeType === 'OBJECT_SCHEMA' && drop.behavior === 'DROP_CASCADE') {
      const schema = as(object, 'String')?.sval ?? '';
      if (created.isNewSchema(schema)) continue;
      out.push(
        `rows of every table in schema ${ident(schema)} are deleted; the rollback re-creates the tables empty`,
      );
    }
  }
  return out;
}

function alterTableReasons(ast: Node, created: Created): string[] {
  const alter = as(ast, 'AlterTableStmt')!;
  const table = alter.objtype === 'OBJECT_TABLE' ? created.table(alter.relation) : undefined;
  if (!table) return [];
  const out: string[] = [];
  for (const c of alter.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const column = `${display(table)}.${ident(cmd?.name ?? '')}`;
    if (cmd?.subtype === 'AT_DropColumn')
      out.push(
        `values of ${column} are deleted; the rollback adds the column back empty (or with its default)`,
      );
    if (cmd?.subtype === 'AT_AlterColumnType') {
      const type = typeInfo(as(cmd.def, 'ColumnDef')?.typeName).text;
      out.push(
        `values of ${column} are converted to ${type}; the rollback converts them back with a cast, which may not restore them exactly`,
      );
    }
  }
  return out;
}
