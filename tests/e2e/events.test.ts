import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { uniqueEmail, waitForMail } from '../support/http';

/**
 * The permanence as a newcomer meets it: from the home page to a seat, the visio link and a
 * calendar file, while another person watches the seats go down live.
 */

const VISIO = 'https://visio.example.org/permanence-e2e';
const SEATS = 40;

interface EventBody {
  event: { id: string; title: string; registeredCount: number; capacity: number | null; videoUrl?: string };
}

const suite = useBrowserSuite({ admin: true });
const visitor = suite.visitor;
const adminCall = suite.asAdmin;

/**
 * The next permanence, as an event with seats and a visio link: the seed plans the series; an
 * animateur (here the admin) sets the room size and the link, as they would before a session.
 */
async function preparePermanence() {
  const { next } = (await adminCall('GET', '/api/permanence/next')) as { next: { eventId?: string } | null };
  expect(next?.eventId, 'the next permanence names its event').toBeTruthy();
  const id = next!.eventId!;
  const { event } = (await adminCall('PATCH', `/api/events/${id}`, { capacity: SEATS, videoUrl: VISIO })) as EventBody;
  return event;
}

describe('the permanence in the browser', () => {
  it('a newcomer finds it from the home page, registers, gets the link and a calendar file; others see the seats go', async () => {
    const event = await preparePermanence();
    const seatsBefore = SEATS - event.registeredCount;

    // Bruno, signed up earlier, waits on the event page.
    const bruno = await visitor();
    const registered = await bruno.page.request.post('/api/auth/register', {
      data: {
        email: uniqueEmail('bruno'),
        password: 'un-mot-de-passe-solide',
        displayName: 'Bruno Observe',
        acceptCharter: true,
      },
    });
    expect(registered.status()).toBe(201);
    await bruno.page.goto(`/evenements/${event.id}`);
    await bruno.page.getByRole('heading', { level: 1, name: event.title }).waitFor();
    await bruno.page.getByText(`${seatsBefore} places restantes`).waitFor();
    // Without a seat, Bruno never sees the link.
    expect(await bruno.page.getByRole('link', { name: 'Rejoindre la visioconférence' }).count()).toBe(0);
    expect(await bruno.page.content()).not.toContain(VISIO);

    // Alice signs up through the form…
    const alice = await visitor();
    const a = alice.page;
    await a.goto('/inscription');
    await a.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await a.getByLabel('Adresse courriel').fill(uniqueEmail('alice'));
    await a.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
    await a.getByLabel('Nom affiché').fill('Alice Nouvelle');
    await a.getByText("J'adhère à la charte de l'alliance", { exact: true }).click();
    await a.getByRole('button', { name: 'Créer mon compte' }).click();
    await a.getByRole('heading', { level: 1, name: 'Bienvenue, Alice Nouvelle !' }).waitFor();

    // …finds the next permanence on the home page and opens it.
    await a.getByRole('link', { name: 'Accueil', exact: true }).click();
    const card = a.getByRole('region', { name: 'La prochaine permanence' });
    await card.getByRole('link', { name: 'Voir la permanence et s’inscrire' }).click();
    await a.getByRole('heading', { level: 1, name: event.title }).waitFor();
    expect(new URL(a.url()).pathname).toBe(`/evenements/${event.id}`);
    await a.getByText('Des places sont libres.').waitFor();

    // She registers: the page says so, and the link appears.
    await a.getByRole('button', { name: "M'inscrire" }).click();
    await a.getByText('Vous êtes inscrit·e.', { exact: true }).waitFor();
    const visio = a.getByRole('link', { name: 'Rejoindre la visioconférence' });
    await visio.waitFor();
    expect(await visio.getAttribute('href')).toBe(VISIO);
    await a.getByText(`${seatsBefore - 1} places restantes`).waitFor();

    // Bruno's counter follows, without a reload.
    await bruno.page.getByText(`${seatsBefore - 1} places restantes`).waitFor();

    // The calendar file: text/calendar, the event, and never the visio link.
    const icsLink = a.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' });
    const downloading = a.waitForEvent('download');
    await icsLink.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const saved = await readFile((await download.path())!, 'utf8');
    expect(saved).toContain('BEGIN:VCALENDAR');
    expect(saved).toContain('BEGIN:VEVENT');
    expect(saved).not.toContain('visio.example.org');
    const fetched = await a.request.get((await icsLink.getAttribute('href'))!);
    expect(fetched.headers()['content-type']).toContain('text/calendar');
    expect(await fetched.text()).not.toContain('visio.example.org');

    await screenshot(a, 'evenement-inscrit');
    await expectNoAxeViolations(a, `/evenements/${event.id} registered`);
    await expectNoAxeViolations(bruno.page, `/evenements/${event.id} not registered`);

    // On a phone-sized screen: everything still there, nothing for axe.
    await a.setViewportSize({ width: 390, height: 844 });
    await a.getByText('Vous êtes inscrit·e.', { exact: true }).waitFor();
    await screenshot(a, 'evenement-390');
    await expectNoAxeViolations(a, `/evenements/${event.id} at 390 px`);

    // "Mon agenda" on her profile: a secret feed with what she registered for, never the link;
    // a new address makes the old one stop working.
    await a.goto('/profil');
    const feedField = a.getByLabel('Adresse de votre agenda personnel');
    await expect.poll(() => feedField.inputValue()).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
    const feedUrl = await feedField.inputValue();
    const feed = await a.request.get(feedUrl);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const feedText = await feed.text();
    expect(feedText).toContain(event.title);
    expect(feedText).not.toContain('visio.example.org');
    await a.getByRole('button', { name: 'Changer d’adresse' }).click();
    await a
      .getByRole('alertdialog', { name: 'Changer l’adresse de votre agenda ?' })
      .getByRole('button', { name: "Changer l'adresse" })
      .click();
    await a.getByText('Nouvelle adresse créée ; l’ancienne ne fonctionne plus.').waitFor();
    await expect.poll(() => feedField.inputValue()).not.toBe(feedUrl);
    expect((await a.request.get(feedUrl)).status()).toBe(404);
    await a.goBack();
    await a.getByText('Vous êtes inscrit·e.', { exact: true }).waitFor();

    // She changes her mind: after a confirmation, the seat goes back, for Bruno too.
    await a.getByRole('button', { name: 'Annuler mon inscription' }).click();
    await a.getByRole('alertdialog', { name: 'Annuler votre inscription ?' }).waitFor();
    await a.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
    await a.getByText('Votre inscription est annulée.').waitFor();
    await bruno.page.getByText(`${seatsBefore} places restantes`).waitFor();
    await expect.poll(() => a.getByRole('link', { name: 'Rejoindre la visioconférence' }).count()).toBe(0);

    expect(alice.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
  });

  it('the agenda lists the permanence, shows a month grid to move through, and filters by kind', async () => {
    const event = await preparePermanence();
    const { page, problems } = await visitor();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    const item = page
      .getByRole('article')
      .filter({ has: page.getByRole('link', { name: event.title }) })
      .first();
    await item.waitFor();
    await item.getByText('Permanence', { exact: true }).waitFor();
    await item.getByText(/places restantes/).waitFor();
    await screenshot(page, 'agenda-liste');
    await expectNoAxeViolations(page, '/agenda');

    // Month view: a table with weekday headers, the permanence linked from its day.
    await page.getByRole('link', { name: 'Mois', exact: true }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('columnheader').count()).toBe(7);
    const monthTitle = page.locator('#agenda-month-title');
    const first = await monthTitle.textContent();
    await page.getByRole('button', { name: 'Mois suivant' }).click();
    await expect.poll(() => monthTitle.textContent()).not.toBe(first);
    await page.getByRole('button', { name: 'Mois précédent' }).click();
    await expect.poll(() => monthTitle.textContent()).toBe(first);
    await expectNoAxeViolations(page, '/agenda?vue=mois');

    // Filtering on another kind hides the permanence.
    await page.getByRole('link', { name: 'Liste', exact: true }).click();
    await page.getByLabel("Type d'événement").selectOption('atelier');
    await page.getByText("Aucun événement de ce type n'est prévu.").waitFor();
    await page.getByLabel("Type d'événement").selectOption('permanence');
    await page.getByRole('link', { name: event.title }).first().waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'agenda-390');
    await expectNoAxeViolations(page, '/agenda at 390 px');
    expect(problems).toEqual([]);
  });

  it('an animateur plans an on-site session from the space tab; a person leaves it from the mail link', async () => {
    const admin = await visitor();
    const page = admin.page;
    expect((await page.request.post('/api/auth/login', { data: ADMIN })).status()).toBe(200);
    await page.goto('/espaces/mise-en-recits?onglet=evenements');
    await page.getByRole('tabpanel', { name: 'Événements' }).getByRole('link', { name: 'Créer un événement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer un événement' }).waitFor();
    await page.getByText('Mise en récits', { exact: true }).waitFor();

    // Two months ahead, a morning on site in Lyon.
    const day = new Date(Date.now() + 60 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    await page.getByLabel('Titre').fill('Initiation aux récits de territoire');
    await page.getByLabel("Type d'événement").selectOption('initiation');
    await page.getByLabel('Début').fill(`${day}T09:30`);
    await page.getByLabel(/^Fin\b/).fill(`${day}T09:00`);
    await page.getByText('Sur place', { exact: true }).click();
    await page.getByLabel('Adresse').fill('12 rue des Lilas, 69001 Lyon');
    await page.getByLabel("Note d'accessibilité").fill('Accès de plain-pied, boucle magnétique.');
    await page.getByLabel('Nombre de places').fill('3');
    await page.getByRole('button', { name: "Créer l'événement" }).click();
    // The end before the start is caught where it was typed.
    await page.getByText('La fin doit venir après le début.').waitFor();
    await page.getByLabel(/^Fin\b/).fill(`${day}T12:30`);
    await page.getByRole('button', { name: "Créer l'événement" }).click();
    await page.getByRole('heading', { level: 1, name: 'Initiation aux récits de territoire' }).waitFor();
    await page.getByText('12 rue des Lilas, 69001 Lyon').waitFor();
    await page.getByText('Accès de plain-pied, boucle magnétique.').waitFor();
    await page.getByRole('link', { name: 'Mise en récits' }).waitFor();
    await page.getByText('9 h 30 – 12 h 30', { exact: false }).first().waitFor();
    const eventId = new URL(page.url()).pathname.split('/').at(-1)!;

    // Camille and Dominique take two of the three seats.
    const camilleEmail = uniqueEmail('camille');
    const camille = await visitor();
    const dominique = await visitor();
    for (const [person, email, name] of [
      [camille, camilleEmail, 'Camille Venue'],
      [dominique, uniqueEmail('dominique'), 'Dominique Présente'],
    ] as const) {
      const signedUp = await person.page.request.post('/api/auth/register', {
        data: { email, password: 'un-mot-de-passe-solide', displayName: name, acceptCharter: true },
      });
      const { csrfToken } = (await signedUp.json()) as { csrfToken: string };
      const seat = await person.page.request.post(`/api/events/${eventId}/registrations`, {
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(seat.status()).toBe(201);
    }

    // Fewer seats than people registered: refused, and said next to the field.
    await page.reload();
    await page.getByRole('link', { name: 'Modifier', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: "Modifier l'événement" }).waitFor();
    await page.getByLabel('Nombre de places').fill('1');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Plus de personnes sont déjà inscrites que ce nombre de places.', { exact: false }).waitFor();
    expect(await page.getByLabel('Nombre de places').getAttribute('aria-invalid')).toBe('true');

    // Camille's confirmation mail has the "je ne peux plus venir" link; opening it changes nothing.
    const mail = await waitForMail(suite.server().url, camilleEmail, (message) =>
      message.text.includes('/inscriptions/annuler?token='),
    );
    const link = /https?:\/\/\S+\/inscriptions\/annuler\?token=[^\s)>"]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    const c = camille.page;
    await c.goto(new URL(link!).pathname + new URL(link!).search);
    await c.getByRole('heading', { level: 1, name: 'Je ne peux plus venir' }).waitFor();
    await expectNoAxeViolations(c, '/inscriptions/annuler');
    const before = (await (await c.request.get(`/api/events/${eventId}`)).json()) as { myRegistration: unknown };
    expect(before.myRegistration).not.toBeNull();
    await c.getByRole('button', { name: 'Confirmer : je ne viendrai pas' }).click();
    await c.getByRole('heading', { level: 2, name: 'Votre inscription est annulée' }).waitFor();
    const after = (await (await c.request.get(`/api/events/${eventId}`)).json()) as { myRegistration: unknown };
    expect(after.myRegistration).toBeNull();

    // The animateur cancels the session, with a reason.
    await page.goto(`/evenements/${eventId}`);
    await page.getByRole('region', { name: 'Inscription' }).locator('.seat-counter').waitFor();
    await page.getByRole('button', { name: "Annuler l'événement" }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Annuler cet événement ?' });
    await dialog.getByLabel("Raison de l'annulation").fill('La salle n’est plus disponible.');
    await dialog.getByRole('button', { name: "Oui, annuler l'événement" }).click();
    await page.getByTestId('registration-state').getByText('Annulé').waitFor();
    await page.getByText('Cet événement est annulé ; les personnes inscrites ont été prévenues.').waitFor();
    // It reads as cancelled and nothing else: no seats left, no « Complet », no waitlist.
    expect(await page.getByRole('region', { name: 'Inscription' }).locator('.seat-counter').count()).toBe(0);
    await expectNoAxeViolations(page, `/evenements/${eventId} cancelled, as its animateur`);

    expect(admin.problems).toEqual([]);
    expect(camille.problems).toEqual([]);
  });

  it('a waitlisted person sees their seat arrive live, and a cancellation reads at once', async () => {
    const startsAt = new Date(Date.now() + 5 * 24 * 3600_000);
    const { event } = (await adminCall('POST', '/api/events', {
      title: 'Atelier à une place',
      kind: 'atelier',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      mode: 'visio',
      capacity: 1,
      videoUrl: 'https://visio.exemple.fr/une-place',
    })) as EventBody;
    const [first, second] = [await suite.person('Anaïs Première'), await suite.person('Basile Second')];
    for (const person of [first, second]) {
      const answer = await person.page.request.post(`/api/events/${event.id}/registrations`, {
        headers: { 'x-csrf-token': person.csrfToken },
      });
      expect(answer.status()).toBe(201);
    }
    const page = second.page;
    await page.goto(`/evenements/${event.id}`);
    const state = page.getByTestId('registration-state');
    await state.getByText("Liste d'attente n°1").waitFor();
    expect(await page.getByRole('link', { name: 'Rejoindre la visioconférence' }).count()).toBe(0);

    // The first leaves from another window: the seat is Basile's, on his open page.
    const left = await first.page.request.delete(`/api/events/${event.id}/registrations/me`, {
      headers: { 'x-csrf-token': first.csrfToken },
    });
    expect(left.status()).toBe(204);
    await state.getByText('Vous êtes inscrit·e.').waitFor();
    await page.getByRole('link', { name: 'Rejoindre la visioconférence' }).waitFor();
    // Nothing on the page still speaks of a waitlist.
    expect(await page.getByText(/Liste d'attente|en liste d'attente/).count()).toBe(0);

    // The event is cancelled elsewhere: his page says so without a reload.
    await adminCall('POST', `/api/events/${event.id}/cancel`, { reason: 'Intervenante absente' });
    await state.getByText('Annulé').waitFor();
    expect(await page.getByRole('link', { name: 'Rejoindre la visioconférence' }).count()).toBe(0);
    expect(second.problems).toEqual([]);
  });

  it('the organiser marks who came, exports the registrants and the attestations; a participant downloads theirs', async () => {
    const now = Date.now();
    const { event } = (await adminCall('POST', '/api/events', {
      title: 'Journée du tronc commun',
      kind: 'atelier',
      startsAt: new Date(now - 30 * 60_000).toISOString(),
      endsAt: new Date(now + 60 * 60_000).toISOString(),
      timezone: 'Europe/Paris',
      mode: 'presentiel',
      address: 'Maison des associations, Arras',
    })) as EventBody;
    const lea = await suite.person('Léa Participante');

    const admin = await visitor();
    const page = admin.page;
    await page.goto('/connexion');
    await page.getByLabel('Adresse courriel').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL((url) => url.pathname !== '/connexion');
    await adminCall('PUT', `/api/events/${event.id}/attendance/${lea.userId}`, { attended: true });
    await page.goto(`/evenements/${event.id}`);
    const presences = page.getByRole('region', { name: 'Présences' });
    await presences.getByRole('checkbox', { name: 'Léa Participante — présent·e' }).waitFor();
    const csvHref = await presences.getByRole('link', { name: /Exporter les inscriptions/ }).getAttribute('href');
    const csv = await page.request.get(csvHref ?? '');
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Léa Participante;');
    const allHref = await presences
      .getByRole('link', { name: /Attestations de présence de tout le monde/ })
      .getAttribute('href');
    const all = await page.request.get(allHref ?? '');
    expect([all.status(), all.headers()['content-type']]).toEqual([200, 'application/pdf']);
    await expectNoAxeViolations(page, '/evenements/:id (présences)');

    await lea.page.goto(`/evenements/${event.id}`);
    const mine = lea.page.getByRole('link', { name: 'Télécharger mon attestation de présence (PDF)' });
    const own = await lea.page.request.get((await mine.getAttribute('href')) ?? '');
    expect([own.status(), (await own.body()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect([...admin.problems, ...lea.problems]).toEqual([]);
  });
});
