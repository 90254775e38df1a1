import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';
import { unsubscribeLinks } from '../mail-settings/unsubscribe';

/** One conversation with news for the person: who wrote, how many messages. */
export interface MessageMailItem {
  conversationId: string;
  authors: string[];
  count: number;
}

export interface MessagesMail {
  to: { id: string; email: string; displayName: string; locale: Locale };
  items: MessageMailItem[];
  /** A daily summary rather than a mail a few minutes after the messages. */
  daily: boolean;
}

export interface MessagesMailer {
  /** New messages wait this long before their mail, so that a burst makes one mail. */
  groupSeconds: number;
  send(db: Db, mail: MessagesMail): Promise<void>;
}

const list = (names: string[], and: string) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    one: (author: string) => `${author} vous a écrit un message`,
    many: (count: number) => `${count} nouveaux messages vous attendent`,
    daily: 'Vos messages du jour',
    item: (authors: string, count: number) =>
      count === 1 ? `1 message de ${authors}` : `${count} messages de ${authors}`,
    and: 'et',
    privacy:
      'Pour rester privés, vos messages ne sont pas recopiés dans ce courriel : lisez-les et répondez sur l’Atelier.',
    action: 'Lire mes messages',
    footer: 'Vous recevez ce courriel selon vos réglages de messages.',
    stop: 'Ne plus recevoir ces courriels',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    one: (author: string) => `${author} sent you a message`,
    many: (count: number) => `${count} new messages are waiting for you`,
    daily: 'Your messages of the day',
    item: (authors: string, count: number) =>
      count === 1 ? `1 message from ${authors}` : `${count} messages from ${authors}`,
    and: 'and',
    privacy: 'To keep them private, your messages are not copied into this email: read and answer them on the Atelier.',
    action: 'Read my messages',
    footer: 'You receive this email because of your message settings.',
    stop: 'Stop these emails',
  },
} as const;

/** Mail about new direct messages: who wrote and how many, never the words (see README). */
export function createMessagesMailer(mail: MailSender, options: { publicUrl: string; groupSeconds: number }) {
  return {
    groupSeconds: options.groupSeconds,
    async send(db, { to, items, daily }) {
      const [first] = items;
      if (!first) return;
      const text = TEXT[to.locale];
      const total = items.reduce((sum, item) => sum + item.count, 0);
      const subject = daily
        ? text.daily
        : items.length === 1 && total === 1
          ? text.one(list(first.authors, text.and))
          : text.many(total);
      const unsubscribe = await unsubscribeLinks(db, options.publicUrl, to.id, { kind: 'messages' });
      const url =
        items.length === 1 ? `${options.publicUrl}/messages/${first.conversationId}` : `${options.publicUrl}/messages`;
      await mail.send(db, {
        to: to.email,
        subject,
        headers: unsubscribe.headers,
        ...(await renderMail({
          locale: to.locale,
          title: subject,
          greeting: text.greeting(to.displayName),
          paragraphs: [...items.map((item) => text.item(list(item.authors, text.and), item.count)), text.privacy],
          action: { label: text.action, url },
          footer: text.footer,
          stop: { label: text.stop, url: unsubscribe.pageUrl },
        })),
      });
    },
  } satisfies MessagesMailer;
}
