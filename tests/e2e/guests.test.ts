import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { uniqueEmail, waitForMail } from '../support/http';

/**
 * La permanence is « ouverte à tous·tes »: a visitor registers with only a name and an address,
 * confirms from the mail, and gets the visio link by mail, never on the page.
 */

const VISIO = 'https://visio.example.org/permanence-invites';
const suite = useBrowserSuite({ admin: true });

describe('registering without an account', () => {
  it('a visitor registers for the permanence with a name and an address, confirms from the mail and gets the link', async () => {
    const { next } = (await suite.asAdmin('GET', '/api/permanence/next')) as { next: { eventId?: string } | null };
    const eventId = next?.eventId;
    expect(eventId, 'the next permanence names its event').toBeTruthy();
    await suite.asAdmin('PATCH', `/api/events/${eventId}`, { videoUrl: VISIO, capacity: 500 });

    const visitor = await suite.visitor('phone');
    const page = visitor.page;
    await page.goto(`/evenements/${eventId}`);
    await page.getByRole('button', { name: 'M’inscrire sans compte' }).click();
    const form = page.getByRole('form', { name: 'S’inscrire sans compte' });
    await form.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
    await form.getByText('Indiquez votre nom.').waitFor();
    await form.getByText('Indiquez une adresse courriel valide', { exact: false }).waitFor();
    await expectNoAxeViolations(page, '/evenements/:id (guest form, phone)');

    const email = uniqueEmail('invitee');
    await form.getByLabel(/Votre nom/).fill('Nadia Sans Compte');
    await form.getByLabel(/Votre adresse courriel/).fill(email);
    await form.getByRole('button', { name: 'Recevoir le lien de confirmation' }).click();
    await page.getByText(`Un lien vient de partir à ${email}`, { exact: false }).waitFor();
    await screenshot(page, 'guest-registration-phone');

    // The mail's link opens a page that asks to confirm (opening it alone changes nothing).
    const mail = await waitForMail(suite.server().url, email, (message) =>
      message.text.includes('/inscriptions/confirmer?token='),
    );
    const link = /https?:\/\/\S+\/inscriptions\/confirmer\?token=[^\s)>"]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await page.getByRole('heading', { level: 1, name: 'Confirmer mon inscription' }).waitFor();
    await expectNoAxeViolations(page, '/inscriptions/confirmer');
    await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
    await page.getByRole('heading', { level: 2, name: 'Votre place est réservée' }).waitFor();
    expect(await page.content()).not.toContain(VISIO);

    // The seat's mail carries the visio link and the way to cancel.
    const confirmation = await waitForMail(suite.server().url, email, (message) =>
      message.subject.startsWith('Inscription confirmée'),
    );
    expect(confirmation.text).toContain(VISIO);
    expect(confirmation.text).toContain('/inscriptions/annuler?token=');

    // The link works once.
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
    await page.getByText('Ce lien n’est plus valable', { exact: false }).waitFor();
    expect(visitor.problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  });
});
