/**
 * What the service worker (`client/sw/sw.ts`) tells the pages, and the caches it
 * keeps: one module both sides import, so that a renamed message cannot go unheard.
 */

import type { RememberedDevice } from '../push/push-device';

/** An answer came from the saved copies because the network failed or was too slow. */
export const FROM_CACHE = 'atelier:from-cache';
/** The network answers again after a saved copy was shown. */
export const FROM_NETWORK = 'atelier:from-network';

export type ServiceWorkerMessage = { type: typeof FROM_CACHE } | { type: typeof FROM_NETWORK };

export const isServiceWorkerMessage = (data: unknown): data is ServiceWorkerMessage =>
  typeof data === 'object' &&
  data !== null &&
  ((data as { type?: unknown }).type === FROM_CACHE || (data as { type?: unknown }).type === FROM_NETWORK);

/** The API answers kept for reading offline; emptied whenever someone signs in or out. */
export const API_CACHE = 'atelier-api';
/** Built chunks and stylesheets of the pages read (hashed names: never stale). */
export const ASSETS_CACHE = 'atelier-assets';

/**
 * API paths never cached: sessions and sign-in (`/api/auth`), development helpers (`/api/dev`),
 * live replays, secret calendar feeds and the API's own documentation.
 */
const UNCACHED_API = /^\/api\/(auth|dev|realtime|calendar|docs|health)(\/|$)/;

/** A GET of the API whose last answer may be kept for reading offline. */
export const isCacheableApiPath = (path: string) => path.startsWith('/api/') && !UNCACHED_API.test(path);

/**
 * Writes after which the cached answers may be someone else's: signing in, up or out, a mail
 * link, an invitation accepted with a new account, a development sign-in.
 */
export const changesWhoIsSignedIn = (path: string) =>
  /^\/api\/(auth\/|invitations\/[^/]+\/accept$|dev\/demo-people\/[^/]+\/session$)/.test(path);

/** Signing out: this browser stops receiving the person's notifications too (a shared device). */
export const isSignOut = (path: string) => path === '/api/auth/logout';

/** Paths that are not pages: a navigation to them goes to the network untouched. */
export const isPagePath = (path: string) => !/^\/(api|socket\.io|collab|metrics)(\/|$)/.test(path);

/**
 * The device this browser posted to the server (`/api/me/push-subscriptions`), kept in Cache
 * Storage — the one store both the pages and the service worker can read: when the push service
 * replaces the subscription, the worker posts the new one and remembers it here, so the page
 * then finds its device current instead of gone.
 */
const PUSH_DEVICE_CACHE = 'atelier-push-device';
const PUSH_DEVICE_KEY = '/__atelier/push-device';

export async function readPushDevice(): Promise<RememberedDevice | null> {
  try {
    const response = await (await caches.open(PUSH_DEVICE_CACHE)).match(PUSH_DEVICE_KEY);
    const value = (await response?.json()) as Partial<RememberedDevice> | undefined;
    return typeof value?.id === 'string' && typeof value.endpoint === 'string'
      ? { id: value.id, endpoint: value.endpoint }
      : null;
  } catch {
    return null;
  }
}

export async function writePushDevice(device: RememberedDevice | null): Promise<void> {
  try {
    const cache = await caches.open(PUSH_DEVICE_CACHE);
    if (device) await cache.put(PUSH_DEVICE_KEY, Response.json(device));
    else await cache.delete(PUSH_DEVICE_KEY);
  } catch {
    // No Cache Storage (not a secure page): nothing is remembered, the server still lists the device.
  }
}
