import type { ErrorBody, ErrorCode } from '@atelier/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';

/** Fastify's own errors that are the client's fault, mapped to stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_input',
  FST_ERR_CTP_INVALID_TYPE: 'invalid_input',
  FST_ERR_VALIDATION: 'invalid_input',
  FST_ERR_BAD_URL: 'invalid_input',
  FST_ERR_ASYNC_CONSTRAINT: 'invalid_input',
  FST_ERR_RATE_LIMIT: 'rate_limited',
};

export function errorBody(code: ErrorCode, message: string, details?: Record<string, string[]>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/**
 * Errors the router raises before any route or hook runs (a path segment that is not valid
 * percent-encoding, a parameter longer than `maxParamLength`): Fastify would answer them with
 * its own body (and 414 for long parameters). Given to `Fastify({ frameworkErrors })`, this
 * answers 400 `invalid_input` in the contract's shape instead.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : 'the URL is not valid';
  return reply.status(400).send(errorBody('invalid_input', message));
}

/** PostgreSQL's class 22 "data exception" errors (same codes on PGlite and on a server). */
const isDataException = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  'severity' in error &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('22');

/**
 * One error handler for the whole API: AppError and validation errors become the contract's
 * error body; anything else is logged and answered as an opaque 500, never leaking details.
 */
/**
 * A body declared over the route's limit is answered 413 at once and read to its end, so that
 * the client, still sending, gets that answer rather than a broken connection. Past this size
 * it is not worth reading: Fastify answers and closes the connection.
 */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      const declared = Number(request.headers['content-length']);
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0;
      // Multipart uploads stream under their own limits (features/resources).
      if (request.headers['content-type']?.startsWith('multipart/')) return;
      if (!(declared > limit) || declared > DRAIN_MAX_BYTES) return;
      request.raw.resume();
      return reply.status(413).send(errorBody('payload_too_large', 'Request body is too large'));
    });
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const details: Record<string, string[]> = {};
        for (const issue of error.validation) {
          const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
          const key = [error.validationContext ?? 'body', path].filter(Boolean).join('.');
          details[key] = [...(details[key] ?? []), issue.message ?? 'invalid'];
        }
        return reply.status(400).send(errorBody('invalid_input', 'the request is not valid', details));
      }
      const code = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (code) {
        const status = code === 'invalid_input' || code === 'malformed_json' ? 400 : (error.statusCode ?? 400);
        return reply.status(status).send(errorBody(code, error.message));
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.status(error.statusCode).send(errorBody('invalid_input', error.message));
      }
      if (isDataException(error)) {
        // A value the schemas let through but PostgreSQL refuses (a NUL byte, an out-of-range
        // number): the request's fault, and nothing was written. Logged so the schema gets fixed.
        request.log.warn({ err: error }, 'database refused a value from the request');
        return reply.status(400).send(errorBody('invalid_input', 'a value in the request is not acceptable'));
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send(errorBody('internal_error', 'something went wrong on our side'));
    });
  },
  { name: 'errors' },
);
