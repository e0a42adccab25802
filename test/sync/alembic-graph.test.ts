// The revision graph read without Python: literal forms Alembic's templates (old and new) write, the order kodo
// gives branches, and the graphs Alembic itself refuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isKodoError } from '../../src/core/errors.js';
import { listAlembicRevisions } from '../../src/sync/alembic/index.js';
import { assignedValue } from '../../src/sync/alembic/python-literal.js';
import { alembicWorkspace } from './alembic-helpers.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

/** services/api with alembic.ini (script_location = alembic) and these files in alembic/versions. */
function project(files: Record<string, string>, ini = '[alembic]\nscript_location = alembic\n'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kodo-alembic-graph-'));
  roots.push(root);
  const versions = path.join(root, 'services/api/alembic/versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(root, 'services/api/alembic.ini'), ini);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(versions, name)), { recursive: true });
    fs.writeFileSync(path.join(versions, name), text);
  }
  return root;
}

const api = (root: string) => alembicWorkspace(root, 'services/api', 'services/api/alembic/versions');

function rev(
  id: string,
  down: string,
  opts: { date?: string; extra?: string; message?: string } = {},
): string {
  const date = opts.date ? `Create Date: ${opts.date}\n` : '';
  return `"""${opts.message ?? id}\n\nRevision ID: ${id}\n${date}"""\nrevision = "${id}"\ndown_revision = ${down}\n${opts.extra ?? ''}\ndef upgrade():\n    pass\n`;
}

async function order(root: string): Promise<string[]> {
  return (await listAlembicRevisions(api(root))).revisions.map((r) => r.id);
}

