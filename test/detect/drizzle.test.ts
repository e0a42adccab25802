// Drizzle detection: package.json dependencies, drizzle.config.* and its `out`, drizzle-kit journals.
import { describe, expect, it } from 'vitest';
import { detectProject } from '../../src/detect/detect.js';
import { makeProject, packageJson } from './project.js';

describe('drizzle detection', () => {
  it('finds drizzle from package.json alone, with the default folder and exact evidence', async () => {
    const root = await makeProject({
      'services/api/package.json': packageJson(
        { 'drizzle-orm': '^0.44.2', pg: '^8.13.0' },
        { 'drizzle-kit': '^0.31.1' },
      ),
    });
    expect(await detectProject(root)).toEqual({
      mode: 'supabase-only',
      configFile: null,
      workspaces: [
        {
          name: 'api',
          language: 'javascript',
          orm: 'drizzle',
          migrationTool: 'drizzle-kit',
          migrationsDir: 'services/api/drizzle',
          range: null,
          source: 'filesystem',
          evidence: [
            'services/api/package.json: drizzle-orm ^0.44.2',
            'services/api/package.json: drizzle-kit ^0.31.1',
          ],
          path: 'services/api',
          prefix: null,
          supported: true,
        },
      ],
      ranges: [],
      warnings: [],
    });
  });

  it('reports TypeScript when the service depends on typescript or has a tsconfig.json', async () => {
    const root = await makeProject({
      'a/package.json': packageJson({ 'drizzle-orm': '0.44.0' }, { typescript: '^5.9.0' }),
      'b/package.json': packageJson({ 'drizzle-orm': '0.44.0' }),
      'b/tsconfig.json': '{}',
    });
    const { workspaces } = await detectProject(root);
    expect(workspaces.map((w) => [w.name, w.language])).toEqual([
      ['a', 'typescript'],
      ['b', 'typescript'],
    ]);
  });

  it('finds drizzle from drizzle.config.ts alone and reads a literal out', async () => {
    const root = await makeProject({
      'apps/web/drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';
// out: './not-this' is a comment
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './db/migrations',
});
`,
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws).toMatchObject({
      name: 'web',
      language: 'typescript',
      orm: 'drizzle',
      migrationsDir: 'apps/web/db/migrations',
      evidence: ['apps/web/drizzle.config.ts: out ./db/migrations'],
    });
  });

  it('uses drizzle-kit’s default folder when out is not set, for .js and .json configs too', async () => {
    const root = await makeProject({
      'js/drizzle.config.js': "module.exports = { dialect: 'postgresql', schema: './schema.js' };\n",
      'json/drizzle.config.json': JSON.stringify({ dialect: 'postgresql', out: 'sql' }),
    });
    const { workspaces } = await detectProject(root);
    expect(workspaces.map((w) => [w.name, w.migrationsDir, w.evidence])).toEqual([
      ['js', 'js/drizzle', ['js/drizzle.config.js: out not set (default drizzle)']],
      ['json', 'json/sql', ['json/drizzle.config.json: out sql']],
    ]);
  });

  it('finds the folder of a computed out through the drizzle-kit journal', async () => {
    const root = await makeProject({
      'api/drizzle.config.ts':
        "export default { dialect: 'postgresql', out: process.env.OUT ?? `./generated` };\n",
      'api/generated/sql/meta/_journal.json': JSON.stringify({
        version: '7',
        dialect: 'postgresql',
        entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }],
      }),
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws?.migrationsDir).toBe('api/generated/sql');
    expect(ws?.evidence).toEqual([
      'api/drizzle.config.ts: out is not a literal',
      'api/generated/sql/meta/_journal.json: 1 entry',
    ]);
  });

  it('warns when the config targets another database', async () => {
    const root = await makeProject({
      'drizzle.config.ts': "export default { dialect: 'sqlite', out: './drizzle' };\n",
    });
    expect((await detectProject(root)).warnings).toEqual([
      {
        code: 'non-postgres-dialect',
        message:
          'drizzle.config.ts targets "sqlite", not PostgreSQL; Supabase migrations need dialect "postgresql".',
      },
    ]);
  });

  it('names a service at the project root after the root folder', async () => {
    const root = await makeProject({ 'package.json': packageJson({ 'drizzle-orm': '^0.44.0' }) });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws).toMatchObject({
      path: '.',
      migrationsDir: 'drizzle',
      evidence: ['package.json: drizzle-orm ^0.44.0'],
    });
    expect(ws?.name).toMatch(/^kodo-detect-/);
  });
});
