// Which spec files run, read and checked: supabase/tests/rls/*.yaml|yml|json sorted by name, or the files and
// folders a caller names (relative to the project root). Every file is read and checked before any database is
// opened, so a typo in the last file stops the run before the first case.
import fs from 'node:fs';
import path from 'node:path';
import { KodoError } from '../../core/errors.js';
import { isInside, readRegularFileSync, realPathOf, unreadable } from '../../core/fs.js';
import { type Project, projectOf } from '../../project/project.js';
import type { LoadedSpec } from './model.js';
import { parseSpec } from './parse.js';

export const SPEC_DIR = path.join('supabase', 'tests', 'rls');

const SPEC_FILE = /\.(ya?ml|json)$/i;

/** The specs of `paths` (files or folders), or of supabase/tests/rls; none when that folder does not exist. */
export function loadSpecs(at: string | Project, paths: readonly string[] = []): LoadedSpec[] {
  const root = projectOf(at).root;
  const files =
    paths.length > 0
      ? paths.flatMap((p) => named(root, p))
      : (listFolder(root, path.join(root, SPEC_DIR)) ?? []);
  // A file named twice (or through a link and by name) runs once.
  const unique = [...new Map(files.map((f) => [realPathOf(f), f])).values()];
  return unique.map((f) => {
    const shown = shownPath(root, f);
    return parseSpec(readRegularFileSync(f, shown).toString('utf8'), shown);
  });
}

function named(root: string, given: string): string[] {
  const full = path.resolve(root, given);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) {
    throw new KodoError(
      'not-found',
      `${given} does not exist; name a spec file or a folder of them (paths are relative to the project root).`,
    );
  }
  return stat.isDirectory() ? (listFolder(root, full) ?? []) : [full];
}

/** A folder's spec files, sorted; links are followed only to files inside the project. */
function listFolder(root: string, dir: string): string[] | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unreadable(`${shownPath(root, dir)}/`, e);
  }
  const names = entries.filter((e) => SPEC_FILE.test(e.name) && !e.isDirectory()).map((e) => e.name);
  return names.sort(byteOrder).map((name) => {
    const full = path.join(dir, name);
    if (!isInside(realPathOf(full), realPathOf(root))) {
      throw new KodoError(
        'bad-link',
        `${shownPath(root, full)} is a link that leads outside the project; copy the spec into the project instead.`,
      );
    }
    return full;
  });
}

const shownPath = (root: string, file: string): string => {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
};

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
