// The shape of `.kodo/config.json` (the seed's `stack.workspaces.*` format), as zod schemas.
import { z } from 'zod';

const digits = z.string().regex(/^[0-9]{1,14}$/, 'expected a string of digits like "00100"');

export const serviceRangeSchema = z
  .object({ start: digits, end: digits })
  .strict()
  .refine((r) => BigInt(r.start) <= BigInt(r.end), { message: 'start must not be greater than end' });

/** "00100-00199", the seed's `sharedDatabase.serviceRanges` form. */
const rangeString = z.string().regex(/^[0-9]{1,14}-[0-9]{1,14}$/, 'expected a range like "00100-00199"');

export const ormNameSchema = z.string().min(1).nullable();

export const workspaceSchema = z
  .object({
    language: z.string().min(1).describe('typescript, javascript, python, rust, …'),
    path: z
      .string()
      .min(1)
      .refine(
        (p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p),
        'expected a path relative to the project root',
      )
      .optional(),
    database: z
      .object({
        orm: z.object({ name: ormNameSchema }).passthrough().optional(),
        migrationStrategy: z
          .object({
            type: z.enum(['hybrid', 'supabase', 'orm']).default('hybrid'),
            serviceRange: serviceRangeSchema.optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const severitySettingSchema = z.enum(['off', 'info', 'warning', 'error']);

export const lintSchema = z
  .object({
    rules: z.record(z.string(), severitySettingSchema).default({}),
  })
  .passthrough();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    stack: z
      .object({
        languages: z.array(z.string()).optional(),
        workspaces: z
          .record(
            z
              .string()
              .regex(
                /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
                'expected a workspace name of letters, digits, "-", "_" or "."',
              ),
            workspaceSchema,
          )
          .default({}),
        sharedDatabase: z
          .object({
            enabled: z.boolean().optional(),
            provider: z.string().optional(),
            serviceRanges: z.record(z.string(), rangeString).optional(),
          })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    lint: lintSchema.optional(),
  })
  .passthrough();

export type RawConfig = z.infer<typeof configSchema>;
export type RawWorkspace = z.infer<typeof workspaceSchema>;
export type SeveritySetting = z.infer<typeof severitySettingSchema>;
