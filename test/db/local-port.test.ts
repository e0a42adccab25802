// `--db local` takes its port from supabase/config.toml ([db] port) when the project sets one, as INTERFACES says;
// isLocalStack tells the local stack (what `kodo reset` may rebuild) from any other server.
import { describe, expect, it } from 'vitest';
import { isLocalStack, parseDatabaseSpec } from '../../src/db/spec.js';
import { makeFiles } from '../helpers/temp.js';

describe('--db local and supabase/config.toml', () => {
  it('uses [db] port when config.toml sets it, 54322 otherwise', async () => {
    const custom = await makeFiles({ 'supabase/config.toml': 'project_id = "p"\n[db]\nport = 64322\n' });
    expect(parseDatabaseSpec('local', {}, custom)).toMatchObject({
      kind: 'postgres',
      local: true,
      conn: { host: '127.0.0.1', port: '64322', user: 'postgres', dbname: 'postgres' },
      label: 'postgresql://postgres@127.0.0.1:64322/postgres',
    });
    const noPort = await makeFiles({ 'supabase/config.toml': '[db]\nmajor_version = 15\n' });
    const none = await makeFiles({});
    for (const root of [noPort, none, undefined]) {
      expect(parseDatabaseSpec('local', {}, root)).toMatchObject({
        label: 'postgresql://postgres@127.0.0.1:54322/postgres',
      });
    }
  });

  it('reaches the real server through openDatabase when the port is the project one', async () => {
    const { openDatabase } = await import('../../src/db/open.js');
    const { serverAvailable } = await import('../helpers/postgres.js');
    if (!serverAvailable) return;
    const root = await makeFiles({ 'supabase/config.toml': '[db]\nport = 5432\n' });
    const db = await openDatabase('local', { root, env: {} });
    try {
      expect(db.label).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
      expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses a port that is not a number, naming the key', async () => {
    const root = await makeFiles({ 'supabase/config.toml': '[db]\nport = "abc"\n' });
    expect(() => parseDatabaseSpec('local', {}, root)).toThrow(
      'supabase/config.toml: [db] port must be a port number (1-65535).',
    );
  });

  it('isLocalStack: local, or a loopback host at the stack port; nothing else', async () => {
    const root = await makeFiles({ 'supabase/config.toml': '[db]\nport = 5432\n' });
    const local = (spec: string, at?: string) => isLocalStack(parseDatabaseSpec(spec, {}, at), at);
    expect(local('local', root)).toBe(true);
    expect(local('postgresql://postgres:pw@127.0.0.1:5432/x', root)).toBe(true);
    expect(local('postgresql://postgres:pw@localhost:5432/x', root)).toBe(true);
    expect(local('postgresql://postgres:pw@[::1]:5432/x', root)).toBe(true);
    expect(local('host=127.0.0.1 port=5432 dbname=x user=postgres', root)).toBe(true);
    // Another port, another host, or no config.toml (the stack's default port is 54322).
    expect(local('postgresql://postgres:pw@127.0.0.1:5433/x', root)).toBe(false);
    expect(local('postgresql://postgres:pw@db.example.com:5432/x', root)).toBe(false);
    expect(local('postgresql://postgres:pw@127.0.0.1:5432/x')).toBe(false);
    expect(local('postgresql://postgres:pw@127.0.0.1:54322/x')).toBe(true);
    expect(local('embedded', root)).toBe(false);
    expect(local('memory', root)).toBe(false);
  });
});
