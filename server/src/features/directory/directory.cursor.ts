import { z } from 'zod';
import { AppError } from '../../errors';
import type { DirectoryPosition } from './directory.queries';

/**
 * Directory cursors are opaque to clients: base64url JSON of the last person's sort key and
 * id. Anything that does not decode to exactly that is refused as bad input, so that a forged
 * or truncated cursor can never reach the database as a malformed value.
 */

const PositionSchema = z.tuple([
  // Display names never hold control characters; a NUL would even be refused by PostgreSQL.
  z
    .string()
    .max(400)
    .refine((key) => !/[\u0000-\u001f\u007f]/.test(key)),
  z.uuid(),
]);

export function encodeCursor(position: DirectoryPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): DirectoryPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = PositionSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new AppError('invalid_input', 'the cursor is not valid', { 'query.cursor': ['not a cursor from this list'] });
  }
  const [sortKey, id] = parsed.data;
  return { sortKey, id };
}
