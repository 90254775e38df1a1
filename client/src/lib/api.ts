import { ERROR_CODES, type ErrorCode } from '@atelier/contract';

/**
 * A small typed fetch client for `/api`. JSON in and out, cookies of this origin only, and the
 * CSRF token on every state-changing request. Responses are checked against the contract's zod
 * schema when the caller gives one, so a drifting server fails loudly at the boundary instead of
 * deep inside a component.
 */

/** The part of a zod schema the client relies on; keeps this module free of a zod import. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/** The output type of a contract schema. */
export type Infer<S> = S extends Parser<infer T> ? T : never;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** Stable snake_case code from the contract, or `network_error` when no answer came. */
    readonly code: ErrorCode | 'network_error' | 'unexpected_response',
    readonly status: number,
    message: string,
    /** Per-field messages for `invalid_input`, keyed by dotted path such as `body.email`. */
    readonly details: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && value in ERROR_CODES;

/**
 * Turns an error answer into an ApiError. Hand-written rather than a zod parse: an unknown code
 * from a newer server must still become a usable error, never a second failure.
 */
export function parseApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const fallback: ErrorCode = status >= 500 ? 'internal_error' : status === 404 ? 'not_found' : 'invalid_input';
  const code = isErrorCode(error?.code) ? error.code : fallback;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const details: Record<string, string[]> = {};
  if (isRecord(error?.details)) {
    for (const [path, messages] of Object.entries(error.details)) {
      if (Array.isArray(messages)) details[path] = messages.filter((m): m is string => typeof m === 'string');
      else if (typeof messages === 'string') details[path] = [messages];
    }
  }
  return new ApiError(code, status, message, details);
}

/** Groups `invalid_input` details by field name: `body.email` and `email` both become `email`. */
export function fieldErrors(error: ApiError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(error.details)) {
    const field = path.replace(/^(body|query|params)\./, '');
    fields[field] = [...(fields[field] ?? []), ...messages];
  }
  return fields;
}

let csrfToken: string | null = null;
let pendingToken: Promise<unknown> | null = null;
let refreshToken: (() => Promise<unknown>) | null = null;

/** Set by the session store whenever the server hands out a token (sign-in, /api/me …). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/**
 * The session store's start-up `GET /api/me`: a state-changing request made meanwhile (a
 * sign-in link redeemed as the page opens) waits for it, or it would leave without its token.
 */
export function awaitCsrfToken(loading: Promise<unknown>) {
  const pending = loading.finally(() => {
    if (pendingToken === pending) pendingToken = null;
  });
  pendingToken = pending;
}

/** How to get a fresh token when the server refuses ours (session rotated in another tab). */
export function setCsrfRefresher(refresher: () => Promise<unknown>) {
  refreshToken = refresher;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, as multipart/form-data when it is a FormData, or as its own type when it is a Blob. */
  body?: unknown;
  schema?: Parser<T>;
  signal?: AbortSignal;
  /** Extra headers, such as `Idempotency-Key` on creating requests. */
  headers?: Record<string, string>;
}

export async function request<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  if (STATE_CHANGING.has(method) && !csrfToken && pendingToken) await pendingToken.catch(() => undefined);
  try {
    return await send(path, method, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf_failed' && refreshToken)) throw error;
    await refreshToken();
    return send(path, method, options);
  }
}

async function send<T>(path: string, method: string, options: RequestOptions<T>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // FormData goes as multipart (the browser sets the boundary), a Blob as its own type (a CSV).
  const form = options.body instanceof FormData || options.body instanceof Blob ? options.body : undefined;
  if (options.body instanceof Blob) headers['content-type'] = options.body.type;
  else if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network_error', 0, 'The server could not be reached');
  }

  const text = response.status === 204 ? '' : await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw parseApiError(response.status, data);
  if (!options.schema) return data as T;
  try {
    return options.schema.parse(data);
  } catch {
    throw new ApiError('unexpected_response', response.status, `Unexpected answer from ${method} ${path}`);
  }
}

export const api = {
  get: <T>(path: string, schema?: Parser<T>, signal?: AbortSignal) => request<T>(path, { schema, signal }),
  post: <T>(path: string, body?: unknown, schema?: Parser<T>) => request<T>(path, { method: 'POST', body, schema }),
  patch: <T>(path: string, body?: unknown, schema?: Parser<T>) => request<T>(path, { method: 'PATCH', body, schema }),
  put: <T>(path: string, body?: unknown, schema?: Parser<T>) => request<T>(path, { method: 'PUT', body, schema }),
  delete: <T>(path: string, schema?: Parser<T>) => request<T>(path, { method: 'DELETE', schema }),
};
