// The first minutes with kodo, as a process: the snapshot build is announced once on stderr, `kodo up` keeps the
// embedded database out of git with .kodo/.gitignore, and `kodo new` takes SQL piped on stdin.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { KODO_BIN, runKodo } from '../helpers/cli.js';
import { makeFiles, migrationFiles, tempDir } from '../helpers/temp.js';

const MESSAGE = /^preparing the embedded Supabase database, once: about \d+ s$/m;

/** kodo with `input` on a pipe as stdin, the way `echo … | kodo new x` runs it. */
async function kodoWithInput(args: string[], cwd: string, input: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KODO_')));
  const run = await execa(process.execPath, [KODO_BIN, ...args], {
    cwd,
    env,
    extendEnv: false,
    reject: false,
    input,
  });
  return { code: run.exitCode, stdout: run.stdout, stderr: run.stderr };
}

describe('the first minutes (process)', { timeout: 180_000 }, () => {
  it('says once, on stderr, that it prepares the embedded database on a cold cache, and nothing on a warm one', async () => {
    const cache = await tempDir('kodo-cold-cache-');
    const root = await makeFiles({
      'supabase/migrations/20240101000000_a.sql': 'select 1;\n',
    });
    const cold = await runKodo(['check', '--json'], { cwd: root, env: { KODO_CACHE_DIR: cache } });
    expect(cold.code).toBe(0);
    expect(cold.stderr.match(new RegExp(MESSAGE.source, 'gm'))).toHaveLength(1);
    expect(cold.stdout).not.toContain('preparing');
    expect(JSON.parse(cold.stdout)).toMatchObject({ ok: true });
    const warm = await runKodo(['check', '--json'], { cwd: root, env: { KODO_CACHE_DIR: cache } });
    expect(warm.code).toBe(0);
    expect(warm.stderr).not.toContain('preparing');
  });

  it('kodo up writes .kodo/.gitignore so that git never sees the data directory', async () => {
    const root = await makeFiles({ 'supabase/migrations/20240101000000_a.sql': 'select 1;\n' });
    await execa('git', ['init', '-q'], { cwd: root });
    expect((await runKodo(['up'], { cwd: root })).code).toBe(0);
    expect(await fs.readFile(path.join(root, '.kodo', '.gitignore'), 'utf8')).toBe(
      '# kodo: the embedded development database (kodo up, kodo reset); never commit it.\ndb/\n',
    );
    const status = await execa('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root });
    const untracked = status.stdout.split('\n').filter((l) => l.includes('.kodo'));
    expect(untracked).toEqual(['?? .kodo/.gitignore']);
  });

  it("leaves a .kodo/.gitignore of the user's alone, even one without db/", async () => {
    const mine = 'config.local.json\n';
    const root = await makeFiles({
      'supabase/migrations/20240101000000_a.sql': 'select 1;\n',
      '.kodo/.gitignore': mine,
    });
    expect((await runKodo(['up'], { cwd: root })).code).toBe(0);
    expect((await runKodo(['reset'], { cwd: root })).code).toBe(0);
    expect(await fs.readFile(path.join(root, '.kodo', '.gitignore'), 'utf8')).toBe(mine);
  });

  it('kodo new writes SQL piped on stdin into the new file, as supabase migration new does', async () => {
    const root = await makeFiles({ 'supabase/migrations/.gitkeep': '' });
    const sql = 'create table t ();\n-- from a pipe\n';
    const run = await kodoWithInput(['new', 't', '--json'], root, sql);
    expect(run.code, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout) as { path: string; file: string };
    expect(await fs.readFile(created.path, 'utf8')).toBe(sql);
    const text = await kodoWithInput(['new', 'u'], root, 'select 2;\n');
    expect(text.stdout).toMatch(
      /^Created supabase\/migrations\/\d{14}_u\.sql \(.*\), with the SQL from stdin$/,
    );
  });

  it('kodo new does not wait forever on a stdin that a parent program holds open and never writes', async () => {
    const root = await makeFiles({ 'supabase/migrations/.gitkeep': '' });
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KODO_')));
    const child = spawn(process.execPath, [KODO_BIN, 'new', 'held', '--json'], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.end();
    expect(code, stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stderr).toContain('stdin is open but sent nothing for 1 s, so the new file gets the template');
    const text = await fs.readFile((JSON.parse(stdout) as { path: string }).path, 'utf8');
    expect(text).toMatch(/^-- Migration: /);
  });

  it('kodo new: an empty pipe, /dev/null or --template give the template; nothing half-written', async () => {
    const root = await makeFiles({ 'supabase/migrations/.gitkeep': '' });
    const empty = await kodoWithInput(['new', 'empty_pipe', '--json'], root, '');
    const devNull = await runKodo(['new', 'dev_null', '--json'], { cwd: root });
    const blank = await kodoWithInput(['new', 'blank_pipe', '--json'], root, '  \n\n');
    for (const run of [empty, devNull, blank]) {
      expect(run.code).toBe(0);
      const text = await fs.readFile((JSON.parse(run.stdout) as { path: string }).path, 'utf8');
      expect(text).toMatch(/^-- Migration: /);
    }
    // With a template, stdin is not read: the template decides the content.
    const templated = await kodoWithInput(
      ['new', 'ext', '--template', 'extensions', '--json'],
      root,
      'select 1;\n',
    );
    expect(templated.code, templated.stderr).toBe(0);
    const text = await fs.readFile((JSON.parse(templated.stdout) as { path: string }).path, 'utf8');
    expect(text).not.toContain('select 1;');
    // Only complete files, no temporary files left.
    expect((await migrationFiles(root)).filter((f) => !f.endsWith('.sql') && f !== '.gitkeep')).toEqual([]);
  });
});
