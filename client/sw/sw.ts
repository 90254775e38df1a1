/// <reference lib="webworker" />
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, type PrecacheEntry, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { base64UrlToBytes } from '../src/features/push/push-device';
import {
  API_CACHE,
  ASSETS_CACHE,
  changesWhoIsSignedIn,
  FROM_CACHE,
  FROM_NETWORK,
  isCacheableApiPath,
  isPagePath,
  isSignOut,
  readPushDevice,
  type ServiceWorkerMessage,
  writePushDevice,
} from '../src/features/pwa/sw-messages';

/**
 * The Atelier's service worker, built by vite-plugin-pwa (injectManifest) into `dist/sw.js`.
 *
 * - The app shell (index.html, the first page's script and styles, the icons, the offline
 *   notice's chunk) is precached at install; a new version waits until no tab uses the old one,
 *   so an open page never mixes two builds.
 * - Pages are asked of the network first (the server names each page's chunks); offline, the
 *   precached shell opens and the router shows the page from the saved API answers.
 * - Chunks and stylesheets of the pages read are kept as they load (hashed names, never stale).
 * - API GETs: network first, the last answers kept a few days for reading offline — never
 *   sign-in or session routes, development helpers, replays or calendar feeds; writes are never
 *   cached, and a sign-in or sign-out empties the saved answers (they may be someone else's).
 * - Pushes become notifications; a click opens (or focuses) the page they are about. A
 *   subscription the push service replaces is renewed and posted to the server again.
 */

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open page at once, so that what it reads next is kept.
clientsClaim();

const sameOrigin = (url: URL) => url.origin === self.location.origin;

// ── Telling the pages when they read a saved copy ──

let servedFromCache = false;

async function tell(message: ServiceWorkerMessage) {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
}

const savedCopyNotice: WorkboxPlugin = {
  // NetworkFirst reads the cache only when the network failed or was too slow.
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (cachedResponse) {
      servedFromCache = true;
      await tell({ type: FROM_CACHE });
    }
    return cachedResponse ?? null;
  },
  fetchDidSucceed: async ({ response }) => {
    if (servedFromCache) {
      servedFromCache = false;
      await tell({ type: FROM_NETWORK });
    }
    return response;
  },
};

/** Only complete JSON answers are kept: no errors, no file downloads. */
const jsonOnly: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) =>
    response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('application/json')
      ? response
      : null,
};

// ── Routes ──

registerRoute(
  ({ request, url }) => request.mode === 'navigate' && sameOrigin(url) && isPagePath(url.pathname),
  new NetworkFirst({
    cacheName: 'atelier-pages',
    networkTimeoutSeconds: 8,
    // Nothing is stored: offline, the precached shell stands in for every page (catch handler).
    plugins: [{ cacheWillUpdate: async () => null }],
  }),
);

registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname.startsWith('/assets/'),
  new CacheFirst({
    cacheName: ASSETS_CACHE,
    plugins: [
      { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
      new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  }),
);

registerRoute(
  ({ url }) => sameOrigin(url) && isCacheableApiPath(url.pathname),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 6,
    plugins: [
      jsonOnly,
      savedCopyNotice,
      new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 3 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  }),
);

// Signing in or out: the saved answers were the previous person's, so they go. Signing out
// also ends this browser's push subscription: the next person to use the device must not see
// the previous one's notifications (the server drops the row at the next push, answered 410).
registerRoute(
  ({ url }) => sameOrigin(url) && changesWhoIsSignedIn(url.pathname),
  async ({ request, url }) => {
    const response = await fetch(request);
    if (!response.ok) return response;
    await caches.delete(API_CACHE);
    if (isSignOut(url.pathname)) {
      const subscription = await self.registration.pushManager.getSubscription().catch(() => null);
      await subscription?.unsubscribe().catch(() => false);
      await writePushDevice(null);
    }
    return response;
  },
  'POST',
);

