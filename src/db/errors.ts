// Turns what either engine throws (PGlite's or pg's DatabaseError, or anything else) into one DatabaseErrorInfo.
import type { DatabaseErrorInfo } from './database.js';

export function toDatabaseError(e: unknown): DatabaseErrorInfo {
  if (typeof e !== 'object' || e === null) {
    return {
      message: String(e),
      sqlstate: undefined,
      detail: undefined,
      hint: undefined,
      position: undefined,
    };
  }
  const o = e as Record<string, unknown>;
  const code = text(o['code']);
  const position = Number.parseInt(String(o['position'] ?? ''), 10);
  return {
    message: text(o['message']) ?? String(e),
    // Node's own errors carry codes such as ECONNREFUSED: only a 5-character code is a SQLSTATE.
    sqlstate: code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined,
    detail: text(o['detail']),
    hint: text(o['hint']),
    position: Number.isFinite(position) && position > 0 ? position : undefined,
  };
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
