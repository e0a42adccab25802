// The name part of a synced Alembic revision: the message slug of its file name.

/**
 * `3f2a9c1d7b4e_create_events.py` → `create_events`; with a dated file_template
 * (`2025_03_01_0900-3f2a9c1d7b4e_create_events.py`) the text after the id. A file named only by its id (legacy,
 * or `--rev-id` without a message) takes its docstring's first line instead.
 */
export function revisionName(fileName: string, id: string, text: string): string {
  const stem = fileName.replace(/\.py$/, '');
  const at = stem.indexOf(id);
  const afterId = at === -1 ? stem.replace(/^[\d_-]*/, '') : stem.slice(at + id.length);
  const fromFile = slug(afterId);
  if (fromFile !== '') return fromFile;
  const docstring = /^\s*(?:[rRuU]?)(?:"""|''')[ \t]*([^\n]*?)\s*(?:"""|'''|\n)/.exec(text)?.[1] ?? '';
  return slug(docstring) || 'revision';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