// A page that cannot be fetched opens from the precached shell.
setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate') {
    const shell = await matchPrecache('/index.html');
    if (shell) {
      servedFromCache = true;
      return shell;
    }
  }
  return Response.error();
});

// ── Push notifications ──

interface PushMessage {
  title: string;
  body: string;
  url: string;
}

/** The server's `{ title, body, url }` (contract's PushMessageSchema), checked: a push is outside input. */
function readPush(data: PushMessageData | null): PushMessage {
  const fallback = { title: 'Atelier des transitions', body: '', url: '/' };
  try {
    const value = data?.json() as Partial<PushMessage> | undefined;
    if (!value || typeof value.title !== 'string') return fallback;
    return {
      title: value.title.slice(0, 120),
      body: typeof value.body === 'string' ? value.body.slice(0, 300) : '',
      url: typeof value.url === 'string' && value.url.startsWith('/') && !value.url.startsWith('//') ? value.url : '/',
    };
  } catch {
    return fallback;
  }
}

self.addEventListener('push', (event) => {
  const message = readPush(event.data);
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      // One notification per page: a second push about the same thread replaces the first.
      tag: message.url.split('#')[0],
      data: { url: message.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data as { url?: unknown } | null)?.url;
  const target = new URL(typeof path === 'string' && path.startsWith('/') ? path : '/', self.location.origin);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).pathname === target.pathname) ?? windows[0];
      if (open) {
        const focused = await open.focus();
        if (focused.url !== target.href)
          await focused.navigate(target.href).catch(() => self.clients.openWindow(target.href));
        return;
      }
      await self.clients.openWindow(target.href);
    })(),
  );
});

// ── A subscription the push service replaced ──

const DEVICES = '/api/me/push-subscriptions';

/** A call to the API with the session cookie, as the pages make it; null when the network failed. */
async function callApi(path: string, init: { method?: string; csrfToken?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.csrfToken) headers['x-csrf-token'] = init.csrfToken;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  }).catch(() => null);
}

/** The object a successful answer carries; null for a failure or anything else. */
async function answer(response: Response | null): Promise<Record<string, unknown> | null> {
  if (!response?.ok) return null;
  const body: unknown = await response.json().catch(() => null);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
}

const asString = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Push services replace a subscription now and then (expiry, their own key rotation): the
 * browser fires `pushsubscriptionchange`, often with no page open. The worker subscribes again
 * with the same server key, posts the new subscription as the signed-in person — the session
 * cookie, and the CSRF token `GET /api/session` hands out as it does to the pages — then
 * removes the device the old subscription was and remembers the new one where the page reads
 * it. Notifications turned off on this browser, or nobody signed in: nothing to renew.
 */
async function renewSubscription(event: PushSubscriptionChangeEvent) {
  const device = await readPushDevice();
  if (!device) return;
  const csrfToken = asString((await answer(await callApi('/api/session')))?.csrfToken);
  if (!csrfToken) return;
  const { pushManager } = self.registration;
  let subscription = event.newSubscription ?? (await pushManager.getSubscription());
  if (!subscription) {
    const key =
      event.oldSubscription?.options.applicationServerKey ??
      asString((await answer(await callApi('/api/push/public-key')))?.key);
    if (!key) return;
    subscription = await pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: typeof key === 'string' ? base64UrlToBytes(key) : key,
    });
  }
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth || endpoint === device.endpoint) return;
  const body = { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
  const saved = await answer(await callApi(DEVICES, { method: 'POST', csrfToken, body }));
  const id = asString((saved?.subscription as { id?: unknown } | undefined)?.id);
  if (!id) return;
  await writePushDevice({ id, endpoint });
  // The old subscription's device: gone already (404) is what was wanted.
  if (id !== device.id) await callApi(`${DEVICES}/${encodeURIComponent(device.id)}`, { method: 'DELETE', csrfToken });
}

self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(renewSubscription(event).catch(() => undefined));
});
