import type { PushSubscription } from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { ApiError } from '../../lib/api';
import { readPushDevice, writePushDevice } from '../pwa/sw-messages';
import { pushApi } from './push.api';
import {
  type BrowserFacts,
  base64UrlToBytes,
  deviceState,
  pushSupport,
  type RememberedDevice,
  sameKey,
} from './push-device';

/** Where the device was remembered before the service worker had to read it too (moved on first read). */
const LEGACY_STORAGE_KEY = 'atelier.push.device';
/** How long to wait for the service worker (registered after the page's load) before giving up. */
const WORKER_WAIT_MS = 10_000;

/** The person said no (or closed the question): nothing changed. */
export class PushNotAllowed extends Error {
  override readonly name = 'PushNotAllowed';
}
/** The browser could not subscribe (no service worker, push service unreachable …). */
export class PushUnavailable extends Error {
  override readonly name = 'PushUnavailable';
}

function browserFacts(): BrowserFacts {
  const hasNotification = typeof Notification !== 'undefined';
  return {
    secureContext: globalThis.isSecureContext === true,
    serviceWorker: 'serviceWorker' in navigator,
    pushManager: 'PushManager' in globalThis,
    notification: hasNotification,
    permission: hasNotification ? Notification.permission : undefined,
  };
}

function legacyRemembered(): RememberedDevice | null {
  try {
    const value = JSON.parse(localStorage.getItem(LEGACY_STORAGE_KEY) ?? 'null') as Partial<RememberedDevice> | null;
    return typeof value?.id === 'string' && typeof value.endpoint === 'string'
      ? { id: value.id, endpoint: value.endpoint }
      : null;
  } catch {
    return null;
  }
}

/**
 * The device this browser posted, remembered on this browser only, where the service worker
 * reads it too: it renews a subscription the push service replaced (`pushsubscriptionchange`).
 */
async function remembered(): Promise<RememberedDevice | null> {
  const kept = await readPushDevice();
  if (kept) return kept;
  const legacy = legacyRemembered();
  if (legacy) await remember(legacy);
  return legacy;
}

async function remember(device: RememberedDevice | null) {
  try {
    localStorage.removeItem(LEGACY_STORAGE_KEY);
  } catch {
    // Storage disabled: there was nothing there either.
  }
  await writePushDevice(device);
}

async function worker(): Promise<ServiceWorkerRegistration> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new PushUnavailable('no service worker')), WORKER_WAIT_MS),
  );
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

async function browserSubscription(): Promise<globalThis.PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Deleting a device already gone is what was wanted. */
async function removeOnServer(id: string) {
  await pushApi.remove(id).catch((error: unknown) => {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  });
}

async function post(subscription: globalThis.PushSubscription) {
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new PushUnavailable('incomplete subscription');
  const { subscription: saved } = await pushApi.subscribe({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
  await remember({ id: saved.id, endpoint });
  return saved;
}

interface Devices {
  items: PushSubscription[];
  /** The id of this browser's device, when it receives the notifications. */
  currentId: string | null;
}

/**
 * The server's list, reconciled with what this browser holds (see `deviceState`): a device
 * removed elsewhere loses its browser subscription too; a subscription the browser renewed is
 * posted again.
 */
async function loadDevices(canPush: boolean): Promise<Devices> {
  const { items } = await pushApi.devices();
  const subscription = canPush ? await browserSubscription().catch(() => null) : null;
  const mine = await remembered();
  const state = deviceState({
    browserEndpoint: subscription?.endpoint ?? null,
    remembered: mine,
    serverIds: items.map((item) => item.id),
  });
  if (state === 'removed') {
    await subscription?.unsubscribe().catch(() => false);
    await remember(null);
  }
  if (state === 'renew' && subscription && mine) {
    const saved = await post(subscription);
    await removeOnServer(mine.id);
    return { items: (await pushApi.devices()).items, currentId: saved.id };
  }
  return { items, currentId: state === 'on' ? (mine?.id ?? null) : null };
}

/**
 * « Notifications sur cet appareil »: what the browser allows, one's devices, and the actions
 * that turn this device on or off or remove any of them. Actions throw to the component, which
 * says what went wrong.
 */
export function createPushDevices() {
  const [support, setSupport] = createSignal(pushSupport(browserFacts()));
  const load = () => loadDevices(support() !== 'unsupported');
  const [devices, { mutate, refetch }] = createResource(load);
  // Read again after a change without going back to « Chargement… » (a refetch would suspend
  // the block and lose the focus of the toggle just used).
  const refresh = async () => void mutate(await load());

  const current = () => devices()?.currentId ?? null;

  async function enable() {
    if (Notification.permission !== 'granted') {
      const answer = await Notification.requestPermission();
      setSupport(pushSupport(browserFacts()));
      if (answer !== 'granted') throw new PushNotAllowed(answer);
    }
    const [registration, { key }] = await Promise.all([worker(), pushApi.publicKey()]);
    const applicationServerKey = base64UrlToBytes(key);
    let subscription = await registration.pushManager.getSubscription();
    // Made with another server key (the keys changed): push services would refuse our pushes.
    if (subscription && !sameKey(subscription.options.applicationServerKey, applicationServerKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    try {
      subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
    } catch (error) {
      throw new PushUnavailable(error instanceof Error ? error.message : String(error));
    }
    await post(subscription);
    await refresh();
  }

  async function disable() {
    const subscription = await browserSubscription().catch(() => null);
    await subscription?.unsubscribe().catch(() => false);
    const id = current() ?? (await remembered())?.id;
    await remember(null);
    if (id) await removeOnServer(id);
    await refresh();
  }

  async function remove(id: string) {
    await removeOnServer(id);
    if (id === current()) {
      const subscription = await browserSubscription().catch(() => null);
      await subscription?.unsubscribe().catch(() => false);
      await remember(null);
    }
    const now = devices();
    if (now)
      mutate({
        items: now.items.filter((item) => item.id !== id),
        currentId: id === now.currentId ? null : now.currentId,
      });
  }

  return { support, devices, current, reload: () => refetch(), enable, disable, remove };
}
