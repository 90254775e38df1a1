import { ErrorBodySchema } from '@atelier/contract';

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
