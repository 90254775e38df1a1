import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, type Person, useBrowserSuite } from '../support/browser-suite';

const suite = useBrowserSuite({ admin: true });

/** The person joins the space through an invitation the admin sends, as the mail's link would. */
async function invite(person: Person, slug: string, role: 'animateur' | 'membre') {
  await suite.asAdmin('POST', `/api/spaces/${slug}/invitations`, { email: person.email, role });
  const mailbox = await person.page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(person.email)}`);
  const token = [...(await mailbox.text()).matchAll(/invitation\?token=([\w-]+)/g)].at(-1)?.[1];
  const accepted = await person.page.request.post(`/api/invitations/${token}/accept`, {
    headers: { 'x-csrf-token': person.csrfToken },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
}

describe('the allies in the browser', () => {
  it('lets a visitor without an account find an organisation by kind and territory, and open its page', async () => {
    const { page, problems } = await suite.visitor();
    await page.goto('/');
    await page.getByRole('link', { name: 'Voir les allié·es' }).click();
    await page.getByRole('heading', { level: 1, name: 'Les allié·es' }).waitFor();
    await page.getByRole('status').getByText('18 organisations').waitFor();
    await expectNoAxeViolations(page, '/allie-es');

    // Each kind says how many organisations choosing it gives.
    const kind = page.getByLabel("Type d'organisation");
    await kind.selectOption({ label: 'Collectivité (7)' });
    await page.getByLabel('Territoire').fill('seine');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'collectivite');
    await page.getByRole('status').getByText('1 organisation', { exact: true }).waitFor();
    await screenshot(page, 'allies-filtres');

    await page.getByRole('link', { name: 'Métropole Rouen Normandie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Métropole Rouen Normandie' }).waitFor();
    await page.getByText('Membre de la communauté apprenante « Territoires narratifs » (2023-2024).').waitFor();
    await page.getByRole('link', { name: 'Connectez-vous pour vous rattacher à cette organisation.' }).waitFor();
    await expectNoAxeViolations(page, '/allie-es/metropole-rouen-normandie');

    // Back keeps the filters; « Effacer les filtres » shows them all again.
    await page.goBack();
    await page.getByRole('status').getByText('1 organisation', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByRole('status').getByText('18 organisations').waitFor();
    await page.getByLabel('Thème').fill('energie');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('status').getByText('3 organisations').waitFor();
    expect(problems).toEqual([]);
  });

  it('lets an admin add an organisation with its official territory and themes, a wrong code named on its field', async () => {
    const admin = await suite.visitor();
    const page = admin.page;
    await page.goto('/connexion');
    await page.getByLabel('Adresse courriel').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL((url) => url.pathname !== '/connexion');
    await page.goto('/allie-es');
    await page.getByRole('button', { name: 'Ajouter une organisation' }).click();
    await page.getByLabel('Nom (obligatoire)').fill('Coopérative des Cévennes');
    await page.getByLabel('Son territoire dans les listes officielles').selectOption({ label: 'Une commune' });
    await page.getByLabel('Code officiel').fill('99999');
    await page.getByLabel('Thèmes').fill('mobilités, alimentation');
    await expectNoAxeViolations(page, '/allie-es (nouvelle organisation)');
    await page.getByRole('button', { name: 'Ajouter l’organisation' }).click();
    await page.getByText('Ce code n’est pas dans la liste officielle de cet échelon.').waitFor();
    await page.getByLabel('Code officiel').fill('30350');
    await page.getByRole('button', { name: 'Ajouter l’organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coopérative des Cévennes' }).waitFor();
    await page.getByText('Le Vigan (code officiel 30350)').waitFor();
    await page.getByText('mobilités · alimentation').waitFor();
    expect(admin.problems).toEqual([]);
  });

  it('links a member to an organisation once an admin confirms it, on a phone', async () => {
    const member = await suite.person('Louise Rattachée', { viewport: 'phone' });
    await member.page.request.patch('/api/me', {
      data: { listedInDirectory: true },
      headers: { 'x-csrf-token': member.csrfToken },
    });
    await member.page.goto('/allie-es/cerdd');
    await member.page.getByRole('heading', { level: 1, name: 'Cerdd' }).waitFor();
    await member.page.getByRole('button', { name: 'Je fais partie de cette organisation' }).click();
    await member.page.getByText('Votre demande de rattachement attend d’être confirmée.').waitFor();
    await member.page.getByRole('status').getByText('Votre demande est envoyée.').waitFor();
    const overflow = await member.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await screenshot(member.page, 'allie-360');

    // The admin sees the request on the page and confirms it.
    const admin = await suite.visitor();
    await admin.page.goto('/connexion');
    await admin.page.getByLabel('Adresse courriel').fill(ADMIN.email);
    await admin.page.getByLabel('Mot de passe').fill(ADMIN.password);
    await admin.page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await admin.page.waitForURL((url) => url.pathname !== '/connexion');
    await admin.page.goto('/allie-es/cerdd');
    await admin.page.getByRole('heading', { level: 2, name: 'Demandes de rattachement' }).waitFor();
    await expectNoAxeViolations(admin.page, '/allie-es/cerdd (référent·e)');
    await admin.page.getByRole('button', { name: 'Confirmer Louise Rattachée' }).click();
    await admin.page.getByText('Louise Rattachée est rattaché·e à l’organisation.').waitFor();

    await member.page.reload();
    await member.page.getByText('Vous êtes rattaché·e à cette organisation.').waitFor();
    await member.page
      .getByRole('region', { name: 'Ses membres dans l’Atelier' })
      .getByText('Louise Rattachée')
      .waitFor();
    expect(member.problems).toEqual([]);
  });

  it('lets an animateur invite a cohort of 60 from one CSV, every wrong line named before anything leaves', async () => {
    await suite.asAdmin('POST', '/api/spaces', {
      kind: 'cohorte',
      title: 'Cohorte Bretagne 2027',
      slug: 'cohorte-bretagne-2027',
      visibility: 'members',
      joinPolicy: 'invite',
    });
    const animateur = await suite.person('Armelle Animatrice');
    await suite.asAdmin('POST', '/api/spaces/cohorte-bretagne-2027/invitations', {
      email: animateur.email,
      role: 'animateur',
    });
    const mailbox = await animateur.page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(animateur.email)}`);
    const token = (await mailbox.text()).match(/invitation\?token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const accepted = await animateur.page.request.post(`/api/invitations/${token}/accept`, {
      headers: { 'x-csrf-token': animateur.csrfToken },
    });
    expect(accepted.status(), await accepted.text()).toBe(200);

    const page = animateur.page;
    await page.goto('/espaces/cohorte-bretagne-2027?onglet=animation');
    await page.getByRole('heading', { level: 2, name: 'Inviter une cohorte' }).waitFor();
    const roles = ['élu·e', 'agent·e', 'État territorial', 'acteur·ice'];
    const lines = Array.from(
      { length: 60 },
      (_, i) => `cohorte.${i}@exemple.fr;Personne ${i};Commune ${Math.floor(i / 4)};Finistère;${roles[i % 4]}`,
    );
    const field = page.getByLabel('Lignes du fichier (CSV)');
    await field.fill(['courriel;nom;organisation;territoire;rôle 4F', ...lines, 'pas-une-adresse;X;;;'].join('\n'));
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByText('Ligne 62 : adresse courriel invalide').waitFor();
    expect(await page.getByRole('button', { name: /Envoyer les/ }).count()).toBe(0);

    // The file, fixed and chosen from the disk this time.
    await page.getByLabel('Choisir un fichier CSV').setInputFiles({
      name: 'cohorte.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['courriel;nom;organisation;territoire;rôle 4F', ...lines].join('\n')),
    });
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByText('60 invitations prêtes.').waitFor();
    await expectNoAxeViolations(page, '/espaces/cohorte-bretagne-2027?onglet=animation (cohorte)');
    await page.getByRole('button', { name: 'Envoyer les 60 invitations' }).click();
    await page.getByText('60 invitations partent').waitFor();
    await expect
      .poll(
        async () => {
          const mails = await page.request.get('/api/dev/mailbox?to=cohorte.59%40exemple.fr');
          return (await mails.text()).includes('Cohorte Bretagne 2027');
        },
        { timeout: 30_000 },
      )
      .toBe(true);

    // The invitations wait in the list below: one is cancelled, its link stops working.
    const open = page.getByRole('region', { name: 'Invitations en attente' });
    await expect
      .poll(
        async () => {
          await open.getByRole('button', { name: 'Actualiser la liste' }).click();
          return open.getByText('60 personnes invitées n’ont pas encore rejoint l’espace.').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await open.getByRole('button', { name: 'Annuler l’invitation de Personne 0' }).click();
    await open.getByText('L’invitation de Personne 0 est annulée : son lien ne fonctionne plus.').waitFor();
    await open.getByText('59 personnes invitées n’ont pas encore rejoint l’espace.').waitFor();
    await open.getByRole('button', { name: 'Relancer Personne 1', exact: true }).click();
    await open.getByText('Personne 1 a été invité·e il y a moins d’un jour : relancez demain.').waitFor();
    expect(animateur.problems).toEqual([]);
  });

  it('shows a visitor the map of accompanied territories and its table, filtered, down to 320 px', async () => {
    const { page, problems } = await suite.visitor();
    await page.goto('/');
    await page.getByRole('link', { name: 'Voir la carte des territoires accompagnés' }).click();
    await page.getByRole('heading', { level: 1, name: 'La carte des territoires accompagnés' }).waitFor();
    await page.getByRole('status').getByText('17 territoires').waitFor();
    await expectNoAxeViolations(page, '/carte');

    await page.getByLabel('Programme').selectOption({ label: 'Cohorte' });
    await page.getByLabel('Échelon').selectOption({ label: 'Intercommunalité' });
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('niveau') === 'epci');
    await page.getByRole('status').getByText('7 territoires').waitFor();
    const table = page.getByRole('table', { name: 'Territoires accompagnés' });
    await table
      .getByRole('row', { name: /CA du Sicoval/ })
      .getByText('Intercommunalité, code 243100633')
      .waitFor();
    expect(await table.getByRole('row').count()).toBe(8);

    // A mark on the map opens the territory's card, with the space that accompanies it.
    await page.getByRole('link', { name: 'CA du Sicoval — Cohorte' }).click();
    await page.getByRole('heading', { level: 2, name: 'CA du Sicoval' }).waitFor();
    await page.waitForURL((url) => url.searchParams.has('territoire'));
    const card = page.getByRole('region', { name: 'CA du Sicoval' });
    await card.getByRole('link', { name: 'Cohorte régionale Occitanie' }).waitFor();
    expect(await card.getByText('Poste à pourvoir').count()).toBe(4);
    await expectNoAxeViolations(page, '/carte?territoire=… (fiche)');
    await screenshot(page, 'carte');

    await page.setViewportSize({ width: 320, height: 700 });
    await page.getByRole('button', { name: 'Tout afficher' }).click();
    await page.getByRole('status').getByText('17 territoires').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await screenshot(page, 'carte-320');
    expect(problems).toEqual([]);
  });

  it('lets the animateur·ice of a cohort seat one of its members in a territory’s « 4 Fantastiques »', async () => {
    const animatrice = await suite.person('Oriane Animatrice');
    const elu = await suite.person('Gaspard Élu');
    await invite(animatrice, 'cohorte-regionale-occitanie', 'animateur');
    await invite(elu, 'cohorte-regionale-occitanie', 'membre');

    const page = animatrice.page;
    await page.goto('/carte?territoire=');
    await page.getByRole('table', { name: 'Territoires accompagnés' }).getByRole('link', { name: 'Gruissan' }).click();
    const card = page.getByRole('region', { name: 'Gruissan' });
    const seat = card.getByRole('listitem').filter({ hasText: 'Qui tient ce rôle ? (Élu·e)' });
    await seat.getByLabel('Qui tient ce rôle ? (Élu·e)').selectOption({ label: 'Gaspard Élu' });
    await expectNoAxeViolations(page, '/carte?territoire=… (animatrice)');
    await seat.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Élu·e : Gaspard Élu, enregistré.').waitFor();
    await seat.getByRole('button', { name: 'Laisser vacant' }).waitFor();

    // A visitor sees the seat filled, without the name of someone who is not in the directory.
    const visitor = await suite.visitor('phone');
    await visitor.page.goto(page.url());
    const seen = visitor.page.getByRole('region', { name: 'Gruissan' });
    await seen.getByText('Poste pourvu').waitFor();
    expect(await seen.getByText('Poste à pourvoir').count()).toBe(3);
    expect(await seen.getByText('Gaspard Élu').count()).toBe(0);
    expect([...animatrice.problems, ...visitor.problems]).toEqual([]);
  });
});
