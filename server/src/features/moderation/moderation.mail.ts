import type { FlagTargetType, Locale, ModerationDecision } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

/** What the author of a flagged thing is told: the decision and the moderator's note, never who flagged. */
export interface DecisionMail {
  to: { email: string; displayName: string; locale: Locale };
  decision: ModerationDecision;
  targetType: FlagTargetType;
  /** The thread's title, the document's or the file's name. */
  title: string;
  note: string | null;
  /** Where the thing is (absent once deleted). */
  url: string | null;
}

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    what: { post: 'votre message', document: 'votre document', file: 'votre fichier', message: 'votre message' },
    where: (type: FlagTargetType, title: string) =>
      type === 'message'
        ? 'dans une conversation privée'
        : type === 'post'
          ? `dans la discussion « ${title} »`
          : `« ${title} »`,
    subject: {
      keep: 'Modération : votre contribution reste en ligne',
      hide: 'Modération : votre message a été masqué',
      delete: 'Modération : votre contribution a été supprimée',
    },
    body: {
      keep: (what: string, where: string) =>
        `Après un signalement, l’équipe d’animation a relu ${what} ${where} : il reste en ligne.`,
      hide: (what: string, where: string) =>
        `Après un signalement, l’équipe d’animation a masqué ${what} ${where}. Vous le voyez encore ; les autres personnes voient qu’il a été masqué.`,
      delete: (what: string, where: string) =>
        `Après un signalement, l’équipe d’animation a supprimé ${what} ${where}, contraire à la charte.`,
    },
    note: (note: string) => `Message de l’équipe d’animation : « ${note} »`,
    charter: 'Pour toute question, répondez à l’équipe d’animation de l’espace.',
    action: 'Voir',
    footer: 'Ce courriel vous informe d’une décision de modération sur votre contribution.',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    what: { post: 'your message', document: 'your document', file: 'your file', message: 'your message' },
    where: (type: FlagTargetType, title: string) =>
      type === 'message'
        ? 'in a private conversation'
        : type === 'post'
          ? `in the discussion “${title}”`
          : `“${title}”`,
    subject: {
      keep: 'Moderation: your contribution stays online',
      hide: 'Moderation: your message was hidden',
      delete: 'Moderation: your contribution was deleted',
    },
    body: {
      keep: (what: string, where: string) =>
        `After a report, the moderators reviewed ${what} ${where}: it stays online.`,
      hide: (what: string, where: string) =>
        `After a report, the moderators hid ${what} ${where}. You still see it; others see that it was hidden.`,
      delete: (what: string, where: string) =>
        `After a report, the moderators deleted ${what} ${where}, as contrary to the charter.`,
    },
    note: (note: string) => `Note from the moderators: “${note}”`,
    charter: 'For any question, reply to the space’s facilitators.',
    action: 'View',
    footer: 'This email tells you of a moderation decision about your contribution.',
  },
} as const;

/** The decision mail, written in the caller's transaction (outbox); transactional, no list. */
export async function sendDecisionMail(mail: MailSender, db: Db, message: DecisionMail) {
  const text = TEXT[message.to.locale];
  const subject = text.subject[message.decision];
  const paragraphs = [
    text.body[message.decision](text.what[message.targetType], text.where(message.targetType, message.title)),
    ...(message.note ? [text.note(message.note)] : []),
    text.charter,
  ];
  await mail.send(db, {
    to: message.to.email,
    subject,
    ...(await renderMail({
      locale: message.to.locale,
      title: subject,
      greeting: text.greeting(message.to.displayName),
      paragraphs,
      ...(message.url ? { action: { label: text.action, url: message.url } } : {}),
      footer: text.footer,
    })),
  });
}
