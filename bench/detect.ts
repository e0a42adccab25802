// Benchmark (not a test): `detectProject` on a synthetic monorepo whose services carry ~50k files in
// node_modules/, target/ and .venv/. Prints the median of several runs. Run: npx tsx bench/detect.ts
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fg from 'fast-glob';
import { detectProject } from '../src/detect/detect.js';

const SERVICES = 12;
const RUNS = 9;
/** Per service: packages × files under node_modules, crates × files under target, packages × files in .venv. */
const NODE_PACKAGES = 180;
const FILES_PER_PACKAGE = 14;
const TARGET_DIRS = 50;
const FILES_PER_TARGET_DIR = 20;
const VENV_PACKAGES = 60;
const FILES_PER_VENV_PACKAGE = 12;

async function buildMonorepo(root: string): Promise<number> {
  const pending: [string, string][] = [];
  const put = async (rel: string, content = '') => {
    pending.push([rel, content]);
  };
  await put('package.json', JSON.stringify({ private: true, workspaces: ['services/*'] }));
  for (let s = 0; s < SERVICES; s++) {
    const svc = `services/svc-${s}`;
    const kind = s % 3;
    if (kind === 0) {
      await put(`${svc}/package.json`, JSON.stringify({ dependencies: { 'drizzle-orm': '^0.44.5' } }));
      await put(`${svc}/drizzle.config.ts`, "export default { dialect: 'postgresql', out: './drizzle' };\n");
    } else if (kind === 1) {
      await put(`${svc}/alembic.ini`, '[alembic]\nscript_location = alembic\n');
      await put(`${svc}/requirements.txt`, 'sqlalchemy==2.0.36\nalembic==1.14.0\n');
    } else {
      await put(
        `${svc}/Cargo.toml`,
        '[package]\nname = "x"\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres"] }\n',
      );
    }
    // Decoys: manifests that would be reported if the walk entered these folders.
    for (let p = 0; p < NODE_PACKAGES; p++) {
      const pkg = `${svc}/node_modules/pkg-${p}`;
      await put(
        `${pkg}/package.json`,
        JSON.stringify({ name: `pkg-${p}`, dependencies: { 'drizzle-orm': '*' } }),
      );
      for (let f = 1; f < FILES_PER_PACKAGE; f++)
        await put(`${pkg}/lib/file-${f}.js`, 'module.exports = 1;\n');
    }
    for (let d = 0; d < TARGET_DIRS; d++) {
      await put(`${svc}/target/debug/build/crate-${d}/Cargo.toml`, '[dependencies]\nsqlx = "0.8"\n');
      for (let f = 1; f < FILES_PER_TARGET_DIR; f++)
        await put(`${svc}/target/debug/build/crate-${d}/out-${f}.o`);
    }
    for (let p = 0; p < VENV_PACKAGES; p++) {
      const pkg = `${svc}/.venv/lib/python3.12/site-packages/mod_${p}`;
      await put(`${pkg}/alembic.ini`, '[alembic]\nscript_location = alembic\n');
      for (let f = 1; f < FILES_PER_VENV_PACKAGE; f++) await put(`${pkg}/m${f}.py`);
    }
  }
  for (const dir of new Set(pending.map(([rel]) => path.dirname(path.join(root, rel))))) {
    await fs.mkdir(dir, { recursive: true });
  }
  // Batches keep the disk busy without opening thousands of files at once.
  for (let i = 0; i < pending.length; i += 256) {
    await Promise.all(
      pending.slice(i, i + 256).map(([rel, content]) => fs.writeFile(path.join(root, rel), content)),
    );
  }
  return pending.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kodo-bench-detect-'));
try {
  const started = performance.now();
  const files = await buildMonorepo(root);
  process.stdout.write(
    `Built ${files} files (${SERVICES} services) in ${Math.round(performance.now() - started)} ms\n`,
  );
  const times: number[] = [];
  let workspaces = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const result = await detectProject(root);
    times.push(performance.now() - t);
    workspaces = result.workspaces.length;
  }
  if (workspaces !== SERVICES) throw new Error(`Expected ${SERVICES} workspaces, found ${workspaces}.`);
  process.stdout.write(
    `detectProject: median ${median(times).toFixed(1)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}); ${workspaces} workspaces found\n`,
  );
  // For contrast: merely listing every file, as a walk that entered those folders would.
  const t = performance.now();
  const all = await fg('**/*', { cwd: root, dot: true });
  process.stdout.write(
    `Listing all ${all.length} files without skipping: ${(performance.now() - t).toFixed(1)} ms\n`,
  );
} finally {
  await fs.rm(root, { recursive: true, force: true });
}
