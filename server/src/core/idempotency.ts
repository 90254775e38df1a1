import type { Db } from '../db/database';
import { AppError } from '../errors';
import { claimKey, storeResponse } from './idempotency.queries';

export interface IdempotencyRequest {
  userId: string;
  key: string;
  /** Method and path of the request, so that one key cannot answer for another request. */
  route: string;
}

/**
 * Runs `work` once per (user, key): the first call stores its answer in the same transaction,
 * later and concurrent calls get that answer back (see `claimKey` for how twins wait).
 */
export async function idempotent<T>(trx: Db, request: IdempotencyRequest | null, work: () => Promise<T>): Promise<T> {
  if (!request) return work();
  const existing = await claimKey(trx, request);
  if (existing) {
    if (existing.route !== request.route || existing.response === null) {
      throw new AppError('conflict', 'this Idempotency-Key was already used for another request');
    }
    return existing.response as T;
  }
  const result = await work();
  await storeResponse(trx, { userId: request.userId, key: request.key, response: result });
  return result;
}
