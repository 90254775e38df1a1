import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults that run the app with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', production: false });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.rateLimits.enabled).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('names the variable that has a bad value', () => {
    expect(() => loadConfig({ PORT: 'trois-mille' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'trois-mille' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ RATE_LIMITS: 'peut-etre' })).toThrow(/RATE_LIMITS/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin@exemple.fr' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('seeds the living demo by default in development, the alliance alone in production', () => {
    expect(loadConfig({}).seed).toBe('demo');
    expect(loadConfig({ NODE_ENV: 'production' }).seed).toBe('alliance');
    expect(loadConfig({ SEED: 'alliance' }).seed).toBe('alliance');
    expect(loadConfig({ SEED: 'off' }).seed).toBe('off');
    expect(() => loadConfig({ SEED: 'on' })).toThrow(/SEED/);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED: 'demo' })).toThrow(/SEED: the demo/);
  });

  it('reads operator settings', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      RATE_LIMITS: 'off',
      PUBLIC_URL: 'https://atelier.exemple.fr/',
      DATABASE_URL: 'postgres://u@db:5432/atelier',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config).toMatchObject({ production: true, host: '0.0.0.0', publicUrl: 'https://atelier.exemple.fr' });
    expect(config.rateLimits.enabled).toBe(false);
  });

  it('trusts no proxy unless TRUST_PROXY names them, in production too', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBeUndefined();

    const listed = loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7, ::1, loopback' }).trustProxy!;
    expect(listed('10.20.30.40', 0)).toBe(true);
    expect(listed('192.168.1.7', 0)).toBe(true);
    expect(listed('::1', 0)).toBe(true);
    expect(listed('192.168.1.8', 0)).toBe(false);
    expect(listed('203.0.113.9', 0)).toBe(false);

    const hops = loadConfig({ TRUST_PROXY: '2' }).trustProxy!;
    expect([hops('203.0.113.9', 0), hops('203.0.113.9', 1), hops('203.0.113.9', 2)]).toEqual([true, true, false]);
  });

  it('refuses a TRUST_PROXY that is not addresses, ranges or a hop count', () => {
    for (const bad of ['true', 'proxy.exemple.fr', '10.0.0.0/99', '10.1', '10.0.0.1,,10.0.0.2', '-1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
