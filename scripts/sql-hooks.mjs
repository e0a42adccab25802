// Module load hook: a .sql file becomes a module whose default export is its text.
import fs from 'node:fs/promises';

export async function load(url, context, next) {
  if (url.endsWith('.sql')) {
    const text = await fs.readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  return next(url, context);
}
