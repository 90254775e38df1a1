import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import type { AccountsMailer } from './accounts.service';

type Mail = Parameters<typeof renderMail>[0];
const TEXT = {
  fr: {
    signInSubject: 'Votre lien de connexion à l’Atelier des transitions',
    signIn: [
      'Voici votre lien pour vous connecter à l’Atelier des transitions. Il est valable 15 minutes et ne sert qu’une fois. Vous pouvez aussi saisir le code ci-dessous sur la page de connexion.',
      'Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans lui.',
    ],
    signInAction: 'Me connecter',
    resetSubject: 'Choisir un nouveau mot de passe — Atelier des transitions',
    reset: [
      'Vous avez demandé à changer votre mot de passe. Ce lien est valable une heure et ne sert qu’une fois.',
      'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.',
    ],
    resetAction: 'Choisir un nouveau mot de passe',
    greeting: (name: string) => `Bonjour ${name},`,
  },
  en: {
    signInSubject: 'Your sign-in link to the Atelier des transitions',
    signIn: [
      'Here is your link to sign in to the Atelier des transitions. It is valid for 15 minutes and works once. You can also type the code below on the sign-in page.',
      'If you did not ask for it, ignore this message: nobody can sign in without it.',
    ],
    signInAction: 'Sign me in',
    resetSubject: 'Choose a new password — Atelier des transitions',
    reset: [
      'You asked to change your password. This link is valid for one hour and works once.',
      'If you did not ask for it, ignore this message: your password stays the same.',
    ],
    resetAction: 'Choose a new password',
    greeting: (name: string) => `Hello ${name},`,
  },
} as const;

/** The account mails, in the person's language, with links back to the client's pages. */
export function createAccountsMailer(mail: MailSender, publicUrl: string): AccountsMailer {
  const send = async (db: Db, user: UserRow, subject: string, content: Omit<Mail, 'locale' | 'greeting'>) =>
    mail.send(db, {
      to: user.email,
      subject,
      ...(await renderMail({
        locale: user.locale,
        greeting: TEXT[user.locale].greeting(user.display_name),
        ...content,
      })),
    });

  return {
    async sendSignInLink(db, user, { token, code }) {
      const text = TEXT[user.locale];
      const url = `${publicUrl}/connexion/lien?token=${encodeURIComponent(token)}`;
      await send(db, user, text.signInSubject, {
        paragraphs: [...text.signIn],
        action: { label: text.signInAction, url },
        code,
      });
    },
    async sendPasswordReset(db, user, token) {
      const text = TEXT[user.locale];
      const url = `${publicUrl}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}`;
      await send(db, user, text.resetSubject, {
        paragraphs: [...text.reset],
        action: { label: text.resetAction, url },
      });
    },
  };
}
