// Creates one migration file: allocates its version and writes it exclusively, under a cross-process lock,
// so two creations never share a version and no existing file is ever overwritten.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { KodoError } from '../core/errors.js';
import { createExclusive } from '../core/fs.js';
import { withLock } from '../core/lock.js';
import { MIGRATIONS_DIR, migrationsDir } from '../core/project.js';
import { renderMigration, TEMPLATE_NAMES, TEMPLATES, type TemplateName } from '../templates/templates.js';
import type { MigrationKind } from '../versions/allocate.js';
import { allocateVersion, allocationShape, assertProjectRoot } from '../versions/allocate-version.js';
import { migrationFileName, normalizeMigrationName } from '../versions/grammar.js';

export const templateNameSchema = z
  .enum(TEMPLATE_NAMES)
  .describe(
    'empty (default): a header; table: a table with RLS and policies (default when a table spec is given); extensions / core_functions: the hybrid bootstrap files 00000 / 00001.',
  );

/** The `--json` of `kodo new` and the output of `create_migration`. */
export const createdMigrationShape = {
  ...allocationShape,
  path: z.string().describe('Absolute path of the new file.'),
  file: z
    .string()
    .describe('Path relative to the project root, e.g. supabase/migrations/00102_node_add_orders.sql.'),
  name: z.string().describe('The normalised snake_case name.'),
  template: templateNameSchema,
};
export type CreatedMigration = z.infer<z.ZodObject<typeof createdMigrationShape>>;

export interface CreateRequest {
  name: string;
  workspace?: string | undefined;
  kind?: MigrationKind | undefined;
  template?: TemplateName | undefined;
  /** A table spec (untrusted; validated before anything is written). */
  table?: unknown;
  /** The file's content as given (`kodo new` reads it from a piped stdin), instead of a template's. */
  sql?: string | undefined;
  now?: Date | undefined;
}

export async function createMigration(root: string, request: CreateRequest): Promise<CreatedMigration> {
  const name = normalizeMigrationName(request.name);
  const template = chooseTemplate(request);
  const info = TEMPLATES[template];
  if (info.kind && request.kind && request.kind !== info.kind) {
    throw new KodoError(
      'kind-mismatch',
      `The ${template} template writes a ${info.kind} migration, not ${request.kind}; omit kind or use ${info.kind}.`,
    );
  }
  const kind = request.kind ?? info.kind ?? 'schema';
  const now = request.now ?? new Date();
  // Rendering validates the table spec: any error surfaces before the lock is taken or a file is touched.
  const content = request.sql ?? renderMigration({ template, name, created: now, table: request.table });
  await assertProjectRoot(root);
  const dir = migrationsDir(path.resolve(root));
  // The lock is keyed by the real path, so a symlinked root and its target share one lock.
  return withLock(migrationsDir(await fs.realpath(root)), async () => {
    const allocation = await allocateVersion(root, {
      workspace: request.workspace,
      defaultWorkspace: info.workspace,
      kind,
      now,
    });
    const fileName = migrationFileName(allocation.version, name, allocation.prefix ?? undefined);
    const target = path.join(dir, fileName);
    // normalizeMigrationName already refuses separators; this keeps the promise even if the grammar changes.
    if (path.dirname(target) !== dir) {
      throw new KodoError('invalid-name', `Migration file ${fileName} would land outside ${MIGRATIONS_DIR}.`);
    }
    if (!(await createExclusive(target, content))) {
      throw new KodoError(
        'migration-exists',
        `${MIGRATIONS_DIR}/${fileName} already exists and kodo never overwrites a migration; choose another name.`,
      );
    }
    return {
      ...allocation,
      path: target,
      file: `supabase/migrations/${fileName}`,
      name,
      template,
    };
  });
}

function chooseTemplate(request: CreateRequest): TemplateName {
  if (request.table === undefined) return request.template ?? 'empty';
  if (request.template && request.template !== 'table') {
    throw new KodoError(
      'template-mismatch',
      `A table spec needs the table template, not ${request.template}; omit the template or use table.`,
    );
  }
  return 'table';
}
