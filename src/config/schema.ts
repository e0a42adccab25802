// The shape of `.kodo/config.json` (the seed's `stack.workspaces.*` format), as zod schemas.
//
// Written with zod/mini: every command reads the config, and the full zod build costs ~35 ms of module
// start-up (measured on a 2-core machine), a sixth of what `kodo lint` takes on a large folder. The English
// messages are registered here because zod/mini ships without a locale.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

const isDigits = (value: unknown) => typeof value === 'string' && /^[0-9]+$/.test(value);

const digits = z.string().check(z.regex(/^[0-9]{1,14}$/, 'expected a string of digits like "00100"'));

export const serviceRangeSchema = z
  .strictObject(
    { start: digits, end: digits },
    'expected an object like { "start": "00100", "end": "00199" }',
  )
  .check(
    // The refinement runs even when a bound failed its regex: compare only digits, never BigInt("abc").
    z.refine(
      (r) => !isDigits(r.start) || !isDigits(r.end) || BigInt(r.start) <= BigInt(r.end),
      'start must not be greater than end',
    ),
  );

/** "00100-00199", the seed's `sharedDatabase.serviceRanges` form. */
const rangeString = z
  .string()
  .check(z.regex(/^[0-9]{1,14}-[0-9]{1,14}$/, 'expected a range like "00100-00199"'));

export const ormNameSchema = z.nullable(z.string().check(z.minLength(1)));

export const workspaceSchema = z.looseObject({
  /** typescript, javascript, python, rust, … */
  language: z.string().check(z.minLength(1)),
  path: z.optional(
    z.string().check(
      z.minLength(1),
      z.refine(
        (p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p),
        'expected a path relative to the project root',
      ),
    ),
  ),
  database: z.optional(
    z.looseObject({
      orm: z.optional(z.looseObject({ name: ormNameSchema })),
      migrationStrategy: z.optional(
        z.looseObject({
          type: z._default(z.enum(['hybrid', 'supabase', 'orm']), 'hybrid'),
          serviceRange: z.optional(serviceRangeSchema),
        }),
      ),
    }),
  ),
});

export const severitySettingSchema = z.enum(['off', 'info', 'warning', 'error']);

export const lintSchema = z.looseObject({
  rules: z._default(z.record(z.string(), severitySettingSchema), {}),
});

const workspaceName = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a workspace name of letters, digits, "-", "_" or "."'),
  );

export const configSchema = z.looseObject({
  $schema: z.optional(z.string()),
  stack: z.optional(
    z.looseObject({
      languages: z.optional(z.array(z.string())),
      workspaces: z._default(z.record(workspaceName, workspaceSchema), {}),
      sharedDatabase: z.optional(
        z.looseObject({
          enabled: z.optional(z.boolean()),
          provider: z.optional(z.string()),
          serviceRanges: z.optional(z.record(z.string(), rangeString)),
        }),
      ),
    }),
  ),
  lint: z.optional(lintSchema),
  apply: z.optional(
    z.looseObject({
      /** How long `up` waits for a lock before its migration fails (Postgres lock_timeout); "0" waits forever. */
      lockTimeout: z.optional(
        z
          .string()
          .check(
            z.refine(
              (s) => durationMs(s) !== undefined,
              'expected a duration like "5s", "500ms" or "1min" (at most 24 days; "0" waits forever)',
            ),
          ),
      ),
    }),
  ),
});

/** `up`'s lock_timeout when the config does not set apply.lockTimeout: long enough for a busy table, short enough to notice. */
export const DEFAULT_LOCK_TIMEOUT = '5s';

/** `5s`, `500ms`, `1min` or `0` in milliseconds; undefined when not such a duration or beyond Postgres's limit. */
export function durationMs(text: string): number | undefined {
  const m = /^\s*([0-9]{1,10})\s*(ms|s|min)?\s*$/.exec(text);
  if (!m || (m[2] === undefined && m[1] !== '0')) return undefined;
  const ms = Number(m[1]) * (m[2] === 'min' ? 60_000 : m[2] === 's' ? 1000 : 1);
  return ms <= 2_147_483_647 ? ms : undefined;
}

export type RawConfig = z.infer<typeof configSchema>;
export type RawWorkspace = z.infer<typeof workspaceSchema>;
export type SeveritySetting = z.infer<typeof severitySettingSchema>;
