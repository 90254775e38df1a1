import type { Locale } from '@atelier/contract';
import type { MailSender } from '../../core/mail';
import { escapeHtml } from '../../core/mail-content';
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

const small = 'font-size:14px;color:#555555;';

/**
 * The two parts of one person's mail: who sends it and where to read it online, the subject,
 * the body, then why they receive it and the link that stops this space's infolettres (the
 * same list as the List-Unsubscribe headers). Every value interpolated in the frame is escaped;
 * the body is our sanitized HTML.
 */
function render(issue: IssueMail, locale: Locale, onlineUrl: string, stopUrl: string) {
  const words = WORDS[locale];
  const colon = locale === 'fr' ? '\u00a0:' : ':';
  const text = [
    `${words.from(issue.space.title)}\n${words.online}${colon} ${onlineUrl}`,
    issue.subject,
    issue.text,
    `-- \n${words.why(issue.space.title)}\n${words.stop}${colon} ${stopUrl}`,
  ].join('\n\n');
  const link = (url: string, label: string) =>
    `<a href="${escapeHtml(url)}" style="color:#1f5f3f;">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(issue.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<div role="article" lang="${locale}" style="max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;">
<p style="margin:0 0 16px;${small}">${escapeHtml(words.from(issue.space.title))} · ${link(onlineUrl, words.online)}</p>
<h1 style="margin:0 0 24px;font-size:24px;line-height:1.3;">${escapeHtml(issue.subject)}</h1>
${issue.html}
<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0;">
<p style="margin:0 0 8px;${small}">${escapeHtml(words.why(issue.space.title))}</p>
<p style="margin:0 0 16px;${small}">${link(stopUrl, words.stop)}</p>
</div>
</body>
</html>
`;
  return { text, html };
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
    ...render(issue, to.locale, onlineUrl, unsubscribe.pageUrl),
  });
}
