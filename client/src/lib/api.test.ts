import { UserSchema } from '@atelier/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, awaitCsrfToken, fieldErrors, parseApiError, setCsrfRefresher, setCsrfToken } from './api';

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('parseApiError', () => {
  it('reads code, message and per-field details', () => {
    const error = parseApiError(400, {
      error: { code: 'invalid_input', message: 'Invalid input', details: { 'body.email': ['Invalid email'] } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('invalid_input');
    expect(error.status).toBe(400);
    expect(error.details).toEqual({ 'body.email': ['Invalid email'] });
    expect(fieldErrors(error)).toEqual({ email: ['Invalid email'] });
  });

  it('falls back on the status when the body is not the API error shape', () => {
    expect(parseApiError(502, '<html>Bad gateway</html>').code).toBe('internal_error');
    expect(parseApiError(404, undefined).code).toBe('not_found');
    expect(parseApiError(409, { error: { code: 'some_future_code', message: 'x' } }).code).toBe('invalid_input');
  });

  it('accepts a single string as a detail', () => {
    expect(
      parseApiError(400, { error: { code: 'invalid_input', message: 'x', details: { 'body.code': 'bad' } } }).details,
    ).toEqual({ 'body.code': ['bad'] });
  });
});

describe('request', () => {
  it('sends the CSRF token on state-changing requests only, with same-origin cookies', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-123');

    await api.get('/api/me');
    await api.post('/api/auth/logout');
    await api.patch('/api/me', { locale: 'en' });

    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    const [getInit, postInit, patchInit] = calls.map(([, init]) => init);
    const headers = (init: RequestInit | undefined) => (init?.headers ?? {}) as Record<string, string>;
    expect(getInit?.credentials).toBe('same-origin');
    expect(headers(getInit)['x-csrf-token']).toBeUndefined();
    expect(headers(postInit)['x-csrf-token']).toBe('token-123');
    expect(headers(patchInit)['x-csrf-token']).toBe('token-123');
    expect(patchInit?.body).toBe('{"locale":"en"}');
    expect(headers(patchInit)['content-type']).toBe('application/json');
  });

  it('sends a FormData as it is, leaving the multipart Content-Type to the browser', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-123');
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'portrait.png');

    await api.put('/api/me/avatar', form);

    const [, init] = (fetchMock.mock.calls as unknown as [string, RequestInit][])[0]!;
    const headers = init.headers as Record<string, string>;
    expect(init.method).toBe('PUT');
    expect(init.body).toBe(form);
    expect(headers['content-type']).toBeUndefined();
    expect(headers['x-csrf-token']).toBe('token-123');
  });

  it('throws an ApiError carrying the server code', async () => {
    vi.stubGlobal('fetch', async () => json(401, { error: { code: 'invalid_credentials', message: 'no' } }));
    await expect(api.post('/api/auth/login', { email: 'a@b.fr', password: 'x' })).rejects.toMatchObject({
      code: 'invalid_credentials',
      status: 401,
    });
  });

  it('reports a network failure as network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/me')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('answers undefined for 204', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined();
  });

  it('refuses an answer that does not match the contract schema', async () => {
    vi.stubGlobal('fetch', async () => json(200, { id: 'u1' }));
    await expect(api.get('/api/x', UserSchema)).rejects.toMatchObject({ code: 'unexpected_response' });
  });
});

describe('CSRF token timing', () => {
  it('holds a state-changing request until the start-up session answer brings the token', async () => {
    const seen: (string | undefined)[] = [];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      seen.push((init.headers as Record<string, string>)['x-csrf-token']);
      return json(200, { ok: true });
    });
    let release: () => void = () => undefined;
    awaitCsrfToken(
      new Promise<void>((resolve) => {
        release = () => {
          setCsrfToken('late-token');
          resolve();
        };
      }),
    );
    const posting = api.post('/api/auth/mail-link/verify', { token: 'x' });
    release();
    await posting;
    expect(seen).toEqual(['late-token']);
  });

  it('refreshes the token once when the server refuses it, then retries', async () => {
    const seen: (string | undefined)[] = [];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      const token = (init.headers as Record<string, string>)['x-csrf-token'];
      seen.push(token);
      return token === 'fresh' ? json(200, { ok: true }) : json(403, { error: { code: 'csrf_failed', message: 'x' } });
    });
    setCsrfToken('stale');
    setCsrfRefresher(async () => setCsrfToken('fresh'));
    await expect(api.post('/api/me/password', {})).resolves.toEqual({ ok: true });
    expect(seen).toEqual(['stale', 'fresh']);
  });
});
