// One spec error: the file, the path inside it and one sentence, e.g.
// `supabase/tests/rls/docs.yaml: expect[0].select.bob: expected a row count, a list of fixture names, or true/false.`
import { formatJsonPath } from '../../config/json.js';
import { KodoError } from '../../core/errors.js';

export type Path = readonly (string | number)[];

/** A problem at a path of a spec, before the file is known (parts of the checks that do not know it). */
export class SpecProblem extends Error {
  constructor(
    readonly at: Path,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export function specError(file: string, at: Path, problem: string): KodoError {
  const where = at.length === 0 ? '' : ` ${formatJsonPath(at)}:`;
  return new KodoError('rls-spec-invalid', `${file}:${where} ${problem.replace(/\.$/, '')}.`);
}

/** Runs `fn`, turning a SpecProblem into the KodoError that names `file`. */
export function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw named(file, e);
  }
}

/** inFile for work that waits on the database. */
export async function inFileAsync<T>(file: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw named(file, e);
  }
}

const named = (file: string, e: unknown): unknown =>
  e instanceof SpecProblem ? specError(file, e.at, e.problem) : e;
