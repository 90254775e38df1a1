import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

describe('the server process', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('is healthy with a database round trip', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('serves the client with a strict Content-Security-Policy, also on deep links', async () => {
    for (const path of ['/', '/connexion', '/inscription']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await response.text(), path).toContain('<div id="app">');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
    }
  });

  it('serves /robots.txt as plain text, not the client page', async () => {
    const response = await fetch(`${server.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/^User-agent: \*$/m);
  });

  it('answers unknown API paths with the JSON error body, not the client page', async () => {
    const response = await rawRequest(server.url, { method: 'GET', path: '/api/pas-de-route-ici' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('answers a body over the limit with 413 while the client is still sending, never a broken connection', async () => {
    const body = JSON.stringify({ email: 'z'.repeat(2_200_000) });
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/auth/register',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect([response.status, JSON.parse(response.text).error.code]).toEqual([413, 'payload_too_large']);
    }
  });

  it('exits with code 0 on SIGTERM', async () => {
    await server.stop();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });
});
