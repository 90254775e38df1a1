import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { uniqueEmail, waitForMail } from '../support/http';

const suite = useBrowserSuite({ admin: true });
const visitor = suite.visitor;

async function mySpaces(page: Page) {
  const response = await page.request.get('/api/me/spaces');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: { space: { slug: string }; membership: { status: string } }[] };
  return Object.fromEntries(body.items.map((item) => [item.space.slug, item.membership.status]));
}

describe('spaces in the browser', () => {
  it('welcomes a new member into spaces, and lets an admin approve their request', async () => {
    const { page, problems } = await visitor();
    const email = uniqueEmail('espaces');
    const name = 'Noémie Nouvelle';

    // Sign-up leads straight to the three onboarding steps.
    await page.goto('/inscription');
    await page.getByLabel('Adresse courriel').fill(email);
    await page.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
    await page.getByLabel('Nom affiché').fill(name);
    await page.getByText("J'adhère à la charte de l'alliance", { exact: true }).click();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL((url) => url.pathname === '/bienvenue');
    await page.getByRole('heading', { level: 1, name: `Bienvenue, ${name} !` }).waitFor();
    await page.getByText('Étape 1 sur 3').waitFor();
    await expectNoAxeViolations(page, '/bienvenue (step 1)');

    // Step 1: follow a chantier.
    const chantier = page.getByRole('checkbox', { name: 'Voyages apprenants' });
    await page.getByText('Voyages apprenants', { exact: true }).click();
    expect(await chantier.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Rejoindre les chantiers choisis' }).click();

    // Step 2: join Mise en récits in one click.
    await page.getByText('Étape 2 sur 3').waitFor();
    await page.getByText('Vous avez rejoint le chantier Voyages apprenants.').waitFor();
    await page.getByRole('button', { name: 'Rejoindre Mise en récits' }).click();

    // Step 3: the next permanence, with the way to register and no stale « bientôt ».
    await page.getByText('Étape 3 sur 3').waitFor();
    await page.getByRole('heading', { name: 'La prochaine permanence' }).waitFor();
    await page.getByRole('link', { name: 'Voir la permanence et s’inscrire' }).waitFor();
    expect(await page.getByText(/bientôt/).count()).toBe(0);
    await page.getByRole('button', { name: 'Terminer' }).click();

    // "Mes espaces" lists both, as the server does.
    await page.waitForURL((url) => url.pathname === '/mes-espaces');
    await page.getByRole('heading', { level: 1, name: 'Mes espaces' }).waitFor();
    await page.getByRole('link', { name: 'Voyages apprenants' }).waitFor();
    await page.getByRole('link', { name: 'Mise en récits' }).waitFor();
    expect(await mySpaces(page)).toEqual({ 'voyages-apprenants': 'active', 'mise-en-recits': 'active' });

    // Territoires narratifs is on request: the request waits for an animateur·ice.
    await page.goto('/espaces/territoires-narratifs');
    await page.getByRole('heading', { level: 1, name: 'Territoires narratifs' }).waitFor();
    await page.getByRole('button', { name: 'Demander à rejoindre' }).click();
    await page.getByText('Demande envoyée — en attente').waitFor();
    await page.getByRole('status').getByText('Demande envoyée.').waitFor();
    expect((await mySpaces(page))['territoires-narratifs']).toBe('pending');
    await screenshot(page, 'espace-demande-desktop');

    // The admin approves it from the animation tools.
    const { page: admin, problems: adminProblems } = await visitor();
    await admin.goto('/connexion');
    await admin.getByLabel('Adresse courriel').fill(ADMIN.email);
    await admin.getByLabel('Mot de passe').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await admin.waitForURL((url) => url.pathname !== '/connexion');
    await admin.goto('/espaces/territoires-narratifs');
    await admin.getByRole('tab', { name: 'Animation' }).click();
    await admin.getByRole('heading', { name: 'Demandes en attente' }).waitFor();
    await admin.getByRole('button', { name: `Accepter (${name})` }).click();
    await admin.getByText(`${name} a rejoint l'espace.`).waitFor();
    await expect.poll(() => admin.getByRole('button', { name: `Accepter (${name})` }).count()).toBe(0);
    await waitForMail(suite.server().url, email, (message) => message.subject.includes('Territoires narratifs'));

    // The member sees the membership active, and themself among the members.
    await page.reload();
    await page.getByText('Vous êtes membre de cet espace.').waitFor();
    await page.getByRole('button', { name: "Quitter l'espace" }).waitFor();
    expect((await mySpaces(page))['territoires-narratifs']).toBe('active');
    await page.getByRole('tab', { name: 'Membres' }).click();
    await page.getByRole('tabpanel').getByText(name, { exact: true }).waitFor();
    await screenshot(page, 'espace-membre-desktop');
    await expectNoAxeViolations(page, '/espaces/territoires-narratifs as a member');

    expect(problems).toEqual([]);
    expect(adminProblems).toEqual([]);
  });

  it('shows a space to a visitor on a phone, with the way in and no WCAG 2.1 A/AA violation', async () => {
    const { page, problems } = await visitor('phone');
    await page.goto('/espaces');
    await page.getByRole('heading', { level: 1, name: 'Les espaces' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Communautés apprenantes' }).waitFor();
    await expectNoAxeViolations(page, '/espaces at phone size');

    await page.getByRole('link', { name: 'Mise en récits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mise en récits' }).waitFor();
    await page.getByText('Connectez-vous pour rejoindre cet espace.').waitFor();
    await page.getByRole('tab', { name: 'Discussions' }).waitFor();
    await page.getByText('Connectez-vous pour participer aux discussions.').waitFor();
    await screenshot(page, 'espace-visiteur-phone');
    await expectNoAxeViolations(page, '/espaces/mise-en-recits at phone size');
    expect(problems).toEqual([]);
  });
});
