import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

/**
 * The installable app in Chromium: its manifest, its service worker, a page read once that
 * opens again without a network, and « Notifications sur cet appareil » on the profile.
 * Headless Chromium has no push service, so subscribing for real is left to the server's
 * delivery test (server/src/features/push/push.delivery.test.ts); here, the states the block
 * shows. The last test stops this file's server: it must stay last.
 */
const suite = useBrowserSuite();

const OFFLINE_NOTICE = 'Hors ligne : vous lisez une copie enregistrée';
const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** The page is controlled by the service worker: what it fetches from now on goes through it. */
async function controlledByServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}

/** The width and height a PNG's header gives. */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

const pushBlock = (page: Page) => page.getByRole('region', { name: 'Notifications sur cet appareil' });

describe('the installable app', () => {
  it('links a valid manifest, with its icons, and registers the service worker', async () => {
    const { page, problems } = await suite.visitor('phone');
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      lang: string;
      start_url: string;
      scope: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({
      name: 'Atelier des transitions',
      short_name: 'Atelier',
      lang: 'fr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#1a5235',
      background_color: '#f6f9f6',
    });
    // The theme colour is the one the page announces too.
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
    const wanted = ['192x192 any', '512x512 any', '512x512 maskable'];
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(wanted.sort());
    for (const icon of manifest.icons) {
      const file = await page.request.get(icon.src);
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()['content-type']).toBe('image/png');
      const [width, height] = icon.sizes.split('x').map(Number);
      expect(pngSize(await file.body()), icon.src).toEqual({ width, height });
    }

    await controlledByServiceWorker(page);
    const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(worker).toBe(`${suite.server().url}/sw.js`);
    const sw = await page.request.get('/sw.js');
    expect(sw.headers()['cache-control']).toBe('no-cache'); // a new version is seen at once
    expect(problems).toEqual([]);
  });

  it('shows « Notifications sur cet appareil » on the profile: devices, « Retirer », a refusal, axe clean', async () => {
    const person = await suite.person('Nour Appareils');
    const { page, problems } = person;
    // A phone of Nour's already receives the notifications.
    const phone = await page.request.post('/api/me/push-subscriptions', {
      headers: { 'x-csrf-token': person.csrfToken, 'user-agent': PHONE_UA },
      data: {
        endpoint: 'https://fcm.googleapis.com/fcm/send/e2e-nour-phone',
        // The example browser keys of RFC 8291 (appendix A).
        keys: {
          p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
          auth: 'BTBZMqHH6r4Tts7J_aSIgg',
        },
      },
    });
    expect(phone.status(), await phone.text()).toBe(201);

    // Headless Chromium never shows the question: this browser is one where the person closes
    // it without allowing (the answer then stays « default »).
    await page.addInitScript(() => {
      Object.defineProperty(Notification, 'permission', { get: () => 'default' });
      Notification.requestPermission = async () => 'default';
    });
    await page.goto('/profil');
    const block = pushBlock(page);
    await block.getByRole('heading', { level: 2, name: 'Notifications sur cet appareil' }).waitFor();
    const device = block.getByRole('listitem').filter({ hasText: 'Chrome sur Android' });
    await device.waitFor();
    await expectNoAxeViolations(page, '/profil with the push block');
    await screenshot(page, 'profil-notifications');

    const toggle = block.getByRole('checkbox', { name: 'Recevoir les notifications sur cet appareil' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await block.getByRole('alert').getByText('Vous n’avez pas autorisé les notifications : rien n’a changé.').waitFor();
    expect(await toggle.isChecked()).toBe(false);

    await device.getByRole('button', { name: 'Retirer' }).click();
    await block.getByRole('status').getByText('Chrome sur Android ne recevra plus vos notifications.').waitFor();
    await block.getByText('Aucun appareil ne reçoit vos notifications pour l’instant.').waitFor();
    const listed = await page.request.get('/api/me/push-subscriptions');
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    await expectNoAxeViolations(page, '/profil after « Retirer »');
    expect(problems).toEqual([]);
  });

  it('explains when notifications are blocked for the site, or when the browser has no push', async () => {
    const blocked = await suite.person('Lina Bloquée');
    await blocked.page.addInitScript(() => {
      Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
    });
    await blocked.page.goto('/profil');
    await pushBlock(blocked.page)
      .getByText('Les notifications sont bloquées pour ce site dans les réglages de votre navigateur.', {
        exact: false,
      })
      .waitFor();
    expect(await pushBlock(blocked.page).getByRole('checkbox').count()).toBe(0);
    await expectNoAxeViolations(blocked.page, '/profil, notifications blocked');

    const older = await suite.person('Marc Ancien', { viewport: 'phone' });
    await older.page.addInitScript(() => {
      // An iPhone's Safari outside the home screen: no Push API at all.
      delete (window as { PushManager?: unknown }).PushManager;
    });
    await older.page.goto('/profil');
    await pushBlock(older.page)
      .getByText('Ce navigateur ne permet pas de recevoir des notifications de l’Atelier.', { exact: false })
      .waitFor();
    expect(await pushBlock(older.page).getByRole('checkbox').count()).toBe(0);
    await expectNoAxeViolations(older.page, '/profil, no push in this browser');
    expect([...blocked.problems, ...older.problems]).toEqual([]);
  });

  // Last: it stops the server to be sure nothing reaches it.
  it('opens a page read once again offline, from the saved copy, and says so', async () => {
    const person = await suite.person('Yanis Hors-Ligne', { join: ['mise-en-recits'], viewport: 'phone' });
    const { page, context } = person;
    const heading = page.getByRole('heading', { level: 1, name: 'Mise en récits' });

    await page.goto('/espaces/mise-en-recits');
    await heading.waitFor();
    await controlledByServiceWorker(page);
    // Read once while the service worker is there: the page's chunks and API answers are kept.
    await page.reload();
    await heading.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(OFFLINE_NOTICE).count()).toBe(0);

    await context.setOffline(true);
    await suite.server().stop();
    await page.reload();
    await heading.waitFor();
    await page.getByRole('status').getByText(OFFLINE_NOTICE).waitFor();
    await screenshot(page, 'hors-ligne-phone');
  });
});
