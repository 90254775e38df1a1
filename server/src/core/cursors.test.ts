import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor, pageOf } from './cursors';

const Schema = z.object({ after: z.number().int().nonnegative() });

describe('cursors', () => {
  it('round-trips a key through an opaque string', () => {
    const cursor = encodeCursor({ after: 30 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, Schema)).toEqual({ after: 30 });
    expect(decodeCursor(undefined, Schema)).toBeNull();
  });

  it.each(['not-a-cursor!', encodeCursor({ after: -1 }), encodeCursor({ after: 'x' }), encodeCursor(null)])(
    'refuses %s as bad input, naming the field',
    (cursor) => {
      const refusal = (() => {
        try {
          decodeCursor(cursor, Schema);
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: 'invalid_input', details: { 'query.cursor': expect.any(Array) } });
    },
  );

  it('cuts a page from limit + 1 rows and points after its last row', () => {
    expect(pageOf([1, 2, 3], 2, (last) => ({ after: last }))).toEqual({
      rows: [1, 2],
      nextCursor: encodeCursor({ after: 2 }),
    });
    expect(pageOf([1, 2], 2, (last) => ({ after: last }))).toEqual({ rows: [1, 2], nextCursor: null });
  });
});
