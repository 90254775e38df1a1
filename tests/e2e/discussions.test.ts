import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';

const suite = useBrowserSuite();

/** A new person, signed up through the API in their own browser context, member of Mise en récits. */
const member = (displayName: string) => suite.person(displayName, { join: ['mise-en-recits'] });

describe('live discussions in two browsers', () => {
  it('shows posts, reactions and unread badges to the other person without reloading', async () => {
    const alice = await member('Alice Autrice');
    const bruno = await member('Bruno Lecteur');
    const a = alice.page;
    const b = bruno.page;

    // Bruno waits on the space's thread list.
    await b.goto('/espaces/mise-en-recits');
    await b.getByRole('tab', { name: 'Discussions' }).waitFor();
    await b.getByRole('button', { name: 'Nouveau fil' }).waitFor();

    // Alice starts a thread from the same tab.
    await a.goto('/espaces/mise-en-recits');
    await a.getByRole('button', { name: 'Nouveau fil' }).click();
    await a.getByLabel('Titre du fil').fill('Raconter nos territoires');
    await a.getByLabel('Premier message').fill('Bonjour à toutes et à tous.\n\nQui commence ?');
    await a.getByRole('button', { name: 'Publier le fil' }).click();
    await a.getByRole('heading', { level: 1, name: 'Raconter nos territoires' }).waitFor();
    await a.getByText('Qui commence ?').waitFor();
    const threadUrl = new URL(a.url()).pathname;
    expect(threadUrl).toMatch(/^\/espaces\/mise-en-recits\/fils\/[\w-]+$/);

    // The new thread appears in Bruno's list, unread, without a reload.
    const row = b.getByRole('listitem').filter({ has: b.getByRole('link', { name: 'Raconter nos territoires' }) });
    await row.getByText('1 non lu').waitFor();

    // Alice posts again while Bruno is on the list: the badge follows.
    await a.getByLabel('Votre message').fill('Je propose de partager nos récits.');
    await a.getByRole('button', { name: 'Publier', exact: true }).click();
    await a.getByText('Je propose de partager nos récits.').waitFor();
    await row.getByText('2 non lus').waitFor();
    await row.getByText('2 messages').waitFor();
    await screenshot(b, 'discussions-liste-non-lus');

    // Bruno opens the thread; Alice's next post reaches him live.
    await row.getByRole('link', { name: 'Raconter nos territoires' }).click();
    await b.getByRole('heading', { level: 1, name: 'Raconter nos territoires' }).waitFor();
    await b.getByText('Je propose de partager nos récits.').waitFor();
    await a.getByLabel('Votre message').fill('Rendez-vous à la permanence de mardi.');
    await a.getByRole('button', { name: 'Publier', exact: true }).click();
    await b.getByText('Rendez-vous à la permanence de mardi.').waitFor();
    // Exactly once, on both sides.
    await expect.poll(() => b.getByText('Rendez-vous à la permanence de mardi.').count()).toBe(1);
    await expect.poll(() => a.getByText('Rendez-vous à la permanence de mardi.').count()).toBe(1);

    // Bruno reacts to that post; Alice sees the count.
    const bPost = b.getByRole('article').filter({ hasText: 'Rendez-vous à la permanence de mardi.' });
    const agree = bPost.getByRole('button', { name: /Réagir avec « d'accord »/ });
    await agree.click();
    await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true');
    // The emoji is an image bundled with the app: it shows without a colour emoji font.
    await expect
      .poll(() => agree.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    const aPost = a.getByRole('article').filter({ hasText: 'Rendez-vous à la permanence de mardi.' });
    const seenByAlice = aPost.getByRole('button', { name: "Réagir avec « d'accord », 1", exact: true });
    await seenByAlice.waitFor();
    expect(await seenByAlice.getAttribute('aria-pressed')).toBe('false');

    // Alice starts writing: Bruno sees it. Bruno answers: Alice's bell counts it, live.
    await a.getByLabel('Votre message').fill('Je prépare');
    await b.getByText('Alice Autrice écrit…').waitFor();
    // He quotes her post: it goes into his message as a quotation, and he writes after it.
    await bPost.getByRole('button', { name: 'Citer', exact: true }).click();
    const composer = b.getByLabel('Votre message');
    await composer.locator('blockquote').getByText('Rendez-vous à la permanence de mardi.').waitFor();
    await b.keyboard.type('Merci Alice, je serai là.');
    await b.getByRole('button', { name: 'Publier', exact: true }).click();
    await a.getByText('Merci Alice, je serai là.').waitFor();
    const answer = a.getByRole('article').filter({ hasText: 'Merci Alice, je serai là.' });
    await answer.locator('blockquote').getByText('Rendez-vous à la permanence de mardi.').waitFor();
    await answer.locator('blockquote strong').getByText('Alice Autrice').waitFor();
    const bell = a.getByRole('button', { name: '1 notification non lue' });
    await bell.waitFor();
    await bell.click();
    await a.getByText('Bruno Lecteur a écrit dans « Raconter nos territoires »').waitFor();
    await screenshot(a, 'discussions-cloche');
    await a.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await a.keyboard.press('Escape');
    await a.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

    await screenshot(a, 'discussions-fil-alice');
    await screenshot(b, 'discussions-fil-bruno');
    await expectNoAxeViolations(b, `${threadUrl} as a member`);

    // The same thread on a 320 px wide phone: nothing cut, nothing to fix for axe.
    await b.setViewportSize({ width: 320, height: 700 });
    await screenshot(b, 'discussions-fil-320');
    await expectNoAxeViolations(b, `${threadUrl} at 320 px`);
    await b.getByRole('link', { name: 'Retour aux discussions de Mise en récits' }).click();
    await b.getByRole('link', { name: 'Raconter nos territoires' }).waitFor();
    await screenshot(b, 'discussions-liste-320');
    await expectNoAxeViolations(b, '/espaces/mise-en-recits at 320 px');

    expect(alice.problems).toEqual([]);
    expect(bruno.problems).toEqual([]);
  });

  it('catches up after the connection drops: missed posts appear once, with a discreet reconnecting note', async () => {
    const alice = await member('Alice Coupure');
    const bruno = await member('Bruno Tunnel');
    const created = await alice.page.request.post('/api/spaces/mise-en-recits/threads', {
      headers: { 'x-csrf-token': alice.csrfToken },
      data: { title: 'Dans le train', body: '<p>On part.</p>' },
    });
    expect(created.status()).toBe(201);
    const { thread } = (await created.json()) as { thread: { id: string } };

    // Bruno's train goes through a tunnel: his page loses the socket (websocket and polling).
    let offline = false;
    const open: { close(): Promise<void> }[] = [];
    const b = bruno.page;
    await b.route(/\/socket\.io\//, (route) => (offline ? route.abort() : route.continue()));
    await b.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (offline) return void ws.close();
      ws.connectToServer();
      open.push(ws);
    });
    await b.goto(`/espaces/mise-en-recits/fils/${thread.id}`);
    await b.getByText('On part.').waitFor();
    await b.getByText(/(lit|lisent) ce fil/).waitFor();

    offline = true;
    await Promise.all(open.splice(0).map((ws) => ws.close()));
    await b.getByText('Reconnexion…').waitFor();
    for (const body of ['Premier message manqué', 'Second message manqué']) {
      const posted = await alice.page.request.post(`/api/threads/${thread.id}/posts`, {
        headers: { 'x-csrf-token': alice.csrfToken },
        data: { body: `<p>${body}</p>` },
      });
      expect(posted.status()).toBe(201);
    }
    await screenshot(b, 'discussions-reconnexion');

    // Out of the tunnel: the page resubscribes and replays what it missed, each post once.
    offline = false;
    await b.getByText('Second message manqué').waitFor({ timeout: 20_000 });
    await expect.poll(() => b.getByText('Reconnexion…').count()).toBe(0);
    expect(await b.getByText('Premier message manqué').count()).toBe(1);
    expect(await b.getByText('Second message manqué').count()).toBe(1);
    const bodies = await b.locator('.post__body').allInnerTexts();
    expect(bodies).toEqual(['On part.', 'Premier message manqué', 'Second message manqué']);
    expect(bruno.problems).toEqual([]);
  });
});
