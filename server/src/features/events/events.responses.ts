import { ErrorBodySchema } from '@atelier/contract';

/** The error answers event routes may give, for the OpenAPI document and serialisation. */
export const eventErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** The error answers of the questions and report routes: those of event routes, and 413 for a body too long. */
export const questionErrors = { ...eventErrors, 413: ErrorBodySchema };
