/**
 * The rules of « Notifications sur cet appareil », pure so that they are tested without a
 * browser: what the browser allows, whether this device is on given what the browser holds and
 * what the server lists, and a readable name for a device from its user agent.
 */

/** What the block can offer on this browser. */
export type PushSupport =
  /** No service worker, no Push API, or not a secure page: nothing to offer. */
  | 'unsupported'
  /** The person (or a policy) blocked notifications for the site: only the settings can undo it. */
  | 'denied'
  /** Allowed, or not asked yet: the toggle asks when it is turned on. */
  | 'available';

export interface BrowserFacts {
  secureContext: boolean;
  serviceWorker: boolean;
  pushManager: boolean;
  notification: boolean;
  /** `Notification.permission`, when there is a Notification API. */
  permission: 'default' | 'granted' | 'denied' | undefined;
}

export function pushSupport(facts: BrowserFacts): PushSupport {
  if (!facts.secureContext || !facts.serviceWorker || !facts.pushManager || !facts.notification) return 'unsupported';
  return facts.permission === 'denied' ? 'denied' : 'available';
}

/** The device this browser posted, as remembered here: its id on the server and its endpoint. */
export interface RememberedDevice {
  id: string;
  endpoint: string;
}

/**
 * This device, from the browser's current subscription, what was remembered when it was
 * posted, and the server's list:
 * - `on`: the server still lists the subscription the browser holds;
 * - `renew`: the browser replaced its subscription (push services rotate them): post the new one;
 * - `removed`: the server no longer lists it (« Retirer » from another device, too many devices,
 *   or expired): the browser's subscription should go too, and the toggle shows off;
 * - `off`: nothing to reconcile.
 */
export function deviceState(input: {
  browserEndpoint: string | null;
  remembered: RememberedDevice | null;
  serverIds: readonly string[];
}): 'on' | 'renew' | 'removed' | 'off' {
  const { browserEndpoint, remembered, serverIds } = input;
  if (!browserEndpoint || !remembered) return 'off';
  if (!serverIds.includes(remembered.id)) return 'removed';
  return remembered.endpoint === browserEndpoint ? 'on' : 'renew';
}

/** A base64url string (the server's VAPID key) as the bytes `pushManager.subscribe` takes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether a subscription was made with this key: a new server key needs a new subscription. */
export function sameKey(current: ArrayBuffer | null | undefined, key: Uint8Array): boolean {
  if (!current || current.byteLength !== key.byteLength) return false;
  const bytes = new Uint8Array(current);
  return bytes.every((byte, index) => byte === key[index]);
}

/** Browser and system a user agent names, in the order the tests prove; null when unknown. */
export function describeUserAgent(userAgent: string | undefined): { browser: string | null; system: string | null } {
  const ua = userAgent ?? '';
  const browsers: Array<[RegExp, string]> = [
    [/\bEdg(A|iOS)?\//, 'Edge'],
    [/\b(OPR|OPT)\//, 'Opera'],
    [/\bSamsungBrowser\//, 'Samsung Internet'],
    [/\b(Firefox|FxiOS)\//, 'Firefox'],
    [/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
    [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
  ];
  const systems: Array<[RegExp, string]> = [
    [/\bAndroid\b/, 'Android'],
    [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
    [/\bCrOS\b/, 'ChromeOS'],
    [/\bWindows\b/, 'Windows'],
    [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
    [/\bLinux\b/, 'Linux'],
  ];
  const first = (list: Array<[RegExp, string]>) => list.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser: first(browsers), system: first(systems) };
}
