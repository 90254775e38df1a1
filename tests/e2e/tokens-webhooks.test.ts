import { describe, expect, it } from 'vitest';
import { screenshot, VIEWPORTS } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

const suite = useBrowserSuite({ admin: true });

const SPACE = 'mise-en-recits';

describe('personal API tokens and webhooks in the browser', () => {
  it('a person creates a token on the profile page, sees it once, uses it, and revokes it', async () => {
    const ines = await suite.person('Inès Scripts');
    const { page } = ines;
    await page.goto('/profil');
    const section = page.getByRole('region', { name: 'Accès par programme (jetons d’API)' });
    await section.getByLabel('Nom du jeton').fill('Tableur du chantier');
    await section.getByRole('button', { name: 'Créer le jeton' }).click();

    // Shown once, in a field that has the focus, ready to be copied.
    const secret = section.getByLabel('Jeton « Tableur du chantier »');
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^atl_/);
    await expect.poll(() => secret.evaluate((element) => element === document.activeElement)).toBe(true);
    await section.getByText('Jamais utilisé').waitFor();
    await expectNoAxeViolations(page, 'the profile with a new token');

    // A script with it reads as Inès, without cookie or CSRF token.
    const used = await fetch(`${suite.server().url}/api/me/home`, { headers: { authorization: `Bearer ${token}` } });
    expect(used.status).toBe(200);

    await section.getByRole('button', { name: 'J’ai copié le jeton' }).click();
    await secret.waitFor({ state: 'detached' });
    await page.reload();
    const listed = section.getByRole('listitem').filter({ hasText: 'Tableur du chantier' });
    await listed.getByText(/Dernière utilisation/).waitFor();
    expect(await page.content()).not.toContain(token);

    await page.setViewportSize(VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'api-tokens-phone');
    await page.setViewportSize(VIEWPORTS.desktop);

    await section.getByRole('button', { name: 'Révoquer' }).click();
    await section.getByText('Le jeton « Tableur du chantier » est révoqué : il ne fonctionne plus.').waitFor();
    await section.getByText('Aucun jeton pour l’instant.').waitFor();
    const revoked = await fetch(`${suite.server().url}/api/me/home`, { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
  });

  it('an animatrice adds a webhook in the space’s Animation tab and sees its secret once', async () => {
    const anne = await suite.person('Anne Animatrice', { join: [SPACE] });
    await suite.asAdmin('PATCH', `/api/spaces/${SPACE}/members/${anne.userId}`, { role: 'animateur' });
    const { page } = anne;
    await page.goto(`/espaces/${SPACE}?onglet=animation`);
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByText('Aucun webhook pour l’instant.').waitFor();
    await section.getByLabel('Adresse de réception (https)').fill('https://recepteur.exemple.fr/atelier');
    await section.getByText('Nouveau fil de discussion').click();
    await section.getByRole('button', { name: 'Ajouter le webhook' }).click();

    const secret = section.getByLabel('Secret de signature');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    const item = section.getByRole('listitem').filter({ hasText: 'https://recepteur.exemple.fr/atelier' });
    await item.getByText('Actif · Nouveau fil de discussion, Nouveau message').waitFor();
    await expectNoAxeViolations(page, 'the space’s webhooks');

    await section.getByRole('button', { name: 'J’ai copié le secret' }).click();
    await item.getByText('Journal des livraisons').click();
    await item.getByText('Aucune livraison pour l’instant.').waitFor();
    await item.getByRole('button', { name: 'Désactiver' }).click();
    await section.getByText('Le webhook vers https://recepteur.exemple.fr/atelier est désactivé.').waitFor();
    await item.getByText(/^Désactivé/).waitFor();

    await page.setViewportSize(VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'space-webhooks-phone');
  });
});
