// Two `up` runs against one server at once never both apply a file: the advisory lock serialises them.
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { up } from '../../src/apply/up.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { serverAvailable } from '../helpers/postgres.js';
import { approve, freshTarget, historyRows, makeProject } from './helpers.js';

describe.skipIf(!serverAvailable)('concurrent up on a real server', () => {
  it('applies each file exactly once across two connections', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      // The sleep keeps the first run inside its lock while the second one starts.
      files[`2024010100000${i}_t${i}.sql`] = `select pg_sleep(0.1);\ncreate table t${i} (id int);\n`;
    }
    const project = await makeProject(files);
    const db = await freshTarget('postgres', project);
    let waited = 0;
    const run = () =>
      up({
        root: project.root,
        db,
        env: {},
        confirm: approve,
        onWait: () => {
          waited += 1;
        },
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.failure).toBeNull();
    expect(b.failure).toBeNull();
    expect([...a.applied, ...b.applied].sort()).toEqual(Object.keys(files).map((f) => f.slice(0, 14)));
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(1);
    expect((await historyRows(project, db)).map((r) => r.version)).toHaveLength(5);
  });

  it('applies each file exactly once across two processes', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++)
      files[`2024020100000${i}_p${i}.sql`] = `select pg_sleep(0.1);\ncreate table p${i} (id int);\n`;
    const project = await makeProject(files);
    const db = await freshTarget('postgres', project);
    const script = path.join(REPO_ROOT, 'test', 'apply', 'up-process.ts');
    const spawn = () =>
      execa(
        process.execPath,
        ['--import', 'tsx', '--import', './scripts/sql-loader.mjs', script, project.root, db],
        {
          cwd: REPO_ROOT,
        },
      );
    const runs = await Promise.all([spawn(), spawn()]);
    const results = runs.map((r) => JSON.parse(r.stdout) as { applied: string[]; failure: unknown });
    expect(results.map((r) => r.failure)).toEqual([null, null]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(Object.keys(files).map((f) => f.slice(0, 14)));
    expect((await historyRows(project, db)).map((r) => r.version)).toHaveLength(4);
  });
});
