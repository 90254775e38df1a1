import { afterEach, describe, expect, it, vi } from 'vitest';
import { readingSavedCopy } from './connection-state';
import {
  changesWhoIsSignedIn,
  FROM_CACHE,
  FROM_NETWORK,
  isCacheableApiPath,
  isPagePath,
  isServiceWorkerMessage,
  isSignOut,
  readPushDevice,
  writePushDevice,
} from './sw-messages';

describe('what the service worker keeps', () => {
  it('keeps the last answers of the API’s reading routes', () => {
    for (const path of [
      '/api/session',
      '/api/me',
      '/api/spaces',
      '/api/spaces/mise-en-recits/threads',
      '/api/threads/0b5e/posts',
      '/api/events/42',
      '/api/me/push-subscriptions',
    ]) {
      expect(isCacheableApiPath(path), path).toBe(true);
    }
  });

  it('never keeps sign-in, development, replay, calendar feed or documentation answers', () => {
    for (const path of [
      '/api/auth/login',
      '/api/auth',
      '/api/dev/mailbox',
      '/api/realtime/replay',
      '/api/calendar/secret-token.ics',
      '/api/docs/json',
      '/api/health',
    ]) {
      expect(isCacheableApiPath(path), path).toBe(false);
    }
    // Not the API at all: the socket's long polling, collaboration, metrics.
    for (const path of ['/socket.io/', '/collab', '/metrics', '/espaces'])
      expect(isCacheableApiPath(path), path).toBe(false);
  });

  it('empties them on every way of signing in or out', () => {
    for (const path of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/register',
      '/api/auth/mail-link/verify',
      '/api/auth/password-reset/confirm',
      '/api/invitations/abc/accept',
      '/api/dev/demo-people/7/session',
    ]) {
      expect(changesWhoIsSignedIn(path), path).toBe(true);
    }
    expect(changesWhoIsSignedIn('/api/threads/1/posts')).toBe(false);
  });

  it('ends the device’s notifications on signing out only, not on signing in', () => {
    expect(isSignOut('/api/auth/logout')).toBe(true);
    expect(isSignOut('/api/auth/login')).toBe(false);
    expect(isSignOut('/api/auth/logout/x')).toBe(false);
  });

  it('treats as pages everything but the API, the socket, collaboration and metrics', () => {
    expect(isPagePath('/')).toBe(true);
    expect(isPagePath('/espaces/mise-en-recits')).toBe(true);
    expect(isPagePath('/api/files/1/download')).toBe(false);
    expect(isPagePath('/socket.io/')).toBe(false);
    expect(isPagePath('/collab')).toBe(false);
  });
});

describe('the offline notice', () => {
  it('shows while offline, or while the service worker answers from its saved copies', () => {
    expect(readingSavedCopy({ online: true, servedFromCache: false })).toBe(false);
    expect(readingSavedCopy({ online: false, servedFromCache: false })).toBe(true);
    expect(readingSavedCopy({ online: true, servedFromCache: true })).toBe(true);
  });

  it('hears only the service worker’s own messages', () => {
    expect(isServiceWorkerMessage({ type: FROM_CACHE })).toBe(true);
    expect(isServiceWorkerMessage({ type: FROM_NETWORK })).toBe(true);
    expect(isServiceWorkerMessage({ type: 'autre' })).toBe(false);
    expect(isServiceWorkerMessage('atelier:from-cache')).toBe(false);
    expect(isServiceWorkerMessage(null)).toBe(false);
  });
});

describe('the device this browser posted, shared with the service worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Cache Storage as both sides see it: named caches of responses by URL. */
  function fakeCaches() {
    const stores = new Map<string, Map<string, Response>>();
    return {
      open: async (name: string) => {
        const store = stores.get(name) ?? new Map<string, Response>();
        stores.set(name, store);
        return {
          match: async (key: string) => store.get(key)?.clone(),
          put: async (key: string, response: Response) => void store.set(key, response),
          delete: async (key: string) => store.delete(key),
        };
      },
    };
  }

  it('is read back as written, and forgotten', async () => {
    vi.stubGlobal('caches', fakeCaches());
    expect(await readPushDevice()).toBeNull();
    await writePushDevice({ id: 'abc', endpoint: 'https://push.exemple.fr/1' });
    expect(await readPushDevice()).toEqual({ id: 'abc', endpoint: 'https://push.exemple.fr/1' });
    await writePushDevice(null);
    expect(await readPushDevice()).toBeNull();
  });

  it('is nothing, without failing, where there is no Cache Storage (a page that is not secure)', async () => {
    vi.stubGlobal('caches', undefined);
    await writePushDevice({ id: 'abc', endpoint: 'https://push.exemple.fr/1' });
    expect(await readPushDevice()).toBeNull();
  });
});
