import type { z } from 'zod';
import { AppError } from '../errors';

/**
 * Lists are paginated with opaque cursors: base64url JSON of the last row's sort key, which
 * clients hand back unchanged. A cursor is parsed with the list's own schema, so a forged or
 * truncated one is refused as bad input (400 `invalid_input`) and never reaches the database
 * as a malformed value.
 */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid_input', 'the cursor is not valid', { 'query.cursor': ['not a cursor from this list'] });
}

/**
 * One page out of `limit + 1` rows (queries fetch one more than asked, which tells whether a
 * next page exists): the first `limit` rows and the cursor after the last of them, or null.
 */
export function pageOf<Row>(rows: Row[], limit: number, keyOf: (last: Row) => unknown) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
