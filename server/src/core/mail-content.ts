import type { Locale } from '@atelier/contract';

export interface MailContent {
  locale: Locale;
  /** Shown as the document title of the HTML part (usually the subject). */
  title?: string;
  greeting?: string;
  /** Plain text; a line break inside a paragraph stays a line break. */
  paragraphs: string[];
  /** One call to action; the URL must be http(s) and is also written out in full. */
  action?: { label: string; url: string };
  /** Titled parts after the paragraphs (a digest's spaces), each line possibly a link. */
  sections?: MailSection[];
  /** A short code to type (sign-in code), set apart and easy to read aloud. */
  code?: string;
  footer?: string;
}

/** One line of a section: its text, a short note after it, and a link (http(s), written out in the text part). */
export interface MailLine {
  text: string;
  note?: string | undefined;
  url?: string | undefined;
}

/** A titled part of a mail, its lines in groups (a group's title is optional). */
export interface MailSection {
  title: string;
  url?: string | undefined;
  groups: Array<{ title?: string | undefined; lines: MailLine[] }>;
}

const WORDS = {
  fr: {
    code: 'Votre code',
    link: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :',
    footer: 'Ce message vous est envoyé par l’Atelier des transitions.',
  },
  en: {
    code: 'Your code',
    link: 'If the button does not work, copy this link into your browser:',
    footer: 'This message was sent to you by the Atelier des transitions.',
  },
} as const;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

const paragraphHtml = (text: string, style = '') =>
  `<p style="margin:0 0 16px;${style}">${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`;

function assertWebUrl(url: string) {
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`a mail link needs an http(s) URL, got "${url}"`);
}

const LINK_STYLE = 'color:#1f5f3f;';
const linked = (text: string, url: string | undefined) =>
  url ? `<a href="${escapeHtml(url)}" style="${LINK_STYLE}">${escapeHtml(text)}</a>` : escapeHtml(text);

/** A section in plain text: its title, its link, then `• line — note` with the link below. */
function sectionText(section: MailSection): string {
  const lineText = (line: MailLine) =>
    `• ${line.text}${line.note ? ` — ${line.note}` : ''}${line.url ? `\n  ${line.url}` : ''}`;
  return [
    section.url ? `${section.title}\n${section.url}` : section.title,
    ...section.groups
      .filter((group) => group.lines.length > 0)
      .map((group) => [...(group.title ? [group.title] : []), ...group.lines.map(lineText)].join('\n')),
  ].join('\n\n');
}

function sectionHtml(section: MailSection): string {
  const lineHtml = (line: MailLine) =>
    `<li style="margin:0 0 8px;">${linked(line.text, line.url)}${line.note ? `<br><span style="font-size:14px;color:#555555;">${escapeHtml(line.note)}</span>` : ''}</li>`;
  return [
    `<h2 style="margin:32px 0 8px;font-size:20px;">${linked(section.title, section.url)}</h2>`,
    ...section.groups
      .filter((group) => group.lines.length > 0)
      .map(
        (group) =>
          (group.title ? `<h3 style="margin:16px 0 8px;font-size:16px;">${escapeHtml(group.title)}</h3>` : '') +
          `<ul style="margin:0 0 16px;padding-left:20px;">${group.lines.map(lineHtml).join('')}</ul>`,
      ),
  ].join('\n');
}

/**
 * A mail's two parts from the same content: a plain-text part that reads well on its own
 * (every link written out), and a simple HTML part — one column, real text, the language
 * declared, no images — where every interpolated value is escaped.
 */
export function renderMail(content: MailContent): { text: string; html: string } {
  const words = WORDS[content.locale];
  const footer = content.footer ?? words.footer;
  if (content.action) assertWebUrl(content.action.url);
  const sections = content.sections ?? [];
  for (const section of sections) {
    for (const url of [section.url, ...section.groups.flatMap((group) => group.lines.map((line) => line.url))]) {
      if (url !== undefined) assertWebUrl(url);
    }
  }
  const colon = content.locale === 'fr' ? '\u00a0:' : ':';

  const text = [
    content.greeting,
    ...content.paragraphs,
    ...sections.map(sectionText),
    content.code === undefined ? undefined : `${words.code}${colon} ${content.code}`,
    content.action ? `${content.action.label}${colon}\n${content.action.url}` : undefined,
    `-- \n${footer}`,
  ]
    .filter((block) => block !== undefined)
    .join('\n\n');

  const body = [
    content.greeting === undefined ? '' : paragraphHtml(content.greeting),
    ...content.paragraphs.map((paragraph) => paragraphHtml(paragraph)),
    ...sections.map(sectionHtml),
    content.code === undefined
      ? ''
      : `<p style="margin:0 0 16px;">${escapeHtml(words.code)}${colon} <strong style="font-family:monospace;font-size:22px;letter-spacing:3px;">${escapeHtml(content.code)}</strong></p>`,
    content.action
      ? `<p style="margin:24px 0;"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#1f5f3f;color:#ffffff;text-decoration:underline;border-radius:4px;">${escapeHtml(content.action.label)}</a></p>` +
        paragraphHtml(words.link, 'font-size:14px;') +
        `<p style="margin:0 0 16px;font-size:14px;word-break:break-all;"><a href="${escapeHtml(content.action.url)}" style="color:#1f5f3f;">${escapeHtml(content.action.url)}</a></p>`
      : '',
    `<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0;">`,
    paragraphHtml(footer, 'font-size:13px;color:#555555;'),
  ].join('\n');

  const html = `<!doctype html>
<html lang="${content.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title ?? '')}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<div role="article" lang="${content.locale}" style="max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;">
${body}
</div>
</body>
</html>
`;
  return { text, html };
}
