// The example project's migrations (examples/hybrid-saas) lint with no error-level finding.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lint/project.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/hybrid-saas');
const present = fs.existsSync(path.join(EXAMPLE, 'supabase/migrations'));

describe.skipIf(!present)('examples/hybrid-saas', () => {
  it('has no error-level finding', async () => {
    const run = await lintProject({ cwd: EXAMPLE });
    expect(run.summary.files).toBeGreaterThan(0);
    expect(
      run.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`),
    ).toEqual([]);
  });
});
