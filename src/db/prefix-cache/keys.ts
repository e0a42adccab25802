// The key of the database state after each prefix of the migration folder: a hash chain over what applying a file
// depends on (its path, which gives the history row's version and name, and its bytes), started from the key of the
// snapshot every throwaway database begins with. Changing a file changes the key of its prefix and of every later
// one, so an edited older file invalidates everything after it and nothing before it.
import { createHash } from 'node:crypto';

/** Bump when what a checkpoint holds changes in a way the chain does not show (history table, apply semantics). */
export const PREFIX_FORMAT = 1;

export interface KeyedFile {
  file: string;
  sha256: string;
}

/** keys[i] names the state after files[0..i]. */
export function prefixKeys(base: string, files: readonly KeyedFile[]): string[] {
  const keys: string[] = [];
  let key = createHash('sha256').update(`kodo-prefix ${PREFIX_FORMAT} ${base}`).digest('hex');
  for (const f of files) {
    key = createHash('sha256').update(`${key}\0${f.file}\0${f.sha256}`).digest('hex');
    keys.push(key);
  }
  return keys;
}
