import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { type MailboxMessage, registerUser, uniqueEmail, waitForMail } from '../support/http';

/** A 1 × 1 PNG: the server makes every picture a 256 × 256 WebP, whatever its size. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const suite = useBrowserSuite();
const visitor = () => suite.visitor();

const userMenu = (page: Page, name: string) => page.getByRole('button', { name: `Menu du compte de ${name}` });

/** Signed in as far as the server is concerned, not only in what the page shows. */
async function expectSignedInAs(page: Page, name: string, landing = '/') {
  await page.waitForURL((url) => url.pathname === landing);
  // On a phone the account menu sits in the folded navigation: there, but not shown.
  await page
    .getByRole('button', { name: `Menu du compte de ${name}`, includeHidden: true })
    .waitFor({ state: 'attached' });
  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).user.displayName).toBe(name);
}

/** The sign-in mail's link (path and query on this server) and its 6-digit code. */
function parseSignInMail(message: MailboxMessage) {
  const link = /https?:\/\/\S+\/connexion\/lien\?token=[^\s"<>]+/.exec(message.text)?.[0];
  const code = /\b(\d{6})\b/.exec(message.text)?.[1];
  if (!link || !code) throw new Error(`no sign-in link or code in this mail:\n${message.text}`);
  return { link, code };
}

describe('accounts in the browser', () => {
  it('signs up through the form, signs out from the user menu, signs in again with the password', async () => {
    const { page, problems } = await visitor();
    const email = uniqueEmail('inscription');
    const password = 'un-mot-de-passe-solide';
    const name = 'Aurélie Navigatrice';

    await page.goto('/inscription');
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await page.getByLabel('Adresse courriel').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByLabel('Nom affiché').fill(name);
    // People tick the box by its label; the real input sits under a styled control.
    const charter = page.getByRole('checkbox', { name: "J'adhère à la charte de l'alliance" });
    await page.getByText("J'adhère à la charte de l'alliance", { exact: true }).click();
    expect(await charter.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    // A new member lands on the welcome steps, greeted by name.
    await expectSignedInAs(page, name, '/bienvenue');
    await page.getByRole('heading', { level: 1, name: `Bienvenue, ${name} !` }).waitFor();

    await userMenu(page, name).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await page.waitForURL((url) => url.pathname === '/');
    // The toast region is fetched at the first message; the message still shows, as a status.
    await page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté·e. À bientôt !' }).waitFor();
    expect((await page.request.get('/api/me')).status()).toBe(401);

    await page.goto('/connexion');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.getByLabel('Adresse courriel').fill(email);
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByText('Adresse ou mot de passe incorrect.').waitFor();
    expect((await page.request.get('/api/me')).status()).toBe(401);

    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expectSignedInAs(page, name);
    expect(problems).toEqual([]);
  });

  it('signs in with the link received by mail, which works only once', async () => {
    const account = await registerUser(suite.server().url, { displayName: 'Bastien Courriel' });
    const { page, problems } = await visitor();

    await page.goto('/connexion');
    await page.getByLabel('Adresse courriel').fill(account.email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion par courriel' }).click();
    await page.getByText(`Si un compte existe pour ${account.email}`).waitFor();

    const mail = await waitForMail(suite.server().url, account.email, (message) => /connexion/i.test(message.subject));
    const { link } = parseSignInMail(mail);
    expect(new URL(link).origin).toBe(suite.server().url);
    await page.goto(link);
    await expectSignedInAs(page, 'Bastien Courriel');
    expect(problems).toEqual([]);

    const { page: other } = await visitor();
    await other.goto(link);
    await other.getByText('Ce lien a expiré ou a déjà servi.').waitFor();
    expect((await other.request.get('/api/me')).status()).toBe(401);
  });

  it('signs in with the 6-digit code from the same mail', async () => {
    const account = await registerUser(suite.server().url, { displayName: 'Chloé Chiffres' });
    const { page, problems } = await visitor();

    await page.goto('/connexion');
    await page.getByLabel('Adresse courriel').fill(account.email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion par courriel' }).click();
    const codeField = page.getByLabel('Code à 6 chiffres');
    await codeField.waitFor();

    const mail = await waitForMail(suite.server().url, account.email, (message) => /connexion/i.test(message.subject));
    const { code } = parseSignInMail(mail);
    const wrong = code === '000000' ? '111111' : '000000';
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await page.getByText('Ce code est incorrect ou a expiré.').waitFor();

    await codeField.fill(code);
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await expectSignedInAs(page, 'Chloé Chiffres');
    expect(problems).toEqual([]);
  });

  it('sets a profile picture on the profile page, then sees it in the account menu', async () => {
    const name = 'Élise Portrait';
    const { page, problems } = await suite.person(name);
    await page.goto('/profil');
    const section = page.getByRole('region', { name: 'Photo de profil' });
    await section.getByText('Vous n’avez pas de photo : vos initiales s’affichent à la place.').waitFor();
    const picker = section.getByLabel('Choisir une photo');
    expect(await picker.getAttribute('accept')).toBe('image/png,image/jpeg,image/webp,image/gif');

    // The content decides, not the name: HTML named .png is refused, in words.
    await picker.setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: Buffer.from('<html></html>') });
    await section.getByRole('button', { name: 'Enregistrer la photo' }).click();
    await section.getByRole('alert').filter({ hasText: 'Ce fichier n’est pas une image acceptée.' }).waitFor();

    await picker.setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: PNG });
    await section.getByRole('button', { name: 'Enregistrer la photo' }).click();
    await section.getByRole('status').filter({ hasText: 'Votre photo de profil est enregistrée.' }).waitFor();
    await section.getByRole('button', { name: 'Retirer la photo' }).waitFor();

    // The account menu shows the picture (decorative: its name is still the person's).
    const picture = userMenu(page, name).locator('img');
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBe(256);
    expect(await picture.getAttribute('alt')).toBe('');
    await screenshot(page, 'profil-photo');
    await expectNoAxeViolations(page, 'the profile page with a picture');
    expect(problems).toEqual([]);
  });

  it('lands on « Pour vous » after signing in: unread threads of my spaces and my registrations', async () => {
    const camille = await suite.person('Camille Revient', { join: ['mise-en-recits'] });
    const dominique = await suite.person('Dominique Écrit', { join: ['mise-en-recits'] });
    const started = await dominique.page.request.post('/api/spaces/mise-en-recits/threads', {
      headers: { 'x-csrf-token': dominique.csrfToken },
      data: { title: 'Nos récits de décembre', body: '<p>Qui raconte le premier ?</p>' },
    });
    expect(started.status()).toBe(201);
    const next = (await (await camille.page.request.get('/api/permanence/next')).json()) as {
      next: { eventId: string };
    };
    const seat = await camille.page.request.post(`/api/events/${next.next.eventId}/registrations`, {
      headers: { 'x-csrf-token': camille.csrfToken },
    });
    expect(seat.status()).toBe(201);

    // Camille comes back on her phone and signs in.
    const { page, problems } = await suite.visitor('phone');
    await page.goto('/connexion');
    await page.getByLabel('Adresse courriel').fill(camille.email);
    await page.getByLabel('Mot de passe').fill(camille.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expectSignedInAs(page, 'Camille Revient');
    await page.getByRole('heading', { level: 1, name: 'Pour vous, Camille Revient' }).waitFor();
    const threads = page.getByRole('region', { name: 'À lire dans vos espaces' });
    const row = threads.getByRole('listitem').filter({ hasText: 'Nos récits de décembre' });
    await row.getByText('1 non lu').waitFor();
    const events = page.getByRole('region', { name: 'Vos prochains rendez-vous' });
    await events.getByRole('listitem').filter({ hasText: 'Inscrit·e' }).waitFor();
    await screenshot(page, 'pour-vous-telephone');
    await expectNoAxeViolations(page, '« Pour vous » on a phone');
    // Looking marked nothing read.
    await page.reload();
    await row.getByText('1 non lu').waitFor();
    expect(problems).toEqual([]);
  });
});
