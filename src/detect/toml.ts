// Reading the TOML manifests detection looks at (Cargo.toml, pyproject.toml, sqlx.toml, diesel.toml) with smol-toml.
import { parse, TomlError } from 'smol-toml';

export type TomlValue = string | number | boolean | bigint | Date | object | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** Parses `text`; throws an Error naming the line on malformed input. */
export function parseToml(text: string): TomlTable {
  try {
    return parse(text.replace(/^\uFEFF/, '')) as TomlTable;
  } catch (e) {
    // smol-toml's message spans several lines with a code excerpt; keep one sentence for warnings.
    if (!(e instanceof TomlError)) throw e;
    const reason = (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    throw new Error(`${reason} at line ${e.line}`);
  }
}

export function isTable(v: TomlValue | undefined): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Follows `keys` through nested tables; undefined as soon as one is missing. */
export function tomlGet(table: TomlTable, ...keys: string[]): TomlValue | undefined {
  let current: TomlValue | undefined = table;
  for (const key of keys) {
    if (!isTable(current)) return undefined;
    current = current[key];
  }
  return current;
}
