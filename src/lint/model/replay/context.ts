// What every replay step needs: the model, the statement, and a way to record where an object came from.

import type { Statement } from '../../types.js';
import type { SchemaModel } from '../model.js';
import type { Grants, Origin } from '../types.js';

export interface Replay {
  model: SchemaModel;
  stmt: Statement;
}

/** The origin of an object written by `stmt`, at an AST `location` or the statement start. */
export function originAt(stmt: Statement, location?: number): Origin {
  return { file: stmt.file, statement: stmt, offset: stmt.offsetOf(location), tx: stmt.tx.id };
}

export function copyGrants(grants: Grants | undefined): Grants {
  const out: Grants = new Map();
  for (const [role, privs] of grants ?? []) out.set(role, new Set(privs));
  return out;
}

/** Postgres's generated names are cut to 63 bytes; a clash gets a number. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  // Like Postgres, shorten the base (never splitting a character) so the numeric suffix always fits.
  const shorten = (s: string, bytes: number) => {
    let out = s;
    while (utf8Length(out) > bytes) out = [...out].slice(0, -1).join('');
    return out;
  };
  let name = shorten(base, 63);
  for (let i = 1; taken(name); i++) {
    const suffix = String(i);
    name = shorten(base, 63 - suffix.length) + suffix;
  }
  return name;
}

/** `Buffer.byteLength(s)` in plain JS: for the short names here it beats the call into the runtime. */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      // A surrogate pair is one four-byte character; a lone surrogate is written as U+FFFD (three bytes).
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
