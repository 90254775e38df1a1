import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, readCookie } from './handshake';

describe('isAllowedOrigin', () => {
  const publicUrl = 'https://atelier.exemple.fr';
  it('accepts the public origin and the host the request was sent to', () => {
    expect(isAllowedOrigin('https://atelier.exemple.fr', 'internal:3000', publicUrl, 'http')).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', '127.0.0.1:4000', publicUrl, 'http')).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:4000', '127.0.0.1:4000', publicUrl, 'https')).toBe(true);
    expect(isAllowedOrigin(undefined, '127.0.0.1:4000', publicUrl, 'http')).toBe(true);
  });
  it('refuses other sites and garbage', () => {
    expect(isAllowedOrigin('https://evil.example', '127.0.0.1:4000', publicUrl, 'https')).toBe(false);
    expect(isAllowedOrigin('https://atelier.exemple.fr.evil.example', undefined, publicUrl, 'https')).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:4000', publicUrl, 'http')).toBe(false);
  });
  it('refuses the host under a scheme other than the one the request arrived on', () => {
    expect(isAllowedOrigin('https://127.0.0.1:4000', '127.0.0.1:4000', publicUrl, 'http')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4000', '127.0.0.1:4000', publicUrl, 'https')).toBe(false);
    expect(isAllowedOrigin('ws://127.0.0.1:4000', '127.0.0.1:4000', publicUrl, 'http')).toBe(false);
  });
});

describe('readCookie', () => {
  it('finds one cookie among others', () => {
    expect(readCookie('a=1; atelier_session=abc%3D; b=2', 'atelier_session')).toBe('abc=');
    expect(readCookie('xatelier_session=1', 'atelier_session')).toBeUndefined();
    expect(readCookie(undefined, 'atelier_session')).toBeUndefined();
    expect(readCookie('atelier_session=%E0%A4%A', 'atelier_session')).toBeUndefined();
  });
});
