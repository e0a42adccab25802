// Debian's real Alembic (python3-alembic) converts fixture projects in offline mode; kodo reads the graph, cuts the
// SQL per revision, and the embedded database (and the PostgreSQL server, when it answers) applies it in order.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKodoError } from '../../src/core/errors.js';
import { listAlembicRevisions, readAlembic } from '../../src/sync/alembic/index.js';
import type { SourceRead } from '../../src/sync/types.js';
import { TARGETS } from '../db/targets.js';
import { alembicWorkspace, copyFixture, realAlembic } from './alembic-helpers.js';

const alembic = await realAlembic();
if (alembic.versions === null) {
  const why = `Alembic cannot run: ${alembic.why}`;
  if (process.env['CI'])
    throw new Error(`${why} (the real Alembic suite must run in CI; .ci/run installs it).`);
  process.stderr.write(`\n*** SKIPPING the real Alembic suite: ${why} ***\n\n`);
} else {
  process.stderr.write(`real Alembic suite: ${alembic.versions}\n`);
}

const BILLING = 'services/billing';
const BILLING_VERSIONS = `${BILLING}/migrations/versions`;
const billing = (root: string) => alembicWorkspace(root, BILLING, BILLING_VERSIONS);

const LEDGER = 'services/ledger';
const ledger = (root: string) => alembicWorkspace(root, LEDGER, `${LEDGER}/alembic/versions`);

/** The fixture's revisions in the order kodo must give: the invoices branch was created before the email one. */
const EXPECTED_ORDER = [
  ['3a1f0c9d2b10_create_accounts.py', 'create_accounts', []],
  ['9e4d1b7a6c02_create_invoices.py', 'create_invoices', []],
  ['5c7e2a4b8d21_add_accounts_email.py', 'add_accounts_email', []],
  ['7b2c9f0e1a33_merge_email_and_invoices.py', 'merge_email_and_invoices', ['merge revision: no SQL']],
  ['1d8a5e3c7f44_add_invoices_paid_at.py', 'add_invoices_paid_at', []],
].map(([file, name, notes]) => [`${BILLING_VERSIONS}/${file}`, name, notes]);

