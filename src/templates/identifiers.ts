// SQL names and literals for generated migrations: validated, quoted only when Postgres needs it.
import { createHash } from 'node:crypto';

/** Postgres's own limit: longer names are silently truncated, which can make two names collide. */
export const MAX_IDENTIFIER_LENGTH = 63;

export const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Keywords Postgres reserves (plus those that cannot name a function or type): as table, column or
 * policy names they must be quoted. From the "reserved" columns of the PostgreSQL 17 keyword appendix.
 */
const RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate
  collation column concurrently constraint create cross current_catalog current_date current_role
  current_schema current_time current_timestamp current_user default deferrable desc distinct do else end
  except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into
  is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on
  only or order outer overlaps placing primary references returning right select session_user similar some
  symmetric system_user table tablesample then to trailing true union unique user using variadic verbose
  when where window with`.split(/\s+/),
);

/** Why `name` cannot be used as an identifier, or null when it can. */
export function identifierProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_IDENTIFIER_LENGTH) return `is longer than ${MAX_IDENTIFIER_LENGTH} characters`;
  if (!IDENTIFIER_RE.test(name))
    return 'must start with a letter or "_" and use only letters, digits and "_"';
  return null;
}

/** `orders`, `"order"`, `"CamelCase"`: quoted for keywords and capitals, bare otherwise. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table`, each part quoted as needed. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A standard SQL string literal (standard_conforming_strings is on in every supported Postgres). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A derived name such as `idx_orders_user_id`; past 63 characters it is cut and ends in a short hash of
 * the full name, so two long names never truncate to the same one.
 */
export function derivedName(...parts: string[]): string {
  const full = parts.join('_');
  if (full.length <= MAX_IDENTIFIER_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER_LENGTH - hash.length - 1)}_${hash}`;
}
