import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { ADMIN, expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

const HOUR = 3_600_000;

const suite = useBrowserSuite({ admin: true });
type Viewport = 'desktop' | 'phone';
const opened = (viewport: Viewport) => suite.visitor(viewport);

/** The administrator the server created at start, signed in in a browser context of their own. */
async function admin() {
  const visitor = await opened('desktop');
  const signedIn = await visitor.page.request.post('/api/auth/login', { data: ADMIN });
  expect(signedIn.status()).toBe(200);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  return { ...visitor, csrfToken };
}

/** A new person, signed up through the API, who takes a seat at the event. */
async function participant(displayName: string, eventId: string, viewport: Viewport = 'desktop') {
  const person = await suite.person(displayName, { viewport });
  const seat = await person.page.request.post(`/api/events/${eventId}/registrations`, {
    headers: { 'x-csrf-token': person.csrfToken },
  });
  expect(seat.status()).toBe(201);
  expect(((await seat.json()) as { registration: { status: string } }).registration.status).toBe('registered');
  return person;
}

/** The list item that holds a question, wherever it is shown (questions or the animateur's queue). */
const questionIn = (scope: Page | ReturnType<Page['locator']>, text: string) =>
  scope.getByRole('listitem').filter({ hasText: text });

describe('live questions at the permanence', () => {
  it('a question asked, supported and answered reaches every window live', async () => {
    const animateur = await admin();
    const startsAt = new Date(Date.now() + 2 * HOUR);
    const created = await animateur.page.request.post('/api/events', {
      headers: { 'x-csrf-token': animateur.csrfToken },
      data: {
        title: 'Permanence des questions',
        kind: 'permanence',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
        timezone: 'Europe/Paris',
        mode: 'visio',
        capacity: 30,
        videoUrl: 'https://visio.exemple.fr/permanence-questions',
      },
    });
    expect(created.status()).toBe(201);
    const { event } = (await created.json()) as { event: { id: string; canManage: boolean } };
    const path = `/evenements/${event.id}`;

    const alice = await participant('Alice Questionneuse', event.id);
    const bruno = await participant('Bruno Soutien', event.id, 'phone');
    const a = alice.page;
    const b = bruno.page;
    // Bruno follows on a 390 px wide phone.
    await b.setViewportSize({ width: 390, height: 844 });

    // Both open the event page; Bruno waits there on his phone.
    await b.goto(path);
    await b.getByRole('heading', { level: 2, name: 'Questions et propositions' }).waitFor();
    await b.getByText('Aucune question pour le moment : posez la première !').waitFor();
    await a.goto(path);
    await a.getByRole('heading', { level: 2, name: 'Questions et propositions' }).waitFor();
    // Not those who run the event: no animation tools for participants.
    expect(await a.getByRole('heading', { name: 'Animer la séance' }).count()).toBe(0);

    // Alice asks; the count follows her typing; the question reaches Bruno without a reload.
    const text = 'Comment associer les habitants au récit de la transition ?';
    const field = a.getByLabel('Votre question ou proposition');
    await field.fill(text);
    await a.getByText(`${text.length} / 2000 caractères`).waitFor();
    await a.getByRole('button', { name: 'Envoyer la question' }).click();
    await a.getByText('Votre question est publiée.').waitFor();
    await questionIn(a, text).waitFor();
    expect(await field.inputValue()).toBe('');
    const bQuestion = questionIn(b, text);
    await bQuestion.waitFor();
    await bQuestion.getByText('Proposée par Alice Questionneuse', { exact: false }).waitFor();
    await bQuestion.getByText('En attente', { exact: true }).waitFor();

    // Bruno supports it: pressed for him, the count updates live in Alice's window, where her
    // own question shows its count and no button (one does not support one's own question).
    const support = bQuestion.getByRole('button', { name: 'Soutenir 0 soutien', exact: true });
    await support.click();
    const supported = bQuestion.getByRole('button', { name: 'Soutenir 1 soutien', exact: true });
    await expect.poll(() => supported.getAttribute('aria-pressed')).toBe('true');
    await b.getByText('Votre soutien est compté : 1 soutien.').waitFor({ state: 'attached' });
    const aQuestion = questionIn(a, text);
    await aQuestion.getByText('1 soutien', { exact: true }).waitFor();
    expect(await aQuestion.getByRole('button', { name: /^Soutenir/ }).count()).toBe(0);
    // Pressed again, the support is taken back, live for Alice too; then given again.
    await supported.click();
    await expect.poll(() => support.getAttribute('aria-pressed')).toBe('false');
    await b.getByText('Votre soutien est retiré : 0 soutien.').waitFor({ state: 'attached' });
    await aQuestion.getByText('0 soutien', { exact: true }).waitFor();
    await support.click();
    await expect.poll(() => supported.getAttribute('aria-pressed')).toBe('true');
    await aQuestion.getByText('1 soutien', { exact: true }).waitFor();
    // Voting twice keeps one vote, on the server too.
    const again = await b.request.post(`/api/questions/${await questionId(b, text)}/vote`, {
      headers: { 'x-csrf-token': bruno.csrfToken },
    });
    expect(again.status()).toBe(200);
    expect(((await again.json()) as { question: { votes: number } }).question.votes).toBe(1);

    // A visitor who is not signed in reads the questions and is told how to take part.
    const visitor = await opened('desktop');
    await visitor.page.goto(path);
    await visitor.page
      .getByText('Connectez-vous puis inscrivez-vous à cette séance pour poser une question ou en soutenir une.')
      .waitFor();
    await questionIn(visitor.page, text).getByText('1 soutien', { exact: true }).waitFor();
    expect(await visitor.page.getByRole('button', { name: /^Soutenir/ }).count()).toBe(0);
    expect(await visitor.page.getByLabel('Votre question ou proposition').count()).toBe(0);

    // The animateur takes the question: both windows show it as the current one, at the top.
    const m = animateur.page;
    await m.goto(path);
    const tools = m.getByRole('region', { name: 'Animer la séance' });
    await tools.getByRole('heading', { name: 'File des questions' }).waitFor();
    const queued = questionIn(tools, text);
    await queued.getByRole('button', { name: 'Prendre cette question' }).click();
    await queued.getByText('En cours', { exact: true }).waitFor();
    for (const page of [a, b]) {
      const current = page.locator('.questions__current');
      await current.getByRole('heading', { name: 'En ce moment' }).waitFor();
      await questionIn(current, text).getByText('En cours', { exact: true }).waitFor();
    }
    await screenshot(b, 'questions-en-cours-390');
    await expectNoAxeViolations(a, `${path} with a current question`);

    // Answered: every window moves it to « Traitées », live.
    await questionIn(tools, text).getByRole('button', { name: 'Répondue' }).click();
    for (const page of [a, b, m]) {
      const done = page.getByRole('list', { name: /Traitées/ }).first();
      await questionIn(done, text).getByText('Répondue', { exact: true }).waitFor();
    }
    await expect.poll(() => a.locator('.questions__current').count()).toBe(0);
    await expect.poll(() => b.locator('.questions__current').count()).toBe(0);

    // Attendance is taken once the session has started: the animateur moves its start to a
    // minute ago, and the sheet opens.
    await tools.getByText('Les présences se notent une fois la séance commencée.').waitFor();
    const moved = await m.request.patch(`/api/events/${event.id}`, {
      headers: { 'x-csrf-token': animateur.csrfToken },
      data: { startsAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(moved.status()).toBe(200);
    await m.reload();

    // The animateur marks Alice present; her profile lists the permanence.
    const present = tools.getByRole('checkbox', { name: 'Alice Questionneuse — présent·e' });
    await present.waitFor();
    await tools.getByText('Alice Questionneuse — présent·e').click();
    await expect.poll(() => present.isChecked()).toBe(true);
    await tools.getByText('1 personne présente').waitFor();
    await screenshot(m, 'questions-animation');
    await expectNoAxeViolations(m, `${path} as the animateur`);

    await a.goto('/profil');
    const mine = a.getByRole('region', { name: 'Mes permanences' });
    await mine.getByRole('link', { name: 'Permanence des questions' }).waitFor();

    expect(alice.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
    expect(animateur.problems).toEqual([]);
  });
});

describe('after the session', () => {
  it('hands a question to a chantier, publishes the compte rendu and opens a follow-up thread', async () => {
    const animateur = await admin();
    const m = animateur.page;
    const headers = { 'x-csrf-token': animateur.csrfToken };
    const spaces = (await (await m.request.get('/api/spaces')).json()) as { items: { id: string; slug: string }[] };
    const space = spaces.items.find((item) => item.slug === 'mise-en-recits');
    if (!space) throw new Error('the seeded space Mise en récits is missing');
    const startsAt = new Date(Date.now() + 3 * HOUR);
    const created = await m.request.post('/api/events', {
      headers,
      data: {
        title: 'Atelier des suites',
        kind: 'atelier',
        spaceId: space.id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
        timezone: 'Europe/Paris',
      },
    });
    expect(created.status()).toBe(201);
    const { event } = (await created.json()) as { event: { id: string } };
    // Those who run the event may ask too.
    const text = 'Qui reprend la proposition des voyages apprenants ?';
    const asked = await m.request.post(`/api/events/${event.id}/questions`, { headers, data: { body: text } });
    expect(asked.status()).toBe(201);

    await m.goto(`/evenements/${event.id}`);
    const tools = m.getByRole('region', { name: 'Animer la séance' });
    await questionIn(tools, text).getByRole('button', { name: 'Transmettre à un chantier' }).click();
    const transmit = m.getByRole('dialog', { name: 'Transmettre à un chantier' });
    await transmit.getByLabel('Chantier ou espace').selectOption({ label: 'Voyages apprenants' });
    await expectNoAxeViolations(m, 'the transmit dialog');
    await transmit.getByRole('button', { name: 'Transmettre', exact: true }).click();
    await tools.getByText('Question transmise à Voyages apprenants.').waitFor();
    const handed = questionIn(m.getByRole('region', { name: 'Questions et propositions' }), text);
    await handed.getByText('Transmise à').waitFor();
    expect(await handed.getByRole('link', { name: 'Voyages apprenants' }).getAttribute('href')).toBe(
      '/espaces/voyages-apprenants',
    );
    // The question is posted in the chantier's thread for the event, linked from the event page.
    const discussion = handed.getByRole('link', { name: 'voir la discussion' });
    expect(await discussion.getAttribute('href')).toMatch(/^\/espaces\/voyages-apprenants\/fils\/[\w-]+$/);

    // The compte rendu: a shared document of the space, linked from the event.
    await tools.getByRole('button', { name: 'Publier le compte rendu' }).click();
    const report = tools.getByRole('link', { name: 'Ouvrir le compte rendu' });
    await report.waitFor();
    expect(await report.getAttribute('href')).toMatch(/^\/espaces\/mise-en-recits\/documents\/[\w-]+$/);

    // The follow-up thread, in the event's space.
    await tools.getByRole('button', { name: 'Ouvrir un fil de suite' }).click();
    const dialog = m.getByRole('dialog', { name: 'Ouvrir un fil de suite' });
    expect(await dialog.getByLabel('Titre du fil').inputValue()).toBe('Suite de « Atelier des suites »');
    await dialog.getByRole('button', { name: 'Ouvrir le fil' }).click();
    await dialog.getByText('Écrivez le premier message du fil.').first().waitFor();
    await dialog.getByLabel('Premier message').fill('Merci à toutes et à tous. Les suites se discutent ici.');
    await expectNoAxeViolations(m, 'the follow-up dialog');
    await dialog.getByRole('button', { name: 'Ouvrir le fil' }).click();
    const thread = tools.getByRole('link', { name: 'Aller au fil de suite' });
    await thread.waitFor();
    // Focus lands on the new link once the dialog has closed.
    await expect.poll(() => thread.evaluate((element) => element === document.activeElement)).toBe(true);
    await thread.click();
    await m.getByRole('heading', { level: 1, name: 'Suite de « Atelier des suites »' }).waitFor();
    await m.getByText('Les suites se discutent ici.').waitFor();

    // The event page keeps both links after a reload.
    await m.goto(`/evenements/${event.id}`);
    await tools.getByRole('link', { name: 'Aller au fil de suite' }).waitFor();
    await report.click();
    await m.getByRole('heading', { level: 1, name: /^Compte rendu — Atelier des suites — / }).waitFor();

    // The thread in the chantier quotes the question handed to it.
    await m.goto(`/evenements/${event.id}`);
    await discussion.click();
    await m.getByRole('heading', { level: 1, name: /^Questions transmises par Atelier des suites \(/ }).waitFor();
    await m.getByText(text).first().waitFor();
    expect(animateur.problems).toEqual([]);
  });
});

/** The id of a question, as the server lists it (for the direct API checks). */
async function questionId(page: Page, body: string): Promise<string> {
  const path = new URL(page.url()).pathname;
  const eventId = path.split('/').at(-1);
  const response = await page.request.get(`/api/events/${eventId}/questions`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { id: string; body: string }[] };
  const found = items.find((item) => item.body === body);
  if (!found) throw new Error(`no question "${body}" in ${JSON.stringify(items)}`);
  return found.id;
}
