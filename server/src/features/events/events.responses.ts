import { ErrorBodySchema } from '@atelier/contract';

/** The error answers event routes may give, for the OpenAPI document and serialisation. */
export const eventErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
