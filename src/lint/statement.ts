// Statements and files as rules see them: a parsed statement bound to its file, with position helpers.
import { as, type Node, type NodeKind, type NodeOf } from '../sql/ast.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { Position } from '../sql/source.js';
import type { LintFile, Statement, TransactionState } from './types.js';

export class FileStatement implements Statement {
  readonly file: LintFile;
  readonly index: number;
  readonly ast: Node;
  readonly kind: NodeKind;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly nested: boolean;
  tx: TransactionState = { id: 0, explicit: false, implicit: false };
  private readonly byteBase: number;

  constructor(file: LintFile, index: number, parsed: ParsedStatement) {
    this.file = file;
    this.index = index;
    this.ast = parsed.ast;
    this.kind = parsed.kind;
    this.start = parsed.start;
    this.end = parsed.end;
    this.byteBase = parsed.byteBase;
    this.nested = parsed.nested === true;
    const pos = file.source.position(parsed.start);
    this.line = pos.line;
    this.column = pos.column;
  }

  get text(): string {
    return this.file.text.slice(this.start, this.end);
  }

  node<K extends NodeKind>(kind: K): NodeOf<K> | undefined {
    return as(this.ast, kind);
  }

  offsetOf(location: number | undefined): number {
    if (location === undefined || location < 0) return this.start;
    const offset = this.file.source.byteToChar(this.byteBase + location);
    // A location outside the statement would be a parser quirk; the statement start is the safe answer.
    return offset >= this.start && offset <= this.end ? offset : this.start;
  }

  positionOf(location: number | undefined): Position {
    return this.file.source.position(this.offsetOf(location));
  }
}
