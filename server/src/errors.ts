import { ERROR_CODES, type ErrorCode } from '@atelier/contract';

/**
 * The one error type that services throw. The error handler turns it into the API's error
 * body; socket acks and collab close reasons reuse the same codes.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'not allowed') => new AppError('forbidden', message);
export const unauthenticated = () => new AppError('unauthenticated', 'sign in first');
