// The performance advisors on both targets: each check fires on its fixture with the exact finding and stays quiet
// on the fixed one. unused-index and table-bloat read usage statistics: skipped, with their reason, on a database a
// replay has just built, and run on one read as it is.
import { expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { PERFORMANCE } from './fixtures.js';
import { adviseFiles, MIGRATIONS, of } from './helpers.js';
import { checkCases } from './run-cases.js';

const NO_STATISTICS =
  'a database the migrations were just replayed on has no usage statistics; run it on a live database with --db';

const INDEXES = {
  '001_orders.sql': `create table public.orders (id bigint primary key, placed_at timestamptz, code text unique);
alter table public.orders enable row level security;
create index orders_placed_at on public.orders (placed_at);`,
};

for (const target of TARGETS) {
  checkCases(target, PERFORMANCE, (db) => {
    it('unused-index and table-bloat are skipped, with the reason, on a replayed database', async () => {
      const run = await adviseFiles(db(), INDEXES);
      expect(run.skipped).toEqual([
        { rule: 'unused-index', reason: NO_STATISTICS },
        { rule: 'table-bloat', reason: NO_STATISTICS },
      ]);
      expect(run.findings.filter((f) => f.rule === 'unused-index' || f.rule === 'table-bloat')).toEqual([]);
    });

    it('unused-index names a never-scanned index (not the primary key or a unique one) on a database read as it is', async () => {
      const run = await adviseFiles(db(), INDEXES, { statistics: true });
      expect(run.skipped).toEqual([]);
      expect(of(run, 'unused-index')).toEqual([
        {
          rule: 'unused-index',
          severity: 'info',
          category: 'performance',
          file: `${MIGRATIONS}/001_orders.sql`,
          line: 3,
          // Where the statement names the table, as the static index rules point.
          column: 34,
          object: 'public.orders_placed_at',
          message:
            'Index public.orders_placed_at on public.orders has never been used since statistics were last reset; drop it if no query needs it.',
        },
      ]);
    });

    it('table-bloat stays quiet on a table whose pages its rows fill', async () => {
      const run = await adviseFiles(
        db(),
        {
          '001_readings.sql': `create table public.readings (id bigint primary key, value double precision);
alter table public.readings enable row level security;
insert into public.readings select g, g / 3.0 from generate_series(1, 20000) g;
analyze public.readings;`,
        },
        { statistics: true },
      );
      expect(of(run, 'table-bloat')).toEqual([]);
    });

    it('table-bloat names a table whose rows use under 30% of its more than 20 MB', async () => {
      const run = await adviseFiles(
        db(),
        {
          '001_events.sql': `create table public.events (id bigint primary key, payload text);
alter table public.events enable row level security;
insert into public.events select g, repeat('x', 200) from generate_series(1, 150000) g;
delete from public.events where id % 50 <> 0;
analyze public.events;`,
        },
        { statistics: true },
      );
      const found = of(run, 'table-bloat');
      expect(found.map(({ message, ...f }) => f)).toEqual([
        {
          rule: 'table-bloat',
          severity: 'info',
          category: 'performance',
          file: `${MIGRATIONS}/001_events.sql`,
          line: 1,
          column: 1,
          object: 'public.events',
        },
      ]);
      expect(found[0]!.message).toMatch(
        /^Table public\.events is about 9\d% bloat \(\d+ MB its rows do not use\); reclaim it with vacuum full or pg_repack\.$/,
      );
    });
  });
}
