import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';
import { unsubscribeLinks } from '../mail-settings/unsubscribe';
import { issueReplyAddress } from '../reply-by-mail/reply-address';
import type { PendingReason } from './pending-mails.queries';

export interface PostMailItem {
  authorName: string;
  space: { id: string; slug: string; title: string };
  thread: { id: string; title: string };
  postId: string;
  excerpt: string;
}

/**
 * One mail about one or several posts of one list: mentions, replies, or the new messages of
 * one space (all items then belong to it). It carries the list's unsubscribe headers and link.
 */
export interface PostsMail {
  to: { id: string; email: string; displayName: string; locale: Locale };
  reason: PendingReason;
  items: PostMailItem[];
}

/** The mails of discussions; each is written in the caller's transaction (outbox). */
export interface DiscussionsMailer {
  /** Posts a person is to hear of by mail wait this long, so that several make one mail. */
  groupSeconds: number;
  sendPosts(db: Db, mail: PostsMail): Promise<void>;
}

export interface DiscussionsMailOptions {
  /** Base of the links in mails. */
  publicUrl: string;
  groupSeconds: number;
  /** Reply by mail's domain (features/reply-by-mail): a mail about one thread then carries a Reply-To there. */
  replyDomain?: string | undefined;
}

const TEXT = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    one: {
      mention: (author: string, thread: string) => `${author} vous a mentionné·e dans « ${thread} »`,
      reply: (author: string, thread: string) => `${author} vous a répondu dans « ${thread} »`,
      space_post: (author: string, thread: string) => `Nouveau message de ${author} dans « ${thread} »`,
    },
    many: {
      mention: (count: number) => `Vous avez été mentionné·e ${count} fois`,
      reply: (count: number) => `${count} réponses à vos messages`,
      space_post: (count: number, space: string) => `${count} nouveaux messages dans « ${space} »`,
    },
    item: (author: string, thread: string, space: string) =>
      `${author}, dans la discussion « ${thread} » de l’espace « ${space} » :`,
    quote: (excerpt: string) => `« ${excerpt} »`,
    read: 'Lire : ',
    action: 'Lire le message',
    actionMany: 'Lire le premier message',
    replyHint: 'Vous pouvez répondre à ce courriel : votre réponse sera publiée dans la discussion, à votre nom.',
    footer: 'Vous recevez ce courriel selon vos réglages de notifications.',
    stop: 'Ne plus recevoir ces courriels',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    one: {
      mention: (author: string, thread: string) => `${author} mentioned you in “${thread}”`,
      reply: (author: string, thread: string) => `${author} replied to you in “${thread}”`,
      space_post: (author: string, thread: string) => `New message from ${author} in “${thread}”`,
    },
    many: {
      mention: (count: number) => `You were mentioned ${count} times`,
      reply: (count: number) => `${count} replies to your messages`,
      space_post: (count: number, space: string) => `${count} new messages in “${space}”`,
    },
    item: (author: string, thread: string, space: string) =>
      `${author}, in the discussion “${thread}” of the space “${space}”:`,
    quote: (excerpt: string) => `“${excerpt}”`,
    read: 'Read: ',
    action: 'Read the message',
    actionMany: 'Read the first message',
    replyHint: 'You can reply to this email: your answer will be posted in the discussion, in your name.',
    footer: 'You receive this email because of your notification settings.',
    stop: 'Stop these emails',
  },
} as const;

/** Links point at the client's thread page, scrolled to the post. */
export const threadUrl = (publicUrl: string, spaceSlug: string, threadId: string, postId?: string) =>
  `${publicUrl}/espaces/${encodeURIComponent(spaceSlug)}/fils/${encodeURIComponent(threadId)}${postId ? `#message-${postId}` : ''}`;

export function createDiscussionsMailer(mail: MailSender, options: DiscussionsMailOptions): DiscussionsMailer {
  const { publicUrl } = options;
  const urlOf = (item: PostMailItem) => threadUrl(publicUrl, item.space.slug, item.thread.id, item.postId);
  return {
    groupSeconds: options.groupSeconds,
    async sendPosts(db, { to, reason, items }) {
      const text = TEXT[to.locale];
      const [first] = items;
      if (!first) return;
      const list =
        reason === 'mention'
          ? ({ kind: 'mentions' } as const)
          : reason === 'reply'
            ? ({ kind: 'replies' } as const)
            : ({ kind: 'space', spaceId: first.space.id } as const);
      const unsubscribe = await unsubscribeLinks(db, publicUrl, to.id, list);
      // About one thread: answering the mail posts there, as a reply to its latest post.
      const last = items.at(-1) ?? first;
      const replyTo: Record<string, string> =
        options.replyDomain && items.every((item) => item.thread.id === first.thread.id)
          ? {
              'Reply-To': await issueReplyAddress(db, options.replyDomain, {
                userId: to.id,
                threadId: first.thread.id,
                postId: last.postId,
              }),
            }
          : {};
      const subject =
        items.length === 1
          ? text.one[reason](first.authorName, first.thread.title)
          : text.many[reason](items.length, first.space.title);
      // One post: its excerpt; several: each with its place, excerpt and address.
      const paragraphs =
        items.length === 1
          ? [text.item(first.authorName, first.thread.title, first.space.title), text.quote(first.excerpt)]
          : items.flatMap((item) => [
              text.item(item.authorName, item.thread.title, item.space.title),
              `${text.quote(item.excerpt)}\n${text.read}${urlOf(item)}`,
            ]);
      await mail.send(db, {
        to: to.email,
        subject,
        headers: { ...unsubscribe.headers, ...replyTo },
        ...(await renderMail({
          locale: to.locale,
          title: subject,
          greeting: text.greeting(to.displayName),
          paragraphs: replyTo['Reply-To'] ? [...paragraphs, text.replyHint] : paragraphs,
          action: { label: items.length === 1 ? text.action : text.actionMany, url: urlOf(first) },
          footer: text.footer,
          stop: { label: text.stop, url: unsubscribe.pageUrl },
        })),
      });
    },
  };
}
