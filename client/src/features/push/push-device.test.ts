import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, describeUserAgent, deviceState, pushSupport, sameKey } from './push-device';

const facts = {
  secureContext: true,
  serviceWorker: true,
  pushManager: true,
  notification: true,
  permission: 'default' as const,
};

describe('push support', () => {
  it('offers the toggle where the browser can push, asked or not yet', () => {
    expect(pushSupport(facts)).toBe('available');
    expect(pushSupport({ ...facts, permission: 'granted' })).toBe('available');
  });

  it('says when notifications are blocked for the site', () => {
    expect(pushSupport({ ...facts, permission: 'denied' })).toBe('denied');
  });

  it('offers nothing without a secure page, a service worker, the Push API or notifications', () => {
    for (const missing of ['secureContext', 'serviceWorker', 'pushManager', 'notification'] as const) {
      expect(pushSupport({ ...facts, [missing]: false }), missing).toBe('unsupported');
    }
    // An iPhone's Safari outside the home screen has no PushManager, whatever the permission.
    expect(pushSupport({ ...facts, pushManager: false, permission: 'denied' })).toBe('unsupported');
  });
});

describe('this device', () => {
  const remembered = { id: 'd1', endpoint: 'https://push.example/a' };

  it('is on while the server lists what the browser holds', () => {
    expect(deviceState({ browserEndpoint: remembered.endpoint, remembered, serverIds: ['d0', 'd1'] })).toBe('on');
  });

  it('is renewed when the browser’s subscription changed under the same device', () => {
    expect(deviceState({ browserEndpoint: 'https://push.example/b', remembered, serverIds: ['d1'] })).toBe('renew');
  });

  it('is off once removed elsewhere, even though the browser still holds a subscription', () => {
    expect(deviceState({ browserEndpoint: remembered.endpoint, remembered, serverIds: ['d2'] })).toBe('removed');
  });

  it('is off without a subscription, or one this page never posted', () => {
    expect(deviceState({ browserEndpoint: null, remembered, serverIds: ['d1'] })).toBe('off');
    expect(deviceState({ browserEndpoint: remembered.endpoint, remembered: null, serverIds: ['d1'] })).toBe('off');
  });
});

describe('keys', () => {
  it('reads the server’s base64url key as the 65 bytes of a P-256 point', () => {
    const key = `BP${'A'.repeat(84)}Q`; // 87 characters, no padding
    const bytes = base64UrlToBytes(key);
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(4);
    expect(base64UrlToBytes('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('tells a subscription made with another key', () => {
    const key = new Uint8Array([4, 1, 2, 3]);
    expect(sameKey(new Uint8Array([4, 1, 2, 3]).buffer, key)).toBe(true);
    expect(sameKey(new Uint8Array([4, 1, 2, 9]).buffer, key)).toBe(false);
    expect(sameKey(new Uint8Array([4, 1, 2]).buffer, key)).toBe(false);
    expect(sameKey(null, key)).toBe(false);
  });
});

describe('device names', () => {
  const cases: Array<[string, string | null, string | null]> = [
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome',
      'Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari',
      'iOS',
    ],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', 'Windows'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge',
      'Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari',
      'macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
      'Samsung Internet',
      'Android',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', 'Linux'],
    ['curl/8.5.0', null, null],
  ];
  it.each(cases)('%s → %s on %s', (userAgent, browser, system) => {
    expect(describeUserAgent(userAgent)).toEqual({ browser, system });
  });

  it('knows nothing of a device that did not say', () => {
    expect(describeUserAgent(undefined)).toEqual({ browser: null, system: null });
  });
});
