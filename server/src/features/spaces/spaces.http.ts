import { ErrorBodySchema } from '@atelier/contract';
import type { FastifyRequest } from 'fastify';
import { requireAuth } from '../../plugins/auth';

/** The error answers every space route may give, for the OpenAPI document and serialisation. */
export const spaceErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** Routes that need a session answer 401 before looking at the space or the body. */
export const signedIn = { onRequest: async (request: FastifyRequest) => void requireAuth(request) };
