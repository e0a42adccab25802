// Access to the real PostgreSQL server for the server suites: scratch databases created and dropped per test file.
// In CI (CI=true) an unreachable server fails the suite loudly; elsewhere the suite skips and says so.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const SERVER_URL =
  process.env['KODO_TEST_DATABASE_URL'] ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await probe();
if (problem && process.env['CI']) {
  throw new Error(
    `The PostgreSQL test server at ${redact(SERVER_URL)} is unreachable in CI (${problem}); .ci/run must start it.`,
  );
}
if (problem) {
  process.stderr.write(
    `\n*** SKIPPING real-PostgreSQL suites: ${redact(SERVER_URL)} is unreachable (${problem}). Start it with: pg_ctlcluster 15 main start ***\n\n`,
  );
}

/** True when the real server answered; use with `describe.skipIf(!serverAvailable)`. */
export const serverAvailable = problem === null;

export interface ScratchDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** Creates an empty database on the test server; `drop()` removes it (call it in afterAll). */
export async function createScratchDatabase(prefix = 'kodo_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

function redact(url: string): string {
  return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:***@');
}
