// Offsets in one SQL text: the parser's UTF-8 byte offsets and code-point cursors to JS string offsets,
// and string offsets to the 1-based line and column (in characters) a person sees.

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in Unicode characters (code points), as an editor shows it. */
  column: number;
}

export class SourceText {
  readonly text: string;
  /** Char offset of the start of each line. */
  private readonly lineStarts: number[];
  private readonly ascii: boolean;
  /** For non-ASCII text: byte offsets after each multi-byte character and the bytes-minus-units gap so far. */
  private byteMarks: { at: Int32Array; gap: Int32Array } | undefined;
  private astralMarks: Int32Array | undefined;

  /** A byte-order mark read as a space: editors do not show it, so line 1 columns skip it. */
  private readonly bom: boolean;

  constructor(text: string, bom = false) {
    this.text = text;
    this.bom = bom;
    this.lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.ascii = !/[^\u0000-\u007f]/.test(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** A UTF-8 byte offset (libpg-query's `location`, `stmt_location`) as a char offset. */
  byteToChar(byte: number): number {
    if (this.ascii || byte <= 0) return Math.max(0, byte);
    const marks = this.byteMarks ?? this.buildByteMarks();
    // Last multi-byte character ending at or before `byte`.
    let lo = 0;
    let hi = marks.at.length - 1;
    let gap = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks.at[mid]! <= byte) {
        gap = marks.gap[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return Math.min(this.text.length, byte - gap);
  }

  /** A code-point index (the parser's error cursor) as a char offset. */
  codePointToChar(cp: number): number {
    if (this.ascii || cp <= 0) return Math.max(0, Math.min(cp, this.text.length));
    const astral = this.astralMarks ?? this.buildAstralMarks();
    // Each astral character before `cp` takes two UTF-16 units.
    let lo = 0;
    let hi = astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (astral[mid]! < cp) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(this.text.length, cp + lo);
  }

  /** The byte length of the text before `char`. */
  charToByte(char: number): number {
    if (this.ascii) return char;
    return Buffer.byteLength(this.text.slice(0, char), 'utf8');
  }

  position(char: number): Position {
    const offset = Math.max(0, Math.min(char, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo]!;
    let column = offset - start + 1;
    if (!this.ascii) {
      const before = this.text.slice(start, offset);
      // Surrogate pairs are one character to a person.
      const pairs = before.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
      if (pairs) column -= pairs.length;
    }
    if (this.bom && lo === 0) column = Math.max(1, column - 1);
    return { line: lo + 1, column };
  }

  /** The char offset of a 1-based line and column. */
  offset(pos: Position): number {
    const start = this.lineStarts[Math.max(0, Math.min(pos.line, this.lineStarts.length) - 1)] ?? 0;
    let offset = this.bom && pos.line <= 1 ? 1 : start;
    for (let col = 1; col < pos.column && offset < this.text.length; col++) {
      const c = this.text.charCodeAt(offset);
      offset += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    return offset;
  }

  /** Text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(this.bom && line === 1 ? 1 : start, end).replace(/\r$/, '');
  }

  private buildByteMarks(): { at: Int32Array; gap: Int32Array } {
    const at: number[] = [];
    const gap: number[] = [];
    let bytes = 0;
    let total = 0;
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x80) {
        bytes++;
        continue;
      }
      let size: number;
      let units = 1;
      if (c < 0x800) size = 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
        size = 4;
        units = 2;
        i++;
      } else size = 3;
      bytes += size;
      total += size - units;
      at.push(bytes);
      gap.push(total);
    }
    this.byteMarks = { at: Int32Array.from(at), gap: Int32Array.from(gap) };
    return this.byteMarks;
  }

  private buildAstralMarks(): Int32Array {
    const marks: number[] = [];
    let cp = 0;
    const t = this.text;
    for (let i = 0; i < t.length; i++, cp++) {
      const c = t.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
        marks.push(cp);
        i++;
      }
    }
    this.astralMarks = Int32Array.from(marks);
    return this.astralMarks;
  }
}
