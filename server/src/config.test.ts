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
});
