// PGlite's files where the bundle finds them: assets.ts's two modes, build.mjs's ASSETS list, and a real bundle run.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ASSETS } from '../../scripts/assets.mjs';
import { EXTENSION_BUNDLES, resolveAssetDir } from '../../src/db/assets.js';
import { tempRoot } from './targets.js';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('asset folder', () => {
  it('is PGlite’s dist folder when running from source', () => {
    const dir = resolveAssetDir(false, import.meta.url);
    expect(dir.split(path.sep).slice(-3)).toEqual(['@electric-sql', 'pglite', 'dist']);
  });

  it('is the folder of dist/kodo.js in the bundle', () => {
    expect(resolveAssetDir(true, 'file:///opt/kodo/dist/kodo.js')).toBe('/opt/kodo/dist/');
  });

  it('holds every file kodo loads at run time, per scripts/build.mjs', async () => {
    const assets = ASSETS.map((a) => path.basename(a));
    for (const file of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) expect(assets).toContain(file);
    for (const name of EXTENSION_BUNDLES) expect(assets).toContain(`${name}.tar.gz`);
  });
});

describe('bundled database code', () => {
  it('starts PGlite with real extensions and stand-ins from the bundle’s folder', async () => {
    // The same bundling as scripts/build.mjs, into a folder laid out as dist/ is.
    const dir = await tempRoot();
    await fs.writeFile(
      path.join(dir, 'entry.ts'),
      [
        `import { openDatabase } from ${JSON.stringify(path.join(root, 'src/db/open.ts'))};`,
        `import { listStandInsUsed } from ${JSON.stringify(path.join(root, 'src/db/standins/index.ts'))};`,
        `const db = await openDatabase('memory', { root: ${JSON.stringify(dir)} });`,
        "await db.exec(\"create extension vector with schema extensions; create extension pg_cron; select cron.schedule('j', '@daily', 'select 1');\");",
        "const { rows } = await db.query(\"select '[1,2]'::extensions.vector <-> '[1,3]'::extensions.vector as d\");",
        'console.log(JSON.stringify({ distance: rows[0].d, standIns: await listStandInsUsed(db) }));',
        'await db.close();',
      ].join('\n'),
    );
    await build({
      entryPoints: [path.join(dir, 'entry.ts')],
      outfile: path.join(dir, 'dist', 'kodo.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      loader: { '.sql': 'text' },
      define: { 'globalThis.__KODO_BUNDLED__': 'true' },
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
    });
    for (const asset of ASSETS) {
      await fs.copyFile(path.join(root, 'node_modules', asset), path.join(dir, 'dist', path.basename(asset)));
    }
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'dist', 'kodo.js')], {
      cwd: dir,
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ distance: 1, standIns: ['pg_cron'] });
  }, 90_000);
});
