// The typed table spec that `create_migration` and `kodo new --table-spec` turn into a seven-step migration.
import { z } from 'zod';

const name = z.string().min(1).max(63);

export const ON_DELETE = ['cascade', 'restrict', 'set null', 'no action'] as const;

export const columnSpecSchema = z
  .object({
    name: name.describe('Column name, snake_case. id, created_at and updated_at are added for you.'),
    type: z
      .string()
      .min(1)
      .describe(
        'uuid, text, boolean, bigint, numeric(p,s), double precision, date, timestamptz, interval, jsonb, bytea, inet, …; [] for arrays; user types schema-qualified (public.order_status). int, serial, varchar(n), char(n), timestamp and json are refused.',
      ),
    nullable: z.boolean().optional().describe('Default false: columns are NOT NULL unless said otherwise.'),
    default: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe(`A SQL expression ("now()", "'pending'" with quotes for text) or a JSON number/boolean.`),
    unique: z.boolean().optional(),
    oneOf: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Allowed text values, generated as a check constraint.'),
    comment: z.string().optional(),
    references: z
      .object({
        table: z.string().min(1).describe('Referenced table: "orders" (same schema) or "auth.users".'),
        column: name.optional().describe('Default "id".'),
        onDelete: z
          .enum(ON_DELETE)
          .describe('Required: what happens to this row when the referenced row goes.'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const indexSpecSchema = z
  .object({
    columns: z.array(name).min(1),
    unique: z.boolean().optional(),
  })
  .strict();

/**
 * Who may read and write rows; every pattern gets select, insert, update and delete policies. One object
 * with optional keys rather than a union, so clients see a simple schema and errors say which mix is wrong.
 */
export const accessSpecSchema = z
  .object({
    owner: name
      .optional()
      .describe(
        'Owner column (uuid): only the user whose auth.uid() it holds writes the row (and reads it, alone).',
      ),
    org: name
      .optional()
      .describe(
        "Org column (uuid): rows are visible only inside the org of public.get_org_id() (the JWT's org_id).",
      ),
    publicRead: z
      .literal(true)
      .optional()
      .describe('With owner: everyone, anon too, reads; only the owner writes.'),
  })
  .strict()
  .refine((a) => a.owner !== undefined || a.org !== undefined, {
    message: 'name an owner column, an org column, or both',
  })
  .refine((a) => !a.publicRead || (a.owner !== undefined && a.org === undefined), {
    message: 'publicRead goes with owner only: {"publicRead": true, "owner": "user_id"}',
  })
  .refine((a) => a.owner === undefined || a.owner !== a.org, {
    message: 'owner and org must be different columns',
  })
  .describe(
    'Patterns: {"owner":"user_id"} owner-only; {"org":"org_id"} org isolation; {"org":"org_id","owner":"user_id"} org members read, owner writes; {"publicRead":true,"owner":"user_id"}.',
  );

export const tableSpecSchema = z
  .object({
    schema: name.optional().describe('Default "public".'),
    name: name.describe('Table name, snake_case and plural (orders).'),
    comment: z.string().min(1).describe('What the table stores (COMMENT ON TABLE).'),
    columns: z.array(columnSpecSchema).describe('Your columns; an access column you leave out is added.'),
    indexes: z
      .array(indexSpecSchema)
      .optional()
      .describe('Extra indexes; foreign keys and access columns get one anyway.'),
    access: accessSpecSchema,
  })
  .strict();

export type TableSpec = z.infer<typeof tableSpecSchema>;
export type ColumnSpec = z.infer<typeof columnSpecSchema>;
export type AccessSpec = z.infer<typeof accessSpecSchema>;
