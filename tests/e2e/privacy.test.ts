import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { rawRequest, waitForMail } from '../support/http';

const suite = useBrowserSuite({ admin: true });

describe('personal data in the browser', () => {
  it('says what is kept on /confidentialite, linked from the footer, on a phone', async () => {
    const { page, problems } = await suite.visitor('phone');
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Vos données et la confidentialité' }).click();
    await page.waitForURL((url) => url.pathname === '/confidentialite');
    await page.getByRole('heading', { level: 1, name: 'Vos données et la confidentialité' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Pour combien de temps' }).waitFor();
    await page.getByText(/effacée après 30 jours/).waitFor();
    await screenshot(page, 'confidentialite-phone');
    await expectNoAxeViolations(page, '/confidentialite');
    expect(problems).toEqual([]);
  });

  it('downloads one’s data by mail, then deletes the account through the dialog', async () => {
    const person = await suite.person('Alix Départ', { join: ['mise-en-recits'], viewport: 'phone' });
    const { page, problems } = person;
    const posted = await page.request.post('/api/spaces/mise-en-recits/threads', {
      headers: { 'x-csrf-token': person.csrfToken },
      data: { title: 'Un dernier récit', body: '<p>Merci à toutes et tous.</p>' },
    });
    expect(posted.status(), await posted.text()).toBe(201);

    await page.goto('/profil');
    const section = page.getByRole('region', { name: 'Mes données' });
    await section.waitFor();
    await expectNoAxeViolations(page, '/profil (Mes données)');

    await section.getByRole('button', { name: 'Télécharger mes données' }).click();
    await section
      .getByRole('status')
      .getByText(/Vous allez recevoir un courriel/)
      .waitFor();
    const mail = await waitForMail(
      suite.server().url,
      person.email,
      (message) => message.subject.includes('Vos données sont prêtes'),
      30_000,
    );
    const link = /https?:\/\/\S+\/api\/me\/export\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const download = await page.request.get(new URL(link!).pathname + new URL(link!).search);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/zip');

    await section.getByRole('button', { name: 'Supprimer mon compte' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Supprimer votre compte ?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, '/profil (suppression du compte)');
    // Without the word, nothing happens but a message beside the field.
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await dialog.getByText('Tapez SUPPRIMER en majuscules pour confirmer.').waitFor();
    await dialog.getByLabel(/Pour confirmer, tapez SUPPRIMER/).fill('SUPPRIMER');
    await dialog.getByText('Supprimer aussi mes messages').click();
    await screenshot(page, 'suppression-compte-phone');
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Votre compte est supprimé.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Me connecter' }).waitFor();
    const probe = await page.request.get('/api/session');
    expect(((await probe.json()) as { user: unknown }).user).toBeNull();

    // The account is gone: its password opens nothing any more.
    const signIn = await rawRequest(suite.server().url, {
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(signIn.status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('shows admins the audit log, where the erasure and the export are kept with the name', async () => {
    const { page, problems } = await suite.visitor('phone');
    const signedIn = await page.request.post('/api/auth/login', { data: ADMIN });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    await page.goto('/admin/journal');
    await page.getByRole('heading', { level: 1, name: 'Journal d’administration' }).waitFor();
    const table = page.getByRole('table', { name: 'Les actions, les plus récentes d’abord' });
    await table.waitFor();
    const erasure = table.getByRole('row').filter({ hasText: 'Suppression de compte' });
    await erasure.getByRole('cell', { name: 'Alix Départ' }).first().waitFor();
    await table.getByRole('row').filter({ hasText: 'Export de données' }).first().waitFor();
    await screenshot(page, 'journal-phone');
    await expectNoAxeViolations(page, '/admin/journal');
    expect(problems).toEqual([]);
  });
});
