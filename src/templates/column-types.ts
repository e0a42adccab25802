// Column types a generated table may use: an allow-list of Supabase-friendly types, with the usual traps
// refused and explained (int, serial, varchar(n), char(n), timestamp, json, money).
import { quoteIdent } from './identifiers.js';

export type TypeCheck = { ok: true; type: string } | { ok: false; problem: string };

/** Canonical names kodo writes. */
const ALLOWED = new Set([
  'uuid',
  'text',
  'boolean',
  'bigint',
  'numeric',
  'double precision',
  'real',
  'date',
  'time',
  'timestamptz',
  'interval',
  'jsonb',
  'bytea',
  'inet',
  'cidr',
  'macaddr',
  'tsvector',
]);

/** Other spellings of the same types: normalised silently, since nothing about the column changes. */
const SAME_TYPE: Record<string, string> = {
  bool: 'boolean',
  int8: 'bigint',
  decimal: 'numeric',
  float: 'double precision',
  float8: 'double precision',
  float4: 'real',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
};

const USE_BIGINT =
  'use bigint: 32- and 16-bit integers overflow sooner than expected and widening later rewrites the table';
const USE_TEXT =
  'use text: Postgres stores it the same way, and a length limit is a business rule that belongs in a check';
const NO_SERIAL =
  'serial types create a separate sequence; the table already gets a uuid id, so use bigint for plain counters';

/** Types refused with the reason and the replacement. */
const REFUSED: Record<string, string> = {
  int: USE_BIGINT,
  integer: USE_BIGINT,
  int4: USE_BIGINT,
  smallint: USE_BIGINT,
  int2: USE_BIGINT,
  serial: NO_SERIAL,
  serial4: NO_SERIAL,
  serial2: NO_SERIAL,
  smallserial: NO_SERIAL,
  bigserial: NO_SERIAL,
  serial8: NO_SERIAL,
  varchar: USE_TEXT,
  'character varying': USE_TEXT,
  char: USE_TEXT,
  character: USE_TEXT,
  bpchar: USE_TEXT,
  nchar: USE_TEXT,
  timestamp: 'use timestamptz: timestamp without time zone drops the offset and misreads times across zones',
  'timestamp without time zone':
    'use timestamptz: timestamp without time zone drops the offset and misreads times across zones',
  timetz: 'use timestamptz (or time): time with time zone cannot handle daylight saving',
  'time with time zone': 'use timestamptz (or time): time with time zone cannot handle daylight saving',
  json: 'use jsonb: json keeps the raw text and cannot be indexed',
  money: 'use numeric: money depends on the lc_monetary setting',
};

const TYPMOD_RE =
  /^(?<base>[a-z_][a-z0-9_ ]*?|[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)(?:\((?<mod>\d+(?:,\d+)?)\))?$/;

/**
 * Checks and normalises a column type: lower case, single spaces, `[]` suffixes kept. Unqualified names must
 * be on the allow-list (so a typo such as `uuidd` fails here, not in production); user-defined types
 * (enums, extension types) are written schema-qualified, e.g. `public.order_status`, `extensions.vector(1536)`.
 */
export function checkColumnType(input: string): TypeCheck {
  if (/[;'"\\$]|--|\/\*/.test(input)) {
    return { ok: false, problem: 'contains SQL punctuation; give a type name only, like "text" or "bigint"' };
  }
  const compact = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([()[\],])\s*/g, '$1');
  const arrayMatch = /^(.*?)((?:\[\])*)$/.exec(compact);
  const bare = arrayMatch?.[1] ?? compact;
  const dims = arrayMatch?.[2] ?? '';
  const m = TYPMOD_RE.exec(bare);
  if (!m?.groups) return { ok: false, problem: `is not a type name${hint()}` };
  const base = m.groups['base']!;
  const mod = m.groups['mod'];
  if (base.includes('.')) {
    const [schema = '', name = ''] = base.split('.');
    return { ok: true, type: `${quoteIdent(schema)}.${quoteIdent(name)}${mod ? `(${mod})` : ''}${dims}` };
  }
  const refused = REFUSED[base];
  if (refused) return { ok: false, problem: `"${base}" is not allowed; ${refused}` };
  const canonical = SAME_TYPE[base] ?? base;
  if (!ALLOWED.has(canonical)) return { ok: false, problem: `"${base}" is not a known type${hint()}` };
  if (mod !== undefined && canonical !== 'numeric') {
    return { ok: false, problem: `"${canonical}" takes no size or precision here; write "${canonical}"` };
  }
  return { ok: true, type: `${canonical}${mod ? `(${mod})` : ''}${dims}` };
}

function hint(): string {
  return `; use one of ${[...ALLOWED].join(', ')} (with [] for arrays, numeric(p,s) for precision), or a schema-qualified user type such as public.order_status`;
}
