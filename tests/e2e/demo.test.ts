import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

/**
 * A newcomer's first start (`SEED=demo`, the default in development): the alliance is alive,
 * and the mailbox page signs in as one of the demo's people in one click.
 */
const suite = useBrowserSuite({ env: { SEED: 'demo' } });

describe('the living demo', () => {
  it('shows an alliance at work to a visitor', async () => {
    const { page, problems } = await suite.visitor();
    await page.goto('/espaces/mise-en-recits');
    await page.getByRole('heading', { level: 1, name: 'Mise en récits' }).waitFor();
    await page.getByRole('link', { name: 'Bienvenue ! Présentez-vous et dites-nous quel récit vous porte' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('signs in as a demo person from the mailbox page and lands on « Pour vous »', async () => {
    const { page, problems } = await suite.visitor();
    await page.goto('/dev/boite-mail');
    const people = page.getByRole('region', { name: 'Personnes de la démonstration' });
    await people.getByRole('listitem').filter({ hasText: 'Camille Roux' }).waitFor();
    await expectNoAxeViolations(page, 'the mailbox page with the demo people');
    await people.getByRole('button', { name: 'Se connecter en tant que Camille Roux' }).click();

    await page.getByRole('heading', { level: 1, name: 'Pour vous, Camille Roux' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const threads = page.getByRole('region', { name: 'À lire dans vos espaces' });
    await threads
      .getByRole('listitem')
      .filter({ hasText: 'Carte des interdépendances : vos retours sur la version 2' })
      .getByText(/non lus?/)
      .waitFor();
    expect(await threads.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    const events = page.getByRole('region', { name: 'Vos prochains rendez-vous' });
    await events.getByRole('listitem').filter({ hasText: 'La permanence' }).getByText('Inscrit·e').waitFor();
    await events
      .getByRole('listitem')
      .filter({ hasText: "Session d'initiation aux 4 fondamentaux" })
      .getByText('Liste d’attente n°1')
      .waitFor();
    // The permanence card agrees with the list above it: no invitation to register again.
    const permanence = page.getByRole('region', { name: 'La prochaine permanence' });
    await permanence.getByText('Vous êtes inscrit·e').waitFor();
    await permanence.getByRole('link', { name: 'Voir la permanence', exact: true }).waitFor();
    await screenshot(page, 'demo-pour-vous');
    await expectNoAxeViolations(page, '« Pour vous » of a demo person');

    // What the demo fills passes axe too: a thread with mentions and reactions, the space's
    // resources, a document's history of named and automatic versions.
    await threads.getByRole('link', { name: 'Bienvenue ! Présentez-vous et dites-nous quel récit vous porte' }).click();
    await page.getByRole('heading', { level: 1, name: /Bienvenue ! Présentez-vous/ }).waitFor();
    await page.getByRole('article').filter({ hasText: 'fresque des récits' }).waitFor();
    await expectNoAxeViolations(page, 'a demo thread');
    await page.goto('/espaces/mise-en-recits?onglet=documents');
    await page.getByRole('tab', { name: 'Ressources', selected: true }).waitFor();
    await page.getByRole('link', { name: /Podcast « La mise en récits »/ }).waitFor();
    await expectNoAxeViolations(page, 'the resources of a demo space');
    await page.getByRole('link', { name: "Grille d'analyse des initiatives de mise en récits" }).click();
    await page.getByRole('button', { name: 'Historique' }).click();
    const history = page.getByRole('dialog', { name: 'Historique des versions' });
    await history.getByText('Version validée en communauté').waitFor();
    await expectNoAxeViolations(page, 'the history of a demo document');
    expect(problems).toEqual([]);
  });
});
