// toDatabaseError on what is not a Postgres error: never a SQLSTATE that is not one.
import { describe, expect, it } from 'vitest';
import { toDatabaseError } from '../../src/db/errors.js';

describe('toDatabaseError', () => {
  it('keeps only real SQLSTATEs and positive positions', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toDatabaseError(refused)).toEqual({
      message: 'connect ECONNREFUSED 127.0.0.1:1',
      sqlstate: undefined,
      detail: undefined,
      hint: undefined,
      position: undefined,
    });
    expect(toDatabaseError({ message: 'x', code: '23505', position: '0', detail: '' })).toMatchObject({
      sqlstate: '23505',
      position: undefined,
      detail: undefined,
    });
    expect(toDatabaseError('plain text').message).toBe('plain text');
  });
});
