import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { renderMail } from '../../core/mail-content';
import type { Db } from '../../db/database';
import { unsubscribeLinks } from '../mail-settings/unsubscribe';
import { bodyAsMailHtml, bodyAsText } from './newsletter-body';
import { newsletterPath } from './newsletters.content';

/** One issue as every recipient's mail carries it: rendered once, framed per person. */
export interface IssueMail {
  id: string;
  subject: string;
  space: { id: string; slug: string; title: string };
  /** The plain-text and inline-styled HTML versions of the stored body. */
  text: string;
  html: string;
}

export interface IssueRecipient {
  id: string;
  email: string;
  locale: Locale;
}

const WORDS = {
  fr: {
    from: (space: string) => `Infolettre de l’espace « ${space} »`,
    online: 'Lire en ligne',
    why: (space: string) => `Vous recevez cette infolettre parce que vous êtes membre de l’espace « ${space} ».`,
    stop: 'Ne plus recevoir les infolettres de cet espace',
  },
  en: {
    from: (space: string) => `Newsletter of the space “${space}”`,
    online: 'Read online',
    why: (space: string) => `You receive this newsletter because you are a member of the space “${space}”.`,
    stop: 'Stop the newsletters of this space',
  },
} as const;

export function issueMail(issue: { id: string; subject: string; body: string }, space: IssueMail['space']): IssueMail {
  return { ...issue, space, text: bodyAsText(issue.body), html: bodyAsMailHtml(issue.body) };
}

/**
 * One person's mail: who sends it and where to read it online, the subject, the body (our
 * sanitized HTML), then why they receive it and the link that stops this space's infolettres
 * (the same list as the List-Unsubscribe headers).
 */
function render(issue: IssueMail, locale: Locale, onlineUrl: string, stopUrl: string) {
  const words = WORDS[locale];
  return renderMail({
    locale,
    title: issue.subject,
    kicker: { text: words.from(issue.space.title), link: { label: words.online, url: onlineUrl } },
    heading: issue.subject,
    paragraphs: [],
    body: { html: issue.html, text: issue.text },
    footer: words.why(issue.space.title),
    stop: { label: words.stop, url: stopUrl },
  });
}

/**
 * Writes one person's mail through the outbox, in the caller's transaction, with the
 * List-Unsubscribe headers (RFC 8058) of this space's infolettres.
 */
export async function sendIssueTo(
  deps: { mail: MailSender; publicUrl: string },
  db: Db,
  issue: IssueMail,
  to: IssueRecipient,
): Promise<{ outboxId: string }> {
  const unsubscribe = await unsubscribeLinks(db, deps.publicUrl, to.id, {
    kind: 'newsletter',
    spaceId: issue.space.id,
  });
  const onlineUrl = `${deps.publicUrl}${newsletterPath(issue.space.slug, issue.id)}`;
  return deps.mail.send(db, {
    to: to.email,
    subject: issue.subject,
    headers: unsubscribe.headers,
    ...(await render(issue, to.locale, onlineUrl, unsubscribe.pageUrl)),
  });
}
