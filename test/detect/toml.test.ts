// The TOML wrapper: lookups through nested tables and one-line parse errors.
import { describe, expect, it } from 'vitest';
import { parseToml, tomlGet } from '../../src/detect/toml.js';

describe('parseToml', () => {
  it('reads nested tables and follows keys with tomlGet', () => {
    const doc = parseToml(
      '\uFEFF[workspace.dependencies]\nsqlx = { version = "0.8", features = ["postgres"] }\n',
    );
    expect(tomlGet(doc, 'workspace', 'dependencies', 'sqlx')).toEqual({
      version: '0.8',
      features: ['postgres'],
    });
    expect(tomlGet(doc, 'workspace', 'missing', 'sqlx')).toBeUndefined();
    expect(tomlGet(doc, 'workspace', 'dependencies', 'sqlx', 'version', 'deeper')).toBeUndefined();
  });

  it('throws one line naming the line of a syntax error', () => {
    expect(() => parseToml('[package]\nname = "svc\n')).toThrow(/^[^\n]+ at line 2$/);
    expect(() => parseToml('a = [1, 2\nb = 3\n')).toThrow(/ at line \d$/);
  });
});
