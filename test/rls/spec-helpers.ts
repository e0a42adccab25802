// Spec files written into a temporary project for the spec suites.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A project root holding `files` (path → text), e.g. { 'supabase/tests/rls/docs.yaml': '…' }. */
export async function projectWith(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-rls-spec-'));
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), text);
  }
  return root;
}
