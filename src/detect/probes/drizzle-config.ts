// drizzle.config.*: drizzle-kit's config file, and the `out` folder it writes migrations to.
import { baseOf, dirOf, joinRel, NONE, type ProbeContext, type ProbeResult } from '../signal.js';

const DEFAULT_OUT = 'drizzle';
const POSTGRES_DIALECTS = new Set(['postgresql', 'postgres', 'pg']);

/** `out: './drizzle'` as a plain string or a template literal without substitutions. */
const OUT_LITERAL = /\bout\s*:\s*(?:'([^'\n]*)'|"([^"\n]*)"|`([^`$\n]*)`)/;
const OUT_ANY = /\bout\s*:/;
const DIALECT = /\bdialect\s*:\s*['"`]([A-Za-z-]+)['"`]/;
/** Before drizzle-kit 0.21, `driver: 'pg'` named the database. */
const LEGACY_DRIVER = /\bdriver\s*:\s*['"`](pg|mysql2|better-sqlite|libsql|turso)['"`]/;

interface DrizzleSettings {
  /** The literal `out`; null when it is computed at run time; undefined when it is not set. */
  out: string | null | undefined;
  dialect: string | undefined;
}

export async function probeDrizzleConfig(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const text = await ctx.read(rel);
  if (text === undefined) return NONE;
  const dir = dirOf(rel);
  const { out, dialect } = rel.endsWith('.json') ? readJson(text) : readScript(text);
  const warnings =
    dialect && !POSTGRES_DIALECTS.has(dialect)
      ? [
          {
            code: 'non-postgres-dialect',
            message: `${rel} targets "${dialect}", not PostgreSQL; Supabase migrations need dialect "postgresql".`,
          },
        ]
      : [];
  const language = /\.[mc]?ts$/.test(baseOf(rel)) ? 'typescript' : undefined;
  const base = { dir, orm: 'drizzle', strong: true, ...(language ? { language } : {}) };
  if (out === null) {
    // The folder is decided at run time; the journal search in folders.ts may still find it.
    return { signals: [{ ...base, evidence: `${rel}: out is not a literal` }], warnings };
  }
  return {
    signals: [
      {
        ...base,
        evidence: out === undefined ? `${rel}: out not set (default ${DEFAULT_OUT})` : `${rel}: out ${out}`,
        migrationsDir: joinRel(dir, out ?? DEFAULT_OUT),
      },
    ],
    warnings,
  };
}

function readScript(text: string): DrizzleSettings {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const m = OUT_LITERAL.exec(code);
  const out = m ? (m[1] ?? m[2] ?? m[3])! : OUT_ANY.test(code) ? null : undefined;
  const dialect = DIALECT.exec(code)?.[1] ?? LEGACY_DRIVER.exec(code)?.[1];
  return { out, dialect: dialect?.toLowerCase() };
}

function readJson(text: string): DrizzleSettings {
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as {
      out?: unknown;
      dialect?: unknown;
      driver?: unknown;
    };
    const dialect = typeof json.dialect === 'string' ? json.dialect : json.driver === 'pg' ? 'pg' : undefined;
    return {
      out: typeof json.out === 'string' ? json.out : json.out === undefined ? undefined : null,
      dialect: dialect?.toLowerCase(),
    };
  } catch {
    return { out: undefined, dialect: undefined };
  }
}
