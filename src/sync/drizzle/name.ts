// The name part of a synced file, from a drizzle-kit tag or folder name.

/**
 * `0003_add_index` → `add_index`; `20250101120000_Add-Index` → `add_index`; `_init` (prefix `none`) → `init`.
 * The number is dropped because the synced file gets its own version; what is left is slugged to [a-z0-9_].
 */
export function nameOfTag(tag: string): string {
  const slug = tag
    .replace(/^\d*_/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  // A tag that is only a number (`0003.sql`, hand-written) has no name of its own.
  return slug === '' ? 'migration' : slug;
}
