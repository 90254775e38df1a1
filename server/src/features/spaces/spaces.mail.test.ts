import { describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../core/mail';
import type { Db } from '../../db/database';
import { createSpacesMailer } from './spaces.mail';

function capture() {
  const sent: OutgoingMail[] = [];
  const mailer = createSpacesMailer(
    {
      send: async (_db, message) => {
        sent.push(message);
        return { outboxId: String(sent.length) };
      },
    },
    'https://atelier.exemple.fr',
  );
  return { sent, mailer, db: {} as Db };
}

describe('space mails', () => {
  it('write the invitation in French by default, with the link written out and values escaped', async () => {
    const { sent, mailer, db } = capture();
    await mailer.sendInvitation(
      db,
      { email: 'a@exemple.fr', displayName: null, locale: 'fr' },
      {
        space: { slug: 'x', title: '<b>Cohorte</b>' },
        inviterName: 'Alix & Co',
        role: 'animateur',
        token: 'tok_123',
        validDays: 14,
      },
    );
    const [mail] = sent;
    expect(mail?.subject).toBe('Invitation à rejoindre « <b>Cohorte</b> » — Atelier des transitions');
    expect(mail?.text).toContain('Bonjour,');
    expect(mail?.text).toContain('en tant qu’animateur·ice');
    expect(mail?.text).toContain('https://atelier.exemple.fr/invitation?token=tok_123');
    expect(mail?.html).toContain('&lt;b&gt;Cohorte&lt;/b&gt;');
    expect(mail?.html).toContain('Alix &amp; Co');
    expect(mail?.html).not.toContain('<b>Cohorte</b>');
  });

  it('tells the requester the decision in their language', async () => {
    const { sent, mailer, db } = capture();
    const space = { slug: 'mise-en-recits', title: 'Mise en récits' };
    await mailer.sendRequestDecision(
      db,
      { email: 'en@exemple.fr', displayName: 'Sam', locale: 'en' },
      { space, approved: true },
    );
    await mailer.sendRequestDecision(
      db,
      { email: 'fr@exemple.fr', displayName: 'Léa', locale: 'fr' },
      { space, approved: false },
    );
    expect(sent.map((mail) => mail.subject)).toEqual([
      'Welcome to “Mise en récits”',
      'Votre demande pour « Mise en récits »',
    ]);
    expect(sent[0]?.text).toContain('Hello Sam,');
    expect(sent[0]?.text).toContain('https://atelier.exemple.fr/espaces/mise-en-recits');
    expect(sent[1]?.text).toContain('Bonjour Léa,');
  });
});
