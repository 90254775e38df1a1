import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, type Person, useBrowserSuite } from '../support/browser-suite';

const suite = useBrowserSuite();

/** Shown in the directory, as people choose to be. */
async function listInDirectory(person: Person, organisationName: string) {
  const response = await person.page.request.patch('/api/me', {
    headers: { 'x-csrf-token': person.csrfToken },
    data: { organisationName, territory: 'Drôme', listedInDirectory: true },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Closes the page's live connection and keeps it closed while `offline()` says so (websocket and polling). */
async function cuttable(person: Person, offline: () => boolean) {
  const open: { close(): Promise<void> }[] = [];
  await person.page.route(/\/socket\.io\//, (route) => (offline() ? route.abort() : route.continue()));
  await person.page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline()) return void ws.close();
    ws.connectToServer();
    open.push(ws);
  });
  return () => Promise.all(open.splice(0).map((ws) => ws.close()));
}

describe('direct messages in two browser windows', () => {
  it('finds a peer in the directory, writes, is answered live, and loses nothing across a cut connection', async () => {
    const alice = await suite.person('Alice Agente');
    const bruno = await suite.person('Bruno Pair', { viewport: 'phone' });
    await listInDirectory(bruno, 'Communauté de communes du Diois');
    let offline = false;
    const cut = await cuttable(bruno, () => offline);

    // Bruno has his messages open (empty) on his phone.
    const b = bruno.page;
    await b.goto('/messages');
    await b.getByText('Aucune conversation pour le moment', { exact: false }).waitFor();
    await expectNoAxeViolations(b, '/messages (empty) on a phone');

    // Alice finds him in the directory and writes.
    const a = alice.page;
    await a.goto('/annuaire');
    // Once, on a busy machine, this click did nothing while the directory was still loading:
    // the page settles first.
    await a.waitForLoadState('networkidle');
    await a.getByRole('link', { name: 'Contacter Bruno Pair' }).click();
    await a.getByRole('heading', { name: 'Écrire à Bruno Pair' }).waitFor();
    await a.getByLabel('Votre message').fill('Bonjour Bruno, comment avez-vous lancé votre plan vélo ?');
    await a.getByRole('button', { name: 'Envoyer' }).click();
    await a.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    await a.getByRole('heading', { name: 'Conversation avec Bruno Pair' }).waitFor();
    await a.getByText('comment avez-vous lancé votre plan vélo ?').waitFor();

    // Bruno sees it arrive live: in his list, and in the header's count.
    await b.getByRole('link', { name: 'Alice Agente' }).waitFor();
    await b.locator('.site-nav__toggle').click();
    await b.getByRole('link', { name: 'Messages, 1 non lu' }).waitFor();
    await b.locator('.site-nav__toggle').click();
    await b.getByRole('link', { name: 'Alice Agente' }).click();
    await b.getByText('comment avez-vous lancé votre plan vélo ?').waitFor();
    await b.getByLabel('Votre message').fill('Bonjour Alice ! Avec un groupe d’usagers, je vous raconte.');
    await b.getByRole('button', { name: 'Envoyer' }).click();
    await a.getByText('Avec un groupe d’usagers, je vous raconte.').waitFor();
    await screenshot(b, 'messages-conversation-phone');
    await expectNoAxeViolations(b, '/messages/:id on a phone');

    // Bruno's connection drops: his browser goes offline while Alice writes twice.
    offline = true;
    await bruno.context.setOffline(true);
    await cut();
    await b.getByText('Reconnexion…').waitFor();
    for (const text of ['Premier message pendant la coupure', 'Second message pendant la coupure']) {
      await a.getByLabel('Votre message').fill(text);
      await a.getByRole('button', { name: 'Envoyer' }).click();
      await a.locator('.message__body', { hasText: text }).waitFor();
    }
    await screenshot(b, 'messages-reconnexion-phone');

    // Back online: what was missed appears, each message once, in order.
    offline = false;
    await bruno.context.setOffline(false);
    await b.getByText('Second message pendant la coupure').waitFor({ timeout: 30_000 });
    await expect.poll(() => b.getByText('Reconnexion…').count()).toBe(0);
    const bodies = await b.locator('.message__body').allInnerTexts();
    expect(bodies).toEqual([
      'Bonjour Bruno, comment avez-vous lancé votre plan vélo ?',
      'Bonjour Alice ! Avec un groupe d’usagers, je vous raconte.',
      'Premier message pendant la coupure',
      'Second message pendant la coupure',
    ]);

    // Writing again from the directory goes to the same conversation.
    await a.goto('/annuaire');
    // Once, on a busy machine, this click did nothing while the directory was still loading:
    // the page settles first.
    await a.waitForLoadState('networkidle');
    await a.getByRole('link', { name: 'Contacter Bruno Pair' }).click();
    await a.getByLabel('Votre message').fill('Et merci encore.');
    await a.getByRole('button', { name: 'Envoyer' }).click();
    await a.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    await expect.poll(() => a.locator('.message__body').count()).toBe(5);

    expect(alice.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
  });

  it('keeps a conversation from anyone outside it: « introuvable » page and a refused room', async () => {
    const alice = await suite.person('Alice Privée');
    const bruno = await suite.person('Bruno Privé');
    const carol = await suite.person('Carole Curieuse');
    const started = await alice.page.request.post('/api/conversations', {
      headers: { 'x-csrf-token': alice.csrfToken },
      data: { participantIds: [bruno.userId], body: '<p>Entre nous</p>' },
    });
    expect(started.status()).toBe(201);
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const response = await carol.page.request.get(`/api/conversations/${conversation.id}`);
    expect(response.status()).toBe(404);
    await carol.page.goto(`/messages/${conversation.id}`);
    await carol.page.getByText('Cette conversation n’existe pas, ou vous n’en faites pas partie.').waitFor();
    expect(await carol.page.getByText('Entre nous').count()).toBe(0);
  });
});
