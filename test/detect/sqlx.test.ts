// SQLx detection: Cargo.toml in table, string and workspace forms, the migrate! macro and sqlx.toml.
import { describe, expect, it } from 'vitest';
import { detectProject } from '../../src/detect/detect.js';
import { makeProject } from './project.js';

const MAIN_RS = `#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let pool = sqlx::PgPool::connect(&std::env::var("DATABASE_URL")?).await?;
    sqlx::migrate!("db/migrations").run(&pool).await?;
    Ok(())
}
`;

describe('sqlx detection', () => {
  it('reads the table form with the postgres feature and the migrate! folder', async () => {
    const root = await makeProject({
      'crates/realtime/Cargo.toml': `[package]
name = "realtime"
version = "0.1.0"

[dependencies]
sqlx = { version = "0.8", features = ["runtime-tokio", "postgres", "uuid"] }
tokio = { version = "1", features = ["full"] }
`,
      'crates/realtime/src/main.rs': MAIN_RS,
    });
    expect((await detectProject(root)).workspaces).toEqual([
      {
        name: 'realtime',
        language: 'rust',
        orm: 'sqlx',
        migrationTool: 'sqlx-cli',
        migrationsDir: 'crates/realtime/db/migrations',
        range: null,
        source: 'filesystem',
        evidence: [
          'crates/realtime/Cargo.toml: sqlx 0.8 (postgres)',
          'crates/realtime/src/main.rs: sqlx::migrate!("db/migrations")',
        ],
        path: 'crates/realtime',
        prefix: null,
        supported: true,
      },
    ]);
  });

  it('reads the string form and the [dependencies.sqlx] form, defaulting to migrations/', async () => {
    const root = await makeProject({
      'a/Cargo.toml': '[package]\nname = "a"\n\n[dependencies]\nsqlx = "0.8.6"\n',
      'b/Cargo.toml':
        '[package]\nname = "b"\n\n[dependencies.sqlx]\nversion = "0.7"\nfeatures = ["postgres"]\n',
    });
    const { workspaces } = await detectProject(root);
    expect(workspaces.map((w) => [w.name, w.migrationsDir, w.evidence])).toEqual([
      ['a', 'a/migrations', ['a/Cargo.toml: sqlx 0.8.6']],
      ['b', 'b/migrations', ['b/Cargo.toml: sqlx 0.7 (postgres)']],
    ]);
  });

  it('attributes [workspace.dependencies] to the member crate that uses it', async () => {
    const root = await makeProject({
      'Cargo.toml': `[workspace]
members = ["crates/*"]
resolver = "2"

[workspace.dependencies]
sqlx = { version = "0.8", default-features = false, features = ["postgres", "migrate", "macros"] }
`,
      'crates/db/Cargo.toml': '[package]\nname = "db"\n\n[dependencies]\nsqlx.workspace = true\n',
      'crates/db/src/lib.rs': 'pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();\n',
    });
    const { workspaces } = await detectProject(root);
    expect(workspaces.map((w) => [w.path, w.migrationsDir, w.evidence])).toEqual([
      [
        'crates/db',
        'crates/db/migrations',
        ['crates/db/Cargo.toml: sqlx (workspace = true)', 'crates/db/src/lib.rs: sqlx::migrate!()'],
      ],
    ]);
  });

  it('reports a workspace root when no member shows sqlx', async () => {
    const root = await makeProject({
      'Cargo.toml':
        '[workspace]\nmembers = []\n\n[workspace.dependencies]\nsqlx = { version = "0.8", features = ["postgres"] }\n',
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws).toMatchObject({
      path: '.',
      migrationsDir: 'migrations',
      evidence: ['Cargo.toml: sqlx 0.8 (postgres) in [workspace.dependencies]'],
    });
  });

  it('reads migrations-dir from sqlx.toml and follows a renamed dependency', async () => {
    const root = await makeProject({
      'svc/Cargo.toml':
        '[package]\nname = "svc"\n\n[dependencies]\ndb = { package = "sqlx", version = "0.9.0-alpha.1", features = ["postgres", "sqlx-toml"] }\n',
      'svc/sqlx.toml': '[migrate]\nmigrations-dir = "sql/migrations"\n',
    });
    const [ws] = (await detectProject(root)).workspaces;
    expect(ws?.migrationsDir).toBe('svc/sql/migrations');
    expect(ws?.evidence).toEqual([
      'svc/Cargo.toml: sqlx 0.9.0-alpha.1 (postgres)',
      'svc/sqlx.toml: migrations-dir = sql/migrations',
    ]);
  });

  it('warns when sqlx is enabled for MySQL or SQLite only', async () => {
    const root = await makeProject({
      'Cargo.toml':
        '[package]\nname = "x"\n[dependencies]\nsqlx = { version = "0.8", features = ["sqlite"] }\n',
    });
    expect((await detectProject(root)).warnings).toEqual([
      {
        code: 'non-postgres-dialect',
        message:
          'Cargo.toml enables sqlx for sqlite without the "postgres" feature; add "postgres" to its features to use it with Supabase.',
      },
    ]);
  });

  it('reports diesel and SeaORM as detected but not supported', async () => {
    const root = await makeProject({
      'api/Cargo.toml':
        '[package]\nname = "api"\n[dependencies]\ndiesel = { version = "2.2", features = ["postgres"] }\n',
      'api/diesel.toml':
        '[print_schema]\nfile = "src/schema.rs"\n\n[migrations_directory]\ndir = "db/migrations"\n',
      'core/Cargo.toml': '[package]\nname = "core"\n[dependencies]\nsea-orm = "1.1"\n',
    });
    const { workspaces, warnings } = await detectProject(root);
    expect(workspaces.map((w) => [w.name, w.orm, w.migrationTool, w.migrationsDir, w.supported])).toEqual([
      ['api', 'diesel', 'diesel', 'api/db/migrations', false],
      ['core', 'sea-orm', 'sea-orm-cli', 'core/migration', false],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['unsupported-orm', 'unsupported-orm']);
  });
});
