import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';

export interface MentionMail {
  to: { email: string; displayName: string; locale: Locale };
  authorName: string;
  space: { slug: string; title: string };
  thread: { id: string; title: string };
  postId: string;
  excerpt: string;
}

/** The mails of discussions; each is written in the caller's transaction (outbox). */
export interface DiscussionsMailer {
  sendMention(db: Db, mail: MentionMail): Promise<void>;
}

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    subject: (author: string, thread: string) => `${author} vous a mentionné·e dans « ${thread} »`,
    body: (author: string, thread: string, space: string) =>
      `${author} vous a mentionné·e dans la discussion « ${thread} » de l’espace « ${space} » :`,
    action: 'Lire le message',
    quote: (excerpt: string) => `« ${excerpt} »`,
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    subject: (author: string, thread: string) => `${author} mentioned you in “${thread}”`,
    body: (author: string, thread: string, space: string) =>
      `${author} mentioned you in the discussion “${thread}” of the space “${space}”:`,
    action: 'Read the message',
    quote: (excerpt: string) => `“${excerpt}”`,
  },
} as const;

/** Links point at the client's thread page, scrolled to the post. */
export const threadUrl = (publicUrl: string, spaceSlug: string, threadId: string, postId?: string) =>
  `${publicUrl}/espaces/${encodeURIComponent(spaceSlug)}/fils/${encodeURIComponent(threadId)}${postId ? `#message-${postId}` : ''}`;

export function createDiscussionsMailer(mail: MailSender, publicUrl: string): DiscussionsMailer {
  return {
    async sendMention(db, { to, authorName, space, thread, postId, excerpt }) {
      const text = TEXT[to.locale];
      const subject = text.subject(authorName, thread.title);
      await mail.send(db, {
        to: to.email,
        subject,
        ...renderMail({
          locale: to.locale,
          title: subject,
          greeting: text.greeting(to.displayName),
          paragraphs: [text.body(authorName, thread.title, space.title), text.quote(excerpt)],
          action: { label: text.action, url: threadUrl(publicUrl, space.slug, thread.id, postId) },
        }),
      });
    },
  };
}
