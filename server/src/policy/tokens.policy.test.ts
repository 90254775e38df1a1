import { describe, expect, it } from 'vitest';
import { canManageOwnTokens, decideTokenRequest } from './tokens.policy';
import { canManageWebhooks } from './webhooks.policy';

describe('decideTokenRequest', () => {
  it('lets a read token read, and only read', () => {
    expect(decideTokenRequest(['read'], 'GET', '/api/spaces/:slug/threads')).toBe('allowed');
    expect(decideTokenRequest(['read'], 'HEAD', '/api/spaces/:slug/threads')).toBe('allowed');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(decideTokenRequest(['read'], method, '/api/spaces/:slug/threads')).toBe('read_only');
    }
  });

  it('lets a write token write', () => {
    expect(decideTokenRequest(['read', 'write'], 'POST', '/api/threads/:id/posts')).toBe('allowed');
    expect(decideTokenRequest(['read', 'write'], 'delete', '/api/posts/:id')).toBe('allowed');
  });

  it('never reaches the account itself, whatever the scopes', () => {
    for (const [method, route] of [
      ['POST', '/api/me/password'],
      ['PATCH', '/api/me'],
      ['GET', '/api/me'],
      ['DELETE', '/api/me'],
      ['POST', '/api/me/export'],
      ['GET', '/api/me/export/:id'],
      ['POST', '/api/me/tokens'],
      ['GET', '/api/me/tokens'],
      ['DELETE', '/api/me/tokens/:id'],
      ['POST', '/api/auth/logout'],
      ['GET', '/api/session'],
      ['POST', '/api/dev/demo-people/:id/session'],
    ] as const) {
      expect(decideTokenRequest(['read', 'write'], method, route), `${method} ${route}`).toBe('account_level');
    }
  });

  it('leaves the rest of /me to the scopes', () => {
    expect(decideTokenRequest(['read'], 'GET', '/api/me/home')).toBe('allowed');
    expect(decideTokenRequest(['read', 'write'], 'PUT', '/api/me/avatar')).toBe('allowed');
    expect(decideTokenRequest(['read'], 'PUT', '/api/me/avatar')).toBe('read_only');
  });
});

describe('who manages tokens and webhooks', () => {
  const animateur = { id: 'a', role: 'member' as const };
  const admin = { id: 'z', role: 'admin' as const };
  const space = { visibility: 'private' as const };
  const asAnimateur = { userId: 'a', role: 'animateur' as const, status: 'active' as const };
  const asMember = { userId: 'a', role: 'membre' as const, status: 'active' as const };

  it('gives every signed-in person their own tokens', () => {
    expect(canManageOwnTokens(animateur)).toBe(true);
    expect(canManageOwnTokens(null)).toBe(false);
  });

  it('gives a space’s webhooks to its animateur·ices and admins only', () => {
    expect(canManageWebhooks(animateur, space, asAnimateur)).toBe(true);
    expect(canManageWebhooks(admin, space, null)).toBe(true);
    expect(canManageWebhooks(animateur, space, asMember)).toBe(false);
    expect(canManageWebhooks(animateur, space, { ...asAnimateur, status: 'pending' })).toBe(false);
    expect(canManageWebhooks(null, { visibility: 'public' }, null)).toBe(false);
  });
});