async function refusal(root: string): Promise<string> {
  try {
    await listAlembicRevisions(api(root));
  } catch (e) {
    if (isKodoError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a KodoError');
}

describe('assignedValue', () => {
  it.each([
    ['revision = "ab12"', { kind: 'strings', values: ['ab12'] }],
    ["revision: str = 'ab12'  # the id", { kind: 'strings', values: ['ab12'] }],
    ['down_revision: Union[str, Sequence[str], None] = None', { kind: 'none' }],
    [
      'down_revision = (\n    "a1",\n    "b2",\n)\nbranch_labels = None',
      { kind: 'strings', values: ['a1', 'b2'] },
    ],
    ["depends_on = ['x']", { kind: 'strings', values: ['x'] }],
    ['branch_labels = ("billing",)', { kind: 'strings', values: ['billing'] }],
    ['down_revision = ()', { kind: 'strings', values: [] }],
    ['down_revision = compute()', { kind: 'other', text: 'compute()' }],
    ['# down_revision = "x"\nrevision = "y"', { kind: 'missing' }],
    ['revision = "old"\nrevision = "new"', { kind: 'strings', values: ['new'] }],
  ])('%j', (source, expected) => {
    const name = source.includes('down_revision')
      ? 'down_revision'
      : source.startsWith('depends_on')
        ? 'depends_on'
        : source.startsWith('branch_labels')
          ? 'branch_labels'
          : 'revision';
    expect(assignedValue(source, name)).toEqual(expected);
  });
});

describe('listAlembicRevisions', () => {
  it('orders parents first, siblings by Create Date, a merge after both, whatever the file names', async () => {
    const root = project({
      'a_base.py': rev('0a', 'None', { date: '2025-01-01 10:00:00' }),
      'b_later_branch.py': rev('1b', '"0a"', { date: '2025-01-03 10:00:00' }),
      'z_earlier_branch.py': rev('1z', "'0a'", { date: '2025-01-02 10:00:00' }),
      'c_merge.py': rev('2m', '("1b", "1z")', { date: '2025-01-04 10:00:00' }),
      'd_no_date.py': rev('1n', '"0a"'),
    });
    // A revision without a Create Date goes after the dated ones that are ready with it.
    expect(await order(root)).toEqual(['0a', '1z', '1b', '2m', '1n']);
  });

  it('depends_on by id or branch label orders without making a parent; notes unmerged heads', async () => {
    const root = project({
      'a.py': rev('aa', 'None', { date: '2025-01-05' }),
      'b.py': rev('bb', 'None', { date: '2025-01-01', extra: 'branch_labels = ("billing",)\n' }),
      'c.py': rev('cc', '"aa"', { date: '2025-01-02', extra: 'depends_on = "billing"\n' }),
    });
    const listing = await listAlembicRevisions(api(root));
    expect(listing.revisions.map((r) => r.id)).toEqual(['bb', 'aa', 'cc']);
    expect(listing.heads).toEqual(['bb', 'cc']);
    expect(listing.notes).toEqual([
      '2 heads (bb, cc): branches not merged yet; each revision is synced after its parents, as alembic upgrade heads runs them.',
      '2 base revisions (bb, aa).',
    ]);
  });

  it('names from the file slug after the id, or the docstring when the file has only the id', async () => {
    const root = project({
      '3f2a9c1d7b4e_Create-Events table.py': rev('3f2a9c1d7b4e', 'None', { date: '1' }),
      '2025_03_01_0900-9a9a_add_x.py': rev('9a9a', '"3f2a9c1d7b4e"', { date: '2' }),
      '7c7c.py': rev('7c7c', '"9a9a"', { date: '3', message: 'Backfill: totals!' }),
      '__init__.py': '',
      '.#lock.py': 'broken',
      'notes.txt': 'not a revision',
    });
    const { revisions } = await listAlembicRevisions(api(root));
    expect(revisions.map((r) => [r.source, r.name])).toEqual([
      ['services/api/alembic/versions/3f2a9c1d7b4e_Create-Events table.py', 'create_events_table'],
      ['services/api/alembic/versions/2025_03_01_0900-9a9a_add_x.py', 'add_x'],
      ['services/api/alembic/versions/7c7c.py', 'backfill_totals'],
    ]);
  });

  it('subfolders only with recursive_version_locations', async () => {
    const files = { 'a.py': rev('aa', 'None'), '2025/b.py': rev('bb', '"aa"') };
    expect(await order(project(files))).toEqual(['aa']);
    const ini = '[alembic]\nscript_location = alembic\nrecursive_version_locations = true\n';
    expect(await order(project(files, ini))).toEqual(['aa', 'bb']);
  });

  it('no versions folder yet: nothing, said so', async () => {
    const root = project({});
    fs.rmSync(path.join(root, 'services/api/alembic/versions'), { recursive: true });
    expect(await listAlembicRevisions(api(root))).toMatchObject({
      revisions: [],
      notes: ['services/api/alembic/versions does not exist yet: no revision to sync.'],
    });
  });

  it.each([
    [
      'a missing parent',
      { 'a.py': rev('aa', '"gone"') },
      'services/api/alembic/versions/a.py: its down_revision "gone" is not a revision in this folder; add the missing revision file or fix down_revision (Alembic refuses this graph too).',
    ],
    [
      'a duplicate id',
      { 'a.py': rev('aa', 'None'), 'b.py': rev('aa', 'None') },
      'services/api/alembic/versions/a.py and services/api/alembic/versions/b.py both declare revision "aa"; give one of them a new id (Alembic refuses this too).',
    ],
    [
      'a cycle',
      { 'a.py': rev('aa', '"bb"'), 'b.py': rev('bb', '"aa"') },
      'The Alembic revisions services/api/alembic/versions/a.py, services/api/alembic/versions/b.py form a cycle through down_revision/depends_on; fix their parents so the graph has a base.',
    ],
    [
      'a computed down_revision',
      { 'a.py': 'revision = "aa"\ndown_revision = PARENTS[0]\n' },
      "services/api/alembic/versions/a.py: kodo cannot read `down_revision` (it is set to `PARENTS[0]`, not a literal); write it as a quoted string, a tuple of them, or None, as Alembic's template does.",
    ],
    [
      'no revision at all',
      { 'helpers.py': 'def util():\n    pass\n' },
      "services/api/alembic/versions/helpers.py: kodo cannot read `revision` (it is not assigned); write it as a quoted string, a tuple of them, or None, as Alembic's template does.",
    ],
  ])('refuses %s in one sentence', async (_, files, message) => {
    expect(await refusal(project(files))).toBe(message);
  });

  it("refuses Flask-Migrate's alembic.ini without script_location, and a project without a config", async () => {
    const root = project({ 'a.py': rev('aa', 'None') });
    fs.rmSync(path.join(root, 'services/api/alembic.ini'));
    expect(await refusal(root)).toBe(
      "No alembic.ini (or pyproject.toml [tool.alembic]) whose script_location leads to services/api/alembic/versions was found in services/api; kodo runs Alembic with the project's own config, so add one or fix the workspace's migrationsDir in .kodo/config.json.",
    );
    fs.writeFileSync(path.join(root, 'services/api/alembic/alembic.ini'), '[alembic]\n# flask db init\n');
    expect(await refusal(root)).toBe(
      'services/api/alembic/alembic.ini: no script_location: kodo runs `alembic upgrade --sql` itself and needs script_location in its [alembic] section (Flask-Migrate passes the folder at run time); add script_location = alembic to that alembic.ini.',
    );
  });

  it('finds [tool.alembic] in pyproject.toml (Alembic 1.16+) and runs there', async () => {
    const root = project({ 'a.py': rev('aa', 'None') });
    fs.rmSync(path.join(root, 'services/api/alembic.ini'));
    fs.writeFileSync(
      path.join(root, 'services/api/pyproject.toml'),
      '[tool.alembic]\nscript_location = "alembic"\n',
    );
    expect((await listAlembicRevisions(api(root))).config).toEqual({
      ini: null,
      cwd: path.join(root, 'services/api'),
      recursive: false,
    });
  });
});
