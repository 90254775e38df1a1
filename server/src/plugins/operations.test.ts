import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { createPerson } from '../test/factories/people';

/** A stand-in for client/dist: an index page and one hashed asset. */
function clientFixture() {
  const root = mkdtempSync(join(tmpdir(), 'atelier-client-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><html lang="fr"><head><title>Atelier</title></head><body>${'atelier '.repeat(300)}</body></html>`,
  );
  writeFileSync(join(root, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
  const agenda = { modules: ['/assets/agenda.page-abc123.js'], styles: ['/assets/events-abc123.css'] };
  writeFileSync(join(root, 'route-preloads.json'), JSON.stringify({ '/agenda': agenda }));
  return root;
}

describe('operations', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({}, clientFixture());
  });
  afterAll(() => ctx.close());

  it('serves the client for any page path (history routing), but JSON 404s under /api', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/espaces/mise-en-recits?onglet=membres' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const api = await ctx.app.inject({ method: 'GET', url: '/api/espaces-inconnus' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const post = await ctx.app.inject({ method: 'POST', url: '/une-page', payload: {} });
    expect(post.statusCode).toBe(404);
  });

  it('serves robots.txt as text, and answers a missing file with a 404 rather than the page', async () => {
    const robots = await ctx.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toMatch(/^text\/plain/);
    expect(robots.body).toContain('User-agent: *');
    for (const url of ['/favicon.ico', '/sitemap.xml', '/.well-known/security.txt', '/assets/index-old999.js']) {
      const missing = await ctx.app.inject({ method: 'GET', url });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.headers['content-type'], url).not.toContain('text/html');
    }
  });

  it("names a listed page's own chunks in the page sent for its address, and only there", async () => {
    for (const url of ['/agenda', '/agenda/?vue=mois']) {
      const page = await ctx.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.body, url).toContain('<link rel="modulepreload" crossorigin href="/assets/agenda.page-abc123.js">');
      expect(page.body, url).toContain('<link rel="stylesheet" crossorigin href="/assets/events-abc123.css">');
    }
    const other = await ctx.app.inject({ method: 'GET', url: '/agenda/evenement' });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('agenda.page-abc123.js');
  });

  it('refuses control characters in query strings with a 400', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/dev/mailbox?to=%00' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
  });

  it('serves hashed assets compressed and cached for a year', async () => {
    const asset = await ctx.app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toMatch(/br|gzip/);
  });

  it('publishes an OpenAPI document generated from the routes', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/register', '/api/me']));
    expect(doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'displayName', 'acceptCharter']),
    );
    const ui = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('exposes Prometheus metrics with request durations', async () => {
    await ctx.app.inject({ method: 'GET', url: '/api/health' });
    const response = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('http_request_duration_seconds_bucket');
    expect(response.body).toContain('route="/api/health"');
  });
});

describe('operations in production', () => {
  it('keeps metrics private without the operator token', async () => {
    const ctx = await createTestApp({ NODE_ENV: 'production', METRICS_TOKEN: 'jeton-secret-de-test-123' });
    try {
      expect((await ctx.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
      const allowed = await ctx.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer jeton-secret-de-test-123' },
      });
      expect(allowed.statusCode).toBe(200);
    } finally {
      await ctx.close();
    }
  });

  it('clears the __Host- session cookie with a Secure Set-Cookie, which browsers require', async () => {
    const ctx = await createTestApp({ NODE_ENV: 'production' });
    try {
      const person = await createPerson(ctx);
      expect(person.headers.cookie).toMatch(/^__Host-atelier_session=/);
      const logout = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { ...person.headers, 'x-forwarded-proto': 'https' },
      });
      expect(logout.statusCode).toBe(204);
      const cleared = String(logout.headers['set-cookie']);
      expect(cleared).toMatch(/^__Host-atelier_session=;/);
      expect(cleared).toMatch(/; Secure/);
      expect(cleared).toMatch(/; Path=\//);
    } finally {
      await ctx.close();
    }
  });
});
