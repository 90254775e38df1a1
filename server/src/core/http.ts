import { ErrorBodySchema } from '@atelier/contract';
import { create as createContentDisposition } from 'content-disposition';
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

/**
 * The Content-Disposition of a download, written by `content-disposition` (the module Express
 * uses): the exact name as RFC 8187 `filename*=UTF-8''…`, and for old clients a plain ASCII
 * `filename` — accents dropped, quotes, backslashes, percent signs and anything else outside
 * printable ASCII replaced by `_`, so that no name can break out of the header.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return createContentDisposition(name, { type: kind, fallback });
}
