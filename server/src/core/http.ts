import { ErrorBodySchema } from '@atelier/contract';
import type { FastifyRequest } from 'fastify';
import { requireAuth } from '../plugins/auth';

/** Routes that need a session answer 401 before looking at the params or the body. */
export const signedIn = { onRequest: async (request: FastifyRequest) => void requireAuth(request) };

/**
 * The error answers most routes may give, for the OpenAPI document and serialisation: bad
 * input, sign in first, refused, unknown (or private), conflict. Routes spread it and add their
 * own (`{ ...errorResponses, 413: ErrorBodySchema }`).
 */
export const errorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** `errorResponses` and more: 413 where a body can be too large, 429 where a quota applies. */
export const errorResponsesWith = <Status extends 413 | 415 | 429>(...statuses: Status[]) => ({
  ...errorResponses,
  ...(Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema])) as Record<
    Status,
    typeof ErrorBodySchema
  >),
});
