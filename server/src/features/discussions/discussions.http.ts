import { ErrorBodySchema } from '@atelier/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors';

/** The error answers discussion routes may give, for the OpenAPI document and serialisation. */
export const discussionErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  429: ErrorBodySchema,
};

export type RateCheck = (
  request: FastifyRequest,
) => Promise<{ isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number }>;

/** A pre-handler answering 429 `rate_limited` once `limit` says the caller went over. */
export const rateLimited =
  (limit: RateCheck | null) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!limit) return;
    const result = await limit(request);
    if (result.isAllowed === true || !result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw new AppError('rate_limited', `too many posts, try again in ${result.ttlInSeconds} seconds`);
  };