async function refusal(run: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run;
  } catch (e) {
    if (isKodoError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a KodoError, got a result');
}

describe.skipIf(alembic.versions === null)('real Alembic → readAlembic → applied', () => {
  const roots: string[] = [];
  const fresh = (fixture: string) => {
    const root = copyFixture(fixture);
    roots.push(root);
    return root;
  };
  let root = '';
  let read: SourceRead;
  /** The other scenarios' outcomes: every Alembic run starts at once, so the suite waits for Python only once. */
  let outcomes: Record<'venv' | 'rows' | 'dummyUrl' | 'envFails' | 'tooOld', Promise<unknown>>;
  beforeAll(async () => {
    root = fresh('alembic-branches');
    outcomes = {
      venv: viaVenv(fresh('alembic-branches')),
      rows: refusal(readAlembic(ledger(fresh('alembic-reads-rows')), {})),
      dummyUrl: withoutDatabaseUrl(fresh('alembic-reads-rows')),
      envFails: refusal(
        readAlembic(ledger(brokenEnv(fresh('alembic-reads-rows'), 'ledger_models_that_do_not_exist')), {}),
      ),
      tooOld: refusal(
        readAlembic(ledger(brokenEnv(fresh('alembic-reads-rows'), 'sqlalchemy.NotInAnyRelease')), {}),
      ),
    };
    // Settled here so that a failing scenario fails its own test, not this hook.
    for (const p of Object.values(outcomes)) p.catch(() => undefined);
    read = await readAlembic(billing(root), {});
    await Promise.allSettled(Object.values(outcomes));
  }, 30_000);
  afterAll(() => {
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  it('branches before their merge, siblings by Create Date, the revision after the merge last', () => {
    expect(read.migrations.map((m) => [m.source, m.name, m.notes])).toEqual(EXPECTED_ORDER);
    expect(read.notes).toEqual([
      expect.stringMatching(/^converted by Alembic \S+ \(SQLAlchemy \S+\) in offline mode\.$/),
    ]);
  });

  it('hashes each revision file and keeps only its own SQL', () => {
    for (const m of read.migrations) {
      const bytes = fs.readFileSync(path.join(root, m.source));
      expect(m.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(m.sql.endsWith('\n') && !m.sql.endsWith('\n\n')).toBe(true);
      expect(m.sql).not.toMatch(/alembic_version|^BEGIN;|^COMMIT;/m);
      expect([m.noTransaction, m.down]).toEqual([false, null]);
    }
    const [accounts, invoices, email, merge, paidAt] = read.migrations.map((m) => m.sql);
    expect(accounts).toMatch(/^CREATE TABLE accounts \(\n/);
    expect(invoices).toMatch(
      /^CREATE TYPE invoice_status AS ENUM \('draft', 'sent', 'paid'\);\n\nCREATE TABLE invoices/,
    );
    expect(email).toBe(
      'ALTER TABLE accounts ADD COLUMN email VARCHAR(255);\n\nALTER TABLE accounts ADD CONSTRAINT uq_accounts_email UNIQUE (email);\n',
    );
    expect(merge).toBe('-- Alembic merge revision 7b2c9f0e1a33 (of 5c7e2a4b8d21, 9e4d1b7a6c02): no SQL.\n');
    // The blank line inside the function body is the revision's own and survives the cut.
    expect(paidAt).toContain('coalesce(NEW.paid_at, now());\n\n          RETURN NEW;');
  });

  it('leaves no __pycache__ in the versions folder', () => {
    expect(fs.existsSync(path.join(root, BILLING_VERSIONS, '__pycache__'))).toBe(false);
  });

  it('lists the same revisions in the same order without Python', async () => {
    const listing = await listAlembicRevisions(billing(root));
    expect(listing.revisions.map((r) => [r.source, r.sha256, r.name])).toEqual(
      read.migrations.map((m) => [m.source, m.sha256, m.name]),
    );
    expect(listing.heads).toEqual(['1d8a5e3c7f44']);
  });

  for (const target of TARGETS) {
    it.skipIf(target.skip)(`${target.name}: the synced SQL applies in order`, async () => {
      const db = await target.open();
      try {
        for (const m of read.migrations) await db.exec(m.sql);
        const columns = await db.query<{ v: string }>(
          "select table_name || '.' || column_name as v from information_schema.columns where table_schema = 'public' and table_name in ('accounts', 'invoices') order by 1",
        );
        expect(columns.rows.map((r) => r.v)).toEqual([
          'accounts.created_at',
          'accounts.email',
          'accounts.id',
          'accounts.name',
          'invoices.account_id',
          'invoices.billing_email',
          'invoices.id',
          'invoices.paid_at',
          'invoices.status',
          'invoices.total_cents',
        ]);
        const fks = await db.query<{ v: string }>(
          "select conname as v from pg_constraint where conrelid = 'public.invoices'::regclass and contype = 'f' order by 1",
        );
        expect(fks.rows.map((r) => r.v)).toEqual(['fk_invoices_billing_email', 'invoices_account_id_fkey']);
      } finally {
        await db.close();
      }
    });
  }

  it("runs the project's .venv/bin/python when there is one", async () => {
    const { used, sqls } = (await outcomes.venv) as Awaited<ReturnType<typeof viaVenv>>;
    expect(used).toBe(true);
    expect(sqls).toEqual(read.migrations.map((m) => m.sql));
  });

  it('stops with the abort reason when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the test'));
    await expect(readAlembic(billing(root), { signal: controller.signal })).rejects.toThrow(
      'stopped by the test',
    );
  });

  it('refuses a revision that reads rows, naming its file and the cause, and returns nothing', async () => {
    expect(await outcomes.rows).toEqual({
      code: 'alembic-offline-failed',
      message:
        "services/ledger/alembic/versions/0002_backfill_totals.py cannot run in Alembic's offline mode (line 21: AttributeError: 'NoneType' object has no attribute 'fetchall'), so nothing of workspace ledger was synced: it reads rows through the connection (op.get_bind()), which `alembic upgrade --sql` cannot do; move that data step out of the migration, or write it as SQL with op.execute(), and sync again.",
    });
  });

  it('gives env.py a dummy DATABASE_URL: the revision before the one that reads rows converts', async () => {
    const only = (await outcomes.dummyUrl) as SourceRead;
    expect(only.migrations.map((m) => [m.source, m.name, m.sql])).toEqual([
      [
        `${LEDGER}/alembic/versions/0001_create_entries.py`,
        'create_entries',
        'CREATE TABLE entries (\n    id SERIAL NOT NULL, \n    amount_cents INTEGER NOT NULL, \n    PRIMARY KEY (id)\n);\n',
      ],
    ]);
  });

  it('says which env.py failure stopped the run before any revision', async () => {
    expect(await outcomes.envFails).toEqual({
      code: 'alembic-offline-failed',
      message:
        "alembic upgrade heads --sql failed in services/ledger before any revision ran (ModuleNotFoundError: No module named 'ledger_models_that_do_not_exist'), so nothing of workspace ledger was synced: env.py imports modules this Python does not have; install the project's dependencies (or a .venv with them) and sync again.",
    });
  });

  it('says the project needs newer Alembic/SQLAlchemy when it imports what the installed ones lack', async () => {
    expect(await outcomes.tooOld).toEqual({
      code: 'alembic-offline-failed',
      message: expect.stringMatching(
        /^alembic upgrade heads --sql failed in services\/ledger before any revision ran \(ImportError: cannot import name 'NotInAnyRelease' from 'sqlalchemy' \(.+\)\), so nothing of workspace ledger was synced: the project needs a newer release than Alembic \S+ and SQLAlchemy \S+; install the project's own dependencies into its \.venv \(kodo runs \.venv\/bin\/python first\) and sync again\.$/,
      ),
    });
  });
});

/** A stand-in virtualenv in the billing service: it records that it ran, then hands over to the Python with Alembic. */
async function viaVenv(r: string): Promise<{ used: boolean; sqls: string[] }> {
  const used = path.join(r, 'venv-used');
  const venvPython = path.join(r, BILLING, '.venv/bin/python');
  fs.mkdirSync(path.dirname(venvPython), { recursive: true });
  fs.writeFileSync(venvPython, `#!/bin/sh\n: > '${used}'\nexec '${alembic.python}' "$@"\n`, { mode: 0o755 });
  // PATH holds no python3 at all: only the virtualenv can have run.
  const read = await readAlembic(billing(r), { env: { ...process.env, PATH: path.dirname(venvPython) } });
  return { used: fs.existsSync(used), sqls: read.migrations.map((m) => m.sql) };
}

/** The ledger without its row-reading revision, run with DATABASE_URL unset: env.py reads os.environ["DATABASE_URL"]. */
async function withoutDatabaseUrl(r: string): Promise<SourceRead> {
  fs.rmSync(path.join(r, LEDGER, 'alembic/versions/0002_backfill_totals.py'));
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  return readAlembic(ledger(r), { env });
}

/** The ledger whose env.py imports what nobody has: a module, or a name from a package (`pkg.Name`). */
function brokenEnv(r: string, missing: string): string {
  const envPy = path.join(r, LEDGER, 'alembic/env.py');
  const dot = missing.lastIndexOf('.');
  const line =
    dot === -1 ? `import ${missing}` : `from ${missing.slice(0, dot)} import ${missing.slice(dot + 1)}`;
  fs.writeFileSync(envPy, `${line}\n${fs.readFileSync(envPy, 'utf8')}`);
  return r;
}

describe('without Python or Alembic', () => {
  const root = copyFixture('alembic-branches');
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'kodo-nopython-'));
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('no python3 on PATH: one sentence saying what to install', async () => {
    const env = { ...process.env, PATH: bin };
    expect(await refusal(readAlembic(billing(root), { env }))).toEqual({
      code: 'python-missing',
      message:
        'python3 is not on PATH: install Python 3 and Alembic (Debian: apt-get install python3-alembic python3-sqlalchemy; pip: pip install alembic sqlalchemy).',
    });
  });

  it('a python3 that cannot import alembic: names it and says what to install', async () => {
    const fake = path.join(bin, 'python3');
    fs.writeFileSync(
      fake,
      '#!/bin/sh\necho "ModuleNotFoundError: No module named \'alembic\'" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    const env = { ...process.env, PATH: bin };
    expect(await refusal(readAlembic(billing(root), { env }))).toEqual({
      code: 'alembic-missing',
      message: `Alembic is not installed for ${fake}: install Alembic and SQLAlchemy for it (Debian: apt-get install python3-alembic python3-sqlalchemy; pip: pip install alembic sqlalchemy), or into the project's .venv.`,
    });
  });
});
