// The database targets the behavioural suites run on: PGlite always, the real PostgreSQL server when it answers.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/database.js';
import { openDatabase, openScratchDatabase } from '../../src/db/open.js';
import { SERVER_URL, serverAvailable } from '../helpers/postgres.js';

export interface Target {
  name: string;
  engine: 'pglite' | 'postgres';
  skip: boolean;
  /** A fresh database with the Supabase shim; close() removes it. */
  open(): Promise<Database>;
}

export const TARGETS: Target[] = [
  {
    name: 'PGlite (memory)',
    engine: 'pglite',
    skip: false,
    open: async () => openDatabase('memory', { root: await tempRoot() }),
  },
  {
    name: 'PostgreSQL server (scratch database)',
    engine: 'postgres',
    skip: !serverAvailable,
    open: async () => openScratchDatabase(SERVER_URL, { root: await tempRoot() }),
  },
];

export async function tempRoot(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'kodo-db-test-'));
}
