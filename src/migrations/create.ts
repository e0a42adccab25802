// Creates a migration: allocates (or checks an explicit) version and writes the file exclusively, under a
// cross-process lock, so two creations never share a version and no existing file is ever overwritten. In hybrid
// mode the table template writes a pair: the table in an even (schema) version, its behaviour in the next odd one.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { KodoError } from '../core/errors.js';
import { createExclusive } from '../core/fs.js';
import { withLock } from '../core/lock.js';
import { MIGRATIONS_DIR, migrationsDir } from '../core/project.js';
import { Project } from '../project/project.js';
import { renderTableFile } from '../templates/table.js';
import { behaviorName, renderTablePair } from '../templates/table-pair.js';
import {
  renderMigration,
  TEMPLATE_NAMES,
  TEMPLATES,
  type TemplateName,
  tableParts,
} from '../templates/templates.js';
import type { MigrationKind } from '../versions/allocate.js';
import {
  type Allocation,
  allocateFrom,
  allocationShape,
  assertProjectRoot,
  migrationKindSchema,
} from '../versions/allocate-version.js';
import { migrationFileName, normalizeMigrationName } from '../versions/grammar.js';
import { checkRequestedVersion } from '../versions/requested-version.js';

export const templateNameSchema = z
  .enum(TEMPLATE_NAMES)
  .describe(
    'empty (default): a header; table: a table with RLS and policies (default when a table spec is given), two files in hybrid mode; extensions / core_functions: the hybrid bootstrap files 00000 / 00001.',
  );

/** One file written by `kodo new` / `create_migration`. */
export const createdFileShape = {
  path: z.string().describe('Absolute path of the new file.'),
  file: z.string().describe('Path relative to the project root.'),
  version: z.string(),
  name: z.string().describe('The normalised snake_case name.'),
  kind: migrationKindSchema,
};
export type CreatedFile = z.infer<z.ZodObject<typeof createdFileShape>>;

/**
 * The `--json` of `kodo new` and the output of `create_migration`: INTERFACES' `{ path, version, name }` for the
 * first file, and `files` listing every file written (two for a hybrid table: schema, then behaviour).
 */
export const createdMigrationShape = {
  ...allocationShape,
  path: z.string().describe('Absolute path of the (first) new file.'),
  file: z
    .string()
    .describe('Path relative to the project root, e.g. supabase/migrations/00102_node_add_orders.sql.'),
  name: z.string().describe('The normalised snake_case name.'),
  template: templateNameSchema,
  files: z
    .array(z.object(createdFileShape))
    .describe(
      'Every file written, in version order: one, or for the table template in hybrid mode the schema file (even) and its behaviour file (odd: RLS, policies, trigger, comments).',
    ),
};
export type CreatedMigration = z.infer<z.ZodObject<typeof createdMigrationShape>>;

export interface CreateRequest {
  name: string;
  workspace?: string | undefined;
  kind?: MigrationKind | undefined;
  template?: TemplateName | undefined;
  /** An explicit version, checked against the range rules instead of allocated. */
  version?: string | undefined;
  /** A table spec (untrusted; validated before anything is written). */
  table?: unknown;
  /** The file's content as given (`kodo new` reads it from a piped stdin), instead of a template's. */
  sql?: string | undefined;
  now?: Date | undefined;
}

interface Planned {
  allocation: Allocation;
  name: string;
  content: string;
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
  const now = request.now ?? new Date();
  // Rendering validates the table spec: any error surfaces before the lock is taken or a file is touched.
  const table =
    template === 'table' && request.sql === undefined ? tableParts(name, request.table) : undefined;
  const content =
    request.sql ??
    (table ? undefined : renderMigration({ template, name, created: now, table: request.table }));
  await assertProjectRoot(root);
  const dir = migrationsDir(path.resolve(root));
  // The lock is keyed by the real path, so a symlinked root and its target share one lock.
  return withLock(migrationsDir(await fs.realpath(root)), async () => {
    const project = new Project(root);
    const config = await project.config();
    const existing = project.versionsInUse();
    const wanted = {
      workspace: request.workspace,
      defaultWorkspace: info.workspace,
      // Unset for the empty template: allocation then defaults to schema, an explicit version's parity decides.
      kind: request.kind ?? info.kind,
      now,
    };
    const allocation =
      request.version === undefined
        ? allocateFrom(
            config,
            existing.map((e) => e.version),
            wanted,
          )
        : checkRequestedVersion(config, existing, { ...wanted, version: request.version });
    let planned: Planned[];
    if (table === undefined) planned = [{ allocation, name, content: content ?? '' }];
    else if (allocation.mode !== 'hybrid') {
      // Timestamp versions have no even/odd rule, so the table stays one file with all seven steps.
      planned = [{ allocation, name, content: renderTableFile(table, { name, created: now }) }];
    } else {
      // The even/odd rule: the table in this even version, its behaviour in the odd version right after it.
      const behavior = allocateFrom(config, [...existing.map((e) => e.version), allocation.version], {
        workspace: allocation.workspace ?? undefined,
        kind: 'behavior',
      });
      const behaviorMigration = normalizeMigrationName(behaviorName(table));
      const fileOf = (a: Allocation, n: string) => migrationFileName(a.version, n, a.prefix ?? undefined);
      const pair = renderTablePair(
        table,
        {
          schema: { file: fileOf(allocation, name), name },
          behavior: { file: fileOf(behavior, behaviorMigration), name: behaviorMigration },
        },
        now,
      );
      planned = [
        { allocation, name, content: pair.schema },
        { allocation: behavior, name: behaviorMigration, content: pair.behavior },
      ];
    }
    const files = await writeAll(dir, planned);
    const first = files[0]!;
    return { ...allocation, path: first.path, file: first.file, name, template, files };
  });
}

/** Writes each file exclusively; when a later one cannot be written, the earlier ones are removed again. */
async function writeAll(dir: string, planned: Planned[]): Promise<CreatedFile[]> {
  const written: CreatedFile[] = [];
  try {
    for (const p of planned) {
      const fileName = migrationFileName(p.allocation.version, p.name, p.allocation.prefix ?? undefined);
      const target = path.join(dir, fileName);
      // normalizeMigrationName already refuses separators; this keeps the promise even if the grammar changes.
      if (path.dirname(target) !== dir) {
        throw new KodoError(
          'invalid-name',
          `Migration file ${fileName} would land outside ${MIGRATIONS_DIR}.`,
        );
      }
      if (!(await createExclusive(target, p.content))) {
        throw new KodoError(
          'migration-exists',
          `${MIGRATIONS_DIR}/${fileName} already exists and kodo never overwrites a migration; choose another name.`,
        );
      }
      written.push({
        path: target,
        file: `${MIGRATIONS_DIR}/${fileName}`,
        version: p.allocation.version,
        name: p.name,
        kind: p.allocation.kind,
      });
    }
    return written;
  } catch (e) {
    // Only files this call created, under the lock: a pair is written whole or not at all.
    for (const w of written) await fs.rm(w.path, { force: true });
    throw e;
  }
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
