import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

const TEXT = {
  fr: {
    subject: 'Vos données sont prêtes — Atelier des transitions',
    greeting: (name: string) => `Bonjour ${name},`,
    body: (until: string) => [
      'Vous avez demandé une copie de vos données sur l’Atelier des transitions. Elle est prête : un fichier ZIP avec votre profil, vos messages et leurs versions, vos réactions, inscriptions, présences, questions et votes, les documents où vous avez écrit, vos fichiers et vos réglages de courriel.',
      `Ce lien est personnel et fonctionne jusqu’au ${until}. Ne le transférez pas : il suffit pour télécharger vos données.`,
      'Si vous n’avez rien demandé, changez votre mot de passe et prévenez-nous.',
    ],
    action: 'Télécharger mes données',
    date: 'fr-FR',
  },
  en: {
    subject: 'Your data is ready — Atelier des transitions',
    greeting: (name: string) => `Hello ${name},`,
    body: (until: string) => [
      'You asked for a copy of your data on the Atelier des transitions. It is ready: a ZIP file with your profile, your posts and their versions, your reactions, registrations, attendance, questions and votes, the documents you wrote in, your files and your mail settings.',
      `This link is personal and works until ${until}. Do not forward it: it is enough to download your data.`,
      'If you did not ask for it, change your password and let us know.',
    ],
    action: 'Download my data',
    date: 'en-GB',
  },
} as const;

export interface PrivacyMailer {
  sendExportReady(
    db: Db,
    person: { email: string; displayName: string; locale: Locale },
    link: { token: string; expiresAt: Date },
  ): Promise<void>;
}

/** The privacy feature's one mail: the link to a built export, in the person's language. */
export function createPrivacyMailer(mail: MailSender, publicUrl: string): PrivacyMailer {
  return {
    async sendExportReady(db, person, link) {
      const text = TEXT[person.locale];
      const until = link.expiresAt.toLocaleString(text.date, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Paris',
      });
      const url = `${publicUrl}/api/me/export?token=${encodeURIComponent(link.token)}`;
      await mail.send(db, {
        to: person.email,
        subject: text.subject,
        ...(await renderMail({
          locale: person.locale,
          title: text.subject,
          greeting: text.greeting(person.displayName),
          paragraphs: [...text.body(until)],
          action: { label: text.action, url },
        })),
      });
    },
  };
}
