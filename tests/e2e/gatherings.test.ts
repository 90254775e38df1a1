import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

/**
 * A gathering as its organiser and a participant live it: an assembly with three registration
 * questions and two parallel workshops, a participant answering and choosing, the CSV, the
 * attendance and the attestation.
 */

const suite = useBrowserSuite({ admin: true });
const adminCall = suite.asAdmin;

const parisDay = (daysAhead: number) =>
  new Date(Date.now() + daysAhead * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

describe('gatherings in the browser', () => {
  it('an organiser builds an assembly with two workshops and three questions; a participant answers, chooses, attends and downloads their attestation', async () => {
    const admin = await suite.visitor();
    const page = admin.page;
    expect((await page.request.post('/api/auth/login', { data: ADMIN })).status()).toBe(200);
    // Tomorrow: near enough to move its start to now on the day (an event lasts at most 72 hours).
    const day = parisDay(1);

    // The assembly, with its questions chosen in the event form.
    await page.goto('/evenements/nouveau');
    await page.getByRole('heading', { level: 1, name: 'Créer un événement' }).waitFor();
    await page.getByLabel('Titre').fill('Assemblée des alliés de test');
    await page.getByLabel("Type d'événement").selectOption('autre');
    await page.getByLabel('Début').fill(`${day}T09:30`);
    await page.getByLabel(/^Fin\b/).fill(`${day}T17:00`);
    await page.getByText('Sur place', { exact: true }).click();
    await page.getByLabel('Adresse').fill('Halle des transitions, Lyon');
    const questions = page.getByRole('group', { name: 'Questions à l’inscription' });
    await questions.getByLabel('Votre organisation').selectOption('required');
    await questions.getByLabel('Besoins d’accessibilité').selectOption('optional');
    await questions.getByLabel('Repas').selectOption('required');
    await page.getByRole('button', { name: "Créer l'événement" }).click();
    await page.getByRole('heading', { level: 1, name: 'Assemblée des alliés de test' }).waitFor();
    const eventId = new URL(page.url()).pathname.split('/').at(-1)!;

    // Two parallel workshops in the programme; the first has a single seat.
    const programme = page.getByRole('region', { name: 'Programme' });
    for (const [title, room, seats] of [
      ['Atelier A — sobriété foncière', 'Salle 1', '1'],
      ['Atelier B — mise en récits', 'Salle 2', ''],
    ] as const) {
      await programme.getByRole('button', { name: 'Ajouter une session' }).first().click();
      const form = programme.getByRole('form', { name: 'Nouvelle session' });
      await form.getByLabel('Titre de la session').fill(title);
      await form.getByLabel('Début').fill(`${day}T14:00`);
      await form.getByLabel(/^Fin\b/).fill(`${day}T15:45`);
      await form.getByLabel('Salle ou lieu').fill(room);
      await form.getByLabel('Nombre de places').fill(seats);
      await form.getByRole('button', { name: 'Ajouter une session' }).click();
      await programme.getByText(`Session « ${title} » ajoutée au programme.`).waitFor();
    }
    await expect.poll(() => programme.getByRole('listitem').count()).toBe(2);
    await expectNoAxeViolations(page, '/evenements/:id (programme, organiser)');

    // Léa registers: the questions come first, and a required one left empty is said on its field.
    const lea = await suite.person('Léa Participante', { viewport: 'phone' });
    const l = lea.page;
    await l.goto(`/evenements/${eventId}`);
    await l.getByText('Inscrivez-vous d’abord à l’événement pour choisir vos sessions.').waitFor();
    await l.getByRole('button', { name: "M'inscrire" }).click();
    const answers = l.getByRole('form', { name: 'Quelques questions avant de vous inscrire' });
    await answers.getByRole('button', { name: 'Confirmer mon inscription' }).click();
    await expect.poll(() => answers.getByText('Répondez à cette question pour vous inscrire.').count()).toBe(2);
    await answers.getByLabel(/Votre organisation/).fill('PNR du Vercors');
    await answers.getByText('Végétarien', { exact: true }).click();
    await answers.getByLabel(/Besoins d’accessibilité/).fill('Boucle magnétique');
    await expectNoAxeViolations(l, '/evenements/:id (questions, phone)');
    await answers.getByRole('button', { name: 'Confirmer mon inscription' }).click();
    await l.getByTestId('registration-state').getByText('Vous êtes inscrit·e.').waitFor();

    // She takes the last seat of workshop A; the organiser's page counts it live.
    const leaProgramme = l.getByRole('region', { name: 'Programme' });
    const workshopA = leaProgramme.getByRole('listitem').filter({ hasText: 'Atelier A' });
    const workshopB = leaProgramme.getByRole('listitem').filter({ hasText: 'Atelier B' });
    await workshopA.getByRole('button', { name: /Choisir cette session/ }).click();
    await leaProgramme.getByText('Session « Atelier A — sobriété foncière » choisie.').waitFor();
    await workshopA.getByText('Vous y avez votre place.').waitFor();
    await programme.getByRole('listitem').filter({ hasText: 'Atelier A' }).getByText('Complet').waitFor();
    // Workshop B is at the same time: refused, and said.
    await workshopB.getByRole('button', { name: /Choisir cette session/ }).click();
    await leaProgramme.getByText('Vous avez déjà choisi une session à cette heure-là', { exact: false }).waitFor();
    await screenshot(l, 'gathering-programme-phone');
    await expectNoAxeViolations(l, '/evenements/:id (programme, participant, phone)');

    // The organiser's export has her answers and her workshop.
    const csvHref = `/api/events/${eventId}/registrations.csv`;
    const csv = await (await page.request.get(csvHref)).text();
    expect(csv).toContain('réponse : organisation;réponse : besoins d’accessibilité;réponse : repas');
    expect(csv, csv).toMatch(/Léa Participante;.*;PNR du Vercors;Boucle magnétique;végétarien;inscrit·e;non;;non/);

    // The day comes: the assembly and workshop A start now (moved through the API), and the
    // organiser ticks Léa present in both.
    const sessions = (await adminCall('GET', `/api/events/${eventId}`)) as {
      sessions: Array<{ event: { id: string; title: string } }>;
    };
    const sessionA = sessions.sessions.find((one) => one.event.title.startsWith('Atelier A'))!.event.id;
    await adminCall('PATCH', `/api/events/${eventId}`, { startsAt: new Date(Date.now() - 60 * 60_000).toISOString() });
    await adminCall('PATCH', `/api/events/${sessionA}`, {
      startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });
    for (const id of [eventId, sessionA]) {
      await page.goto(`/evenements/${id}`);
      const presences = page.getByRole('region', { name: 'Présences' });
      const tick = presences.getByRole('checkbox', { name: 'Léa Participante — présent·e' });
      await tick.check();
      await presences.getByText('1 personne présente').waitFor();
    }
    // On the workshop's page, the way back to the assembly.
    await page.getByRole('link', { name: 'Session de « Assemblée des alliés de test »' }).waitFor();

    // Léa downloads her attestation from the assembly's page.
    await l.goto(`/evenements/${eventId}`);
    const mine = l.getByRole('link', { name: 'Télécharger mon attestation de présence (PDF)' });
    const own = await l.request.get((await mine.getAttribute('href')) ?? '');
    expect([own.status(), (await own.body()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect([...admin.problems, ...lea.problems]).toEqual([]);
  });
});
