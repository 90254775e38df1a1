import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

/** Why an answer by mail was not posted, as its author is told. */
export type RefusalReason = 'expired' | 'not_allowed' | 'locked' | 'empty' | 'too_long' | 'unreadable';

export interface RefusalMail {
  to: { email: string; displayName: string; locale: Locale };
  reason: RefusalReason;
  thread: { title: string; url: string };
  /** What they wrote (history and signature gone), so that they can post it another way. */
  answer: string;
}

const ANSWER_SHOWN_CHARS = 2000;

const TEXT = {
  fr: {
    subject: 'Votre réponse n’a pas pu être publiée',
    greeting: (name: string) => `Bonjour ${name},`,
    refused: (thread: string, reason: string) =>
      `Votre réponse par courriel à la discussion « ${thread} » n’a pas pu être publiée : ${reason}`,
    reasons: {
      expired: 'l’adresse de réponse de ce courriel a expiré (elle sert 30 jours). Répondez depuis la discussion.',
      not_allowed: 'vous ne pouvez plus écrire dans cette discussion.',
      locked: 'la discussion est verrouillée.',
      empty: 'nous n’y avons trouvé aucun texte, une fois retirés le message cité et la signature.',
      too_long: 'elle dépasse la longueur maximale d’un message.',
      unreadable: 'elle n’a pas pu être lue.',
    },
    yours: 'Votre texte :',
    action: 'Ouvrir la discussion',
  },
  en: {
    subject: 'Your reply could not be posted',
    greeting: (name: string) => `Hello ${name},`,
    refused: (thread: string, reason: string) =>
      `Your reply by email to the discussion “${thread}” could not be posted: ${reason}`,
    reasons: {
      expired: 'the reply address of that email has expired (they last 30 days). Reply from the discussion instead.',
      not_allowed: 'you may no longer post in this discussion.',
      locked: 'the discussion is locked.',
      empty: 'we found no text in it besides the quoted message and the signature.',
      too_long: 'it is longer than a message may be.',
      unreadable: 'it could not be read.',
    },
    yours: 'Your text:',
    action: 'Open the discussion',
  },
} as const;

export interface ReplyByMailMailer {
  /** Transactional (no unsubscribe): only ever sent to the account's own address. */
  sendRefusal(db: Db, mail: RefusalMail): Promise<void>;
}

export function createReplyByMailMailer(mail: MailSender): ReplyByMailMailer {
  return {
    async sendRefusal(db, { to, reason, thread, answer }) {
      const text = TEXT[to.locale];
      const shown = answer.length > ANSWER_SHOWN_CHARS ? `${answer.slice(0, ANSWER_SHOWN_CHARS - 1)}…` : answer;
      await mail.send(db, {
        to: to.email,
        subject: text.subject,
        ...(await renderMail({
          locale: to.locale,
          title: text.subject,
          greeting: text.greeting(to.displayName),
          paragraphs: [text.refused(thread.title, text.reasons[reason]), ...(shown ? [text.yours, shown] : [])],
          action: { label: text.action, url: thread.url },
        })),
      });
    },
  };
}
