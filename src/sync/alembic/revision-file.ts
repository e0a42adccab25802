// One Alembic revision file, read statically: its identifiers, its parents and what names it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import { readRegularFileSync } from '../../core/fs.js';
import { revisionName } from './name.js';
import { assignedValue, type PyValue } from './python-literal.js';

export interface AlembicRevision {
  /** The revision id (`revision = "..."`). */
  id: string;
  /** The file (absolute). */
  file: string;
  /** The file relative to the project root, forward slashes: the SourceMigration's `source`. */
  source: string;
  /** sha256 (hex) of the file's bytes. */
  sha256: string;
  /** Parents: none for a base, two or more for a merge. */
  downRevisions: string[];
  branchLabels: string[];
  /** Revision ids or branch labels this one must come after without being their child. */
  dependsOn: string[];
  /** The docstring's `Create Date:` as written, or null: the tie-break between branches. */
  createDate: string | null;
  /** The Supabase file's name part. */
  name: string;
}

/** Alembic's legacy files have no `revision =`: the id is the file name (`_legacy_rev` in alembic/script/base.py). */
const LEGACY_NAME = /^([a-f0-9]+)\.py$/;

export function readRevisionFile(root: string, file: string): AlembicRevision {
  const source = path.relative(root, file).split(path.sep).join('/');
  const bytes = readRegularFileSync(file, source);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const base = path.basename(file);
  const revision = assignedValue(text, 'revision');
  let id: string;
  if (revision.kind === 'strings' && revision.values.length === 1) id = revision.values[0]!;
  else if (revision.kind === 'missing' && LEGACY_NAME.test(base)) id = LEGACY_NAME.exec(base)![1]!;
  else throw unreadable(source, 'revision', revision);
  return {
    id,
    file,
    source,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    downRevisions: ids(source, 'down_revision', assignedValue(text, 'down_revision'), true),
    branchLabels: ids(source, 'branch_labels', assignedValue(text, 'branch_labels'), false),
    dependsOn: ids(source, 'depends_on', assignedValue(text, 'depends_on'), false),
    createDate: /^Create Date:[ \t]*(\S.*?)\s*$/m.exec(text)?.[1] ?? null,
    name: revisionName(base, id, text),
  };
}

/** `down_revision` must be written (None for a base); the other two are optional, as in old templates. */
function ids(source: string, variable: string, value: PyValue, required: boolean): string[] {
  if (value.kind === 'none' || (value.kind === 'missing' && !required)) return [];
  if (value.kind === 'strings') return value.values;
  throw unreadable(source, variable, value);
}

function unreadable(source: string, variable: string, value: PyValue): KodoError {
  const found =
    value.kind === 'missing' ? 'it is not assigned' : `it is set to ${describe(value)}, not a literal`;
  return new KodoError(
    'alembic-revision-unreadable',
    `${source}: kodo cannot read \`${variable}\` (${found}); write it as a quoted string, a tuple of them, or None, as Alembic's template does.`,
  );
}

function describe(value: PyValue): string {
  return value.kind === 'other' ? `\`${value.text.split('\n')[0]!.slice(0, 60)}\`` : 'several strings';
}
