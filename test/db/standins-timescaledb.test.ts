// The timescaledb stand-in: hypertables recorded and validated (never partitioned), time_bucket computed as
// TimescaleDB does, and the Apache edition's refusals reproduced, as on Supabase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toDatabaseError } from '../../src/db/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { listStandInsUsed } from '../../src/db/standins/index.js';
import { tempRoot } from './targets.js';

async function errorOf(db: Database, sql: string): Promise<string> {
  const error = await db.exec(sql).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error(`expected an error from: ${sql}`);
  return toDatabaseError(error).message;
}

describe('timescaledb stand-in on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase('memory', { root: await tempRoot() });
    await db.exec('create extension if not exists timescaledb with schema extensions');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('installs in the schema WITH SCHEMA names, with its own schemas', async () => {
    const { rows } = await db.query<{ schema: string; version: string }>(
      "select extnamespace::regnamespace::text as schema, extversion as version from pg_extension where extname = 'timescaledb'",
    );
    expect(rows).toEqual([{ schema: 'extensions', version: '2.16.1' }]);
    const schemas = await db.query<{ n: string }>(
      "select count(*) as n from pg_namespace where nspname in ('_timescaledb_catalog', 'timescaledb_information')",
    );
    expect(schemas.rows[0]?.n).toBe('2');
    expect(await listStandInsUsed(db)).toContain('timescaledb');
  });

  it('computes time_bucket for timestamps, dates and integers as TimescaleDB does', async () => {
    // Timestamptz buckets are computed in UTC whatever the session's time zone.
    await db.exec("set timezone to 'Asia/Seoul'");
    const { rows } = await db.query<Record<string, string>>(`
      select
        (extensions.time_bucket('1 hour', '2024-05-06 10:45:12+00'::timestamptz) at time zone 'UTC')::text as hour_tz,
        (extensions.time_bucket('1 day', '2024-05-06 03:00+09'::timestamptz) at time zone 'UTC')::text as day_tz_utc,
        extensions.time_bucket('1 week', '2024-05-08 12:00'::timestamp)::text as week_monday,
        extensions.time_bucket('7 days', '2024-05-05'::date)::text as week_date,
        extensions.time_bucket('1 month', '2024-05-20 08:00'::timestamp)::text as month,
        extensions.time_bucket('3 months', '2024-05-20'::date)::text as quarter,
        (extensions.time_bucket('1 month', '2024-05-31 23:00+00'::timestamptz) at time zone 'UTC')::text as month_tz,
        extensions.time_bucket('2 days', '2000-01-02 12:00'::timestamp)::text as before_origin,
        extensions.time_bucket('15 minutes', '1999-12-31 23:59'::timestamp)::text as quarter_hour,
        extensions.time_bucket('1 day', '2024-05-06 01:00'::timestamp, '2 hours'::interval)::text as with_offset,
        extensions.time_bucket('1 day', '2024-05-06 01:00'::timestamp, '2000-01-01 06:00'::timestamp)::text as with_origin,
        extensions.time_bucket('2 months', '2024-05-06'::date, '2000-02-15'::date)::text as months_origin,
        (extensions.time_bucket('1 day', '2024-05-06 03:00+00'::timestamptz, 'America/New_York') at time zone 'UTC')::text as in_zone,
        extensions.time_bucket('infinity'::interval, 'infinity'::timestamp)::text as infinite,
        extensions.time_bucket(10, 27)::text as int_bucket,
        extensions.time_bucket(10, -3)::text as int_negative,
        extensions.time_bucket(10::bigint, 27::bigint, 5::bigint)::text as int_offset,
        extensions.time_bucket('1 hour', null::timestamptz) is null as strict
    `);
    await db.exec('reset timezone');
    expect(rows[0]).toEqual({
      hour_tz: '2024-05-06 10:00:00',
      day_tz_utc: '2024-05-05 00:00:00',
      week_monday: '2024-05-06 00:00:00',
      week_date: '2024-04-29',
      month: '2024-05-01 00:00:00',
      quarter: '2024-04-01',
      month_tz: '2024-05-01 00:00:00',
      before_origin: '2000-01-01 00:00:00',
      quarter_hour: '1999-12-31 23:45:00',
      with_offset: '2024-05-05 02:00:00',
      with_origin: '2024-05-05 06:00:00',
      months_origin: '2024-04-01',
      in_zone: '2024-05-05 04:00:00',
      infinite: 'infinity',
      int_bucket: '20',
      int_negative: '-10',
      int_offset: '25',
      strict: true,
    });
  });

  it('rejects the bucket widths TimescaleDB rejects', async () => {
    expect(await errorOf(db, "select extensions.time_bucket('0 hours', now())")).toBe(
      'period must be greater than 0',
    );
    expect(await errorOf(db, "select extensions.time_bucket('1 month 2 days', now())")).toBe(
      'month intervals cannot have day or time component',
    );
    expect(await errorOf(db, "select extensions.time_bucket('1 hour', current_date)")).toBe(
      'interval must not have sub-day precision',
    );
    expect(await errorOf(db, "select extensions.time_bucket('36 hours', current_date)")).toBe(
      'interval must be a multiple of a day',
    );
    expect(await errorOf(db, 'select extensions.time_bucket(0, 5)')).toBe('period must be greater than 0');
  });

  it('applies the grida sequence: create_hypertable with chunk_time_interval, then indexes and time_bucket', async () => {
    await db.exec(`
      create schema grida_west;
      create table grida_west.token_event (
        time timestamptz not null default now(),
        token_id uuid not null,
        name text not null,
        data jsonb default null,
        primary key (time, token_id, name)
      );
      alter table grida_west.token_event enable row level security;
      set search_path to public, extensions;
      select create_hypertable('grida_west.token_event', 'time', chunk_time_interval => interval '7 days');
      create index idx_token_event_token_id on grida_west.token_event (token_id, time desc);
      create function grida_west.analyze(p_interval interval default interval '1 hour')
      returns table (bucket timestamptz, count bigint) language plpgsql as $$
      begin
        return query select time_bucket(p_interval, token_event.time) as b, count(*)
          from grida_west.token_event group by b order by b;
      end $$;
      insert into grida_west.token_event (time, token_id, name) values
        ('2024-05-06 10:05+00', gen_random_uuid(), 'mint'),
        ('2024-05-06 10:55+00', gen_random_uuid(), 'mint'),
        ('2024-05-06 11:10+00', gen_random_uuid(), 'mint');
      reset search_path;
    `);
    const analyzed = await db.query<{ bucket: string; count: string }>(
      "select (bucket at time zone 'UTC')::text as bucket, count::text from grida_west.analyze()",
    );
    expect(analyzed.rows).toEqual([
      { bucket: '2024-05-06 10:00:00', count: '2' },
      { bucket: '2024-05-06 11:00:00', count: '1' },
    ]);
    const dims = await db.query<Record<string, string>>(
      `select hypertable_schema, hypertable_name, column_name, column_type::text, dimension_type, time_interval::text
         from timescaledb_information.dimensions`,
    );
    expect(dims.rows).toEqual([
      {
        hypertable_schema: 'grida_west',
        hypertable_name: 'token_event',
        column_name: 'time',
        column_type: 'timestamp with time zone',
        dimension_type: 'Time',
        time_interval: '7 days',
      },
    ]);
    // TimescaleDB's default index on the time column.
    const indexes = await db.query<{ indexname: string }>(
      "select indexname from pg_indexes where tablename = 'token_event' order by indexname",
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual([
      'idx_token_event_token_id',
      'token_event_pkey',
      'token_event_time_idx',
    ]);
    const { rows } = await db.query<{ function: string; args: Record<string, unknown> }>(
      "select function, args from kodo_standins.calls where extension = 'timescaledb' order by id",
    );
    expect(rows).toEqual([
      {
        function: 'create_hypertable',
        args: {
          relation: 'grida_west.token_event',
          time_column_name: 'time',
          chunk_time_interval: '7 days',
          create_default_indexes: true,
          if_not_exists: false,
          migrate_data: false,
        },
      },
    ]);
  });

  it('takes the 2.13+ form with by_range and by_hash, add_dimension and set_chunk_time_interval', async () => {
    await db.exec(`
      create table public.metrics (ts timestamp, device int not null, value float8);
      select * from extensions.create_hypertable('public.metrics', extensions.by_range('ts', interval '1 day'));
      select * from extensions.add_dimension('public.metrics', extensions.by_hash('device', 4));
      select extensions.set_chunk_time_interval('public.metrics', interval '12 hours');
      create table public.counters (n bigint not null, v int);
      select extensions.create_hypertable('public.counters', extensions.by_range('n', 1000));
    `);
    const { rows } = await db.query<Record<string, string | null>>(
      `select hypertable_name, column_name, dimension_type, time_interval::text, integer_interval::text,
              num_partitions::text
         from timescaledb_information.dimensions
        where hypertable_schema = 'public' order by hypertable_name, dimension_number`,
    );
    expect(rows).toEqual([
      {
        hypertable_name: 'counters',
        column_name: 'n',
        dimension_type: 'Time',
        time_interval: null,
        integer_interval: '1000',
        num_partitions: null,
      },
      {
        hypertable_name: 'metrics',
        column_name: 'ts',
        dimension_type: 'Time',
        time_interval: '12:00:00',
        integer_interval: null,
        num_partitions: null,
      },
      {
        hypertable_name: 'metrics',
        column_name: 'device',
        dimension_type: 'Space',
        time_interval: null,
        integer_interval: null,
        num_partitions: '4',
      },
    ]);
    // The time column got TimescaleDB's NOT NULL; the default (time) and (space, time) indexes exist.
    const notNull = await db.query<{ attnotnull: boolean }>(
      "select attnotnull from pg_attribute where attrelid = 'public.metrics'::regclass and attname = 'ts'",
    );
    expect(notNull.rows).toEqual([{ attnotnull: true }]);
    const indexes = await db.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where tablename = 'metrics' order by indexname",
    );
    expect(indexes.rows.map((r) => r.indexdef)).toEqual([
      'CREATE INDEX metrics_ts_idx ON public.metrics USING btree (ts DESC)',
    ]);
    // The old signature's space partitioning also gets the default (space, time) index.
    await db.exec(`
      create table public.readings (at timestamptz not null, sensor int not null);
      select extensions.create_hypertable('public.readings', 'at', 'sensor', 2, chunk_time_interval => 86400000000);
    `);
    const spaceIndexes = await db.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where tablename = 'readings' order by indexname",
    );
    expect(spaceIndexes.rows.map((r) => r.indexdef)).toEqual([
      'CREATE INDEX readings_at_idx ON public.readings USING btree (at DESC)',
      'CREATE INDEX readings_sensor_at_idx ON public.readings USING btree (sensor, at DESC)',
    ]);
    const again = await db.query<{ hypertable_id: number; created: boolean }>(
      "select * from extensions.create_hypertable('public.metrics', extensions.by_range('ts'), if_not_exists => true)",
    );
    expect(again.rows[0]?.created).toBe(false);
  });

  it('fails like TimescaleDB on tables it cannot convert', async () => {
    await db.exec(`
      create table public.full_table (time timestamptz not null);
      insert into public.full_table values (now());
      create table public.named (time timestamptz not null, label text, code text unique);
      create table public.plain (t timestamptz);
    `);
    expect(await errorOf(db, "select extensions.create_hypertable('public.missing', 'time')")).toBe(
      'relation "public.missing" does not exist',
    );
    expect(await errorOf(db, "select extensions.create_hypertable('public.named', 'nope')")).toBe(
      'column "nope" does not exist',
    );
    expect(await errorOf(db, "select extensions.create_hypertable('public.named', 'label')")).toBe(
      'invalid type for dimension "label"',
    );
    expect(await errorOf(db, "select extensions.create_hypertable('public.named', 'time')")).toBe(
      'cannot create a unique index without the column "time" (used in partitioning)',
    );
    expect(await errorOf(db, "select extensions.create_hypertable('public.full_table', 'time')")).toBe(
      'table "full_table" is not empty',
    );
    expect(await errorOf(db, "select extensions.create_hypertable('public.metrics', 'ts')")).toBe(
      'table "metrics" is already a hypertable',
    );
    expect(
      await errorOf(
        db,
        "select extensions.create_hypertable('public.named', extensions.by_hash('label', 2))",
      ),
    ).toBe('cannot partition using a closed dimension on primary column');
    expect(
      await errorOf(
        db,
        "select extensions.create_hypertable('public.plain', 't', chunk_time_interval => 'x'::text)",
      ),
    ).toBe('invalid interval type for timestamp with time zone dimension');
    expect(
      await errorOf(db, "select extensions.set_chunk_time_interval('public.plain', interval '1 day')"),
    ).toBe('table "plain" is not a hypertable');
    // Nothing failed half-way: the rejected tables are not hypertables.
    const { rows } = await db.query<{ n: string }>(
      'select count(*) as n from timescaledb_information.hypertables',
    );
    expect(rows[0]?.n).toBe('4');
    // migrate_data => true accepts a table with rows.
    await db.exec("select extensions.create_hypertable('public.full_table', 'time', migrate_data => true)");
  });

  it("refuses the Apache edition's missing features, as Supabase does", async () => {
    expect(
      await errorOf(db, "select extensions.add_retention_policy('public.metrics', interval '30 days')"),
    ).toBe('function "add_retention_policy" is not supported under the current "apache" license');
    expect(
      await errorOf(
        db,
        "select extensions.add_compression_policy('public.metrics', compress_after => interval '7 days')",
      ),
    ).toBe('function "add_compression_policy" is not supported under the current "apache" license');
    expect(
      await errorOf(db, "select extensions.remove_retention_policy('public.metrics', if_exists => true)"),
    ).toBe('function "remove_retention_policy" is not supported under the current "apache" license');
    // Compression settings and continuous aggregates fail too (on PGlite for the unknown reloption namespace).
    expect(await errorOf(db, 'alter table public.metrics set (timescaledb.compress)')).toMatch(/timescaledb/);
  });

  it('drops with the extension', async () => {
    await db.exec('drop extension timescaledb');
    const { rows } = await db.query<{ gone: boolean }>(
      "select to_regnamespace('_timescaledb_catalog') is null and to_regprocedure('extensions.time_bucket(interval,timestamptz)') is null as gone",
    );
    expect(rows).toEqual([{ gone: true }]);
  });
});
