import type { Locale } from '@atelier/contract';

export interface MailContent {
  locale: Locale;
  /** Shown as the document title of the HTML part (usually the subject). */
  title?: string;
  greeting?: string;
  /** Plain text; a line break inside a paragraph stays a line break. */
  paragraphs: string[];
  /** One call to action, its URL also written out in full. */
  action?: MailLink;
  /** Titled parts after the paragraphs (a digest's spaces), each line possibly a link. */
  sections?: MailSection[];
  /** A short code to type (sign-in code), set apart and easy to read aloud. */
  code?: string;
  /** A small line above everything (who sends it), with an optional link (read online). */
  kicker?: { text: string; link?: MailLink };
  /** A title above the greeting (an infolettre's subject). */
  heading?: string;
  /** Already sanitized HTML and its text version, placed after the paragraphs (an infolettre's body). */
  body?: { html: string; text: string };
  footer?: string;
  /** The link that stops this kind of mail, under the footer (the same list as List-Unsubscribe). */
  stop?: MailLink;
}

/** A link with its label; the URL must be http(s). */
export interface MailLink {
  label: string;
  url: string;
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

const GREEN = '#1f5f3f';
const GREY = '#555555';
const linked = (text: string, url: string | undefined) =>
  url ? `<a href="${escapeHtml(url)}" style="color:${GREEN};">${escapeHtml(text)}</a>` : escapeHtml(text);

/** `• line — note` with the link below: a line as the text part writes it. */
const lineText = (line: MailLine) =>
  `• ${line.text}${line.note ? ` — ${line.note}` : ''}${line.url ? `\n  ${line.url}` : ''}`;

/** A section in plain text: its title, its link, then its lines. */
function sectionText(section: MailSection): string {
  return [
    section.url ? `${section.title}\n${section.url}` : section.title,
    ...section.groups
      .filter((group) => group.lines.length > 0)
      .map((group) => [...(group.title ? [group.title] : []), ...group.lines.map(lineText)].join('\n')),
  ].join('\n\n');
}

function sectionHtml(section: MailSection): string {
  const lineHtml = (line: MailLine) =>
    `<li style="margin:0 0 8px;">${linked(line.text, line.url)}${line.note ? `<br><span style="font-size:14px;color:${GREY};">${escapeHtml(line.note)}</span>` : ''}</li>`;
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

function assertLinks(content: MailContent) {
  const sectionUrls = (content.sections ?? []).flatMap((section) => [
    section.url,
    ...section.groups.flatMap((group) => group.lines.map((line) => line.url)),
  ]);
  for (const url of [content.action?.url, content.stop?.url, content.kicker?.link?.url, ...sectionUrls]) {
    if (url !== undefined) assertWebUrl(url);
  }
}

function mailText(content: MailContent, footer: string): string {
  const words = WORDS[content.locale];
  const colon = content.locale === 'fr' ? '\u00a0:' : ':';
  const { kicker, stop } = content;
  return [
    kicker
      ? [kicker.text, ...(kicker.link ? [`${kicker.link.label}${colon} ${kicker.link.url}`] : [])].join('\n')
      : undefined,
    content.heading,
    content.greeting,
    ...content.paragraphs,
    content.body?.text,
    ...(content.sections ?? []).map(sectionText),
    content.code === undefined ? undefined : `${words.code}${colon} ${content.code}`,
    content.action ? `${content.action.label}${colon}\n${content.action.url}` : undefined,
    `-- \n${footer}${stop ? `\n${stop.label}${colon} ${stop.url}` : ''}`,
  ]
    .filter((block) => block !== undefined)
    .join('\n\n');
}

/** The MJML document: one column that fills a phone's width, real text, the language declared, no images. */
function mailMjml(content: MailContent, footer: string): string {
  const words = WORDS[content.locale];
  const colon = content.locale === 'fr' ? '\u00a0:' : ':';
  const { kicker, action, stop } = content;
  const main = [
    kicker
      ? `<p style="margin:0 0 16px;font-size:14px;color:${GREY};">${escapeHtml(kicker.text)}${kicker.link ? ` · ${linked(kicker.link.label, kicker.link.url)}` : ''}</p>`
      : '',
    content.heading
      ? `<h1 style="margin:0 0 24px;font-size:24px;line-height:1.3;">${escapeHtml(content.heading)}</h1>`
      : '',
    content.greeting === undefined ? '' : paragraphHtml(content.greeting),
    ...content.paragraphs.map((paragraph) => paragraphHtml(paragraph)),
    content.body?.html ?? '',
    ...(content.sections ?? []).map(sectionHtml),
    content.code === undefined
      ? ''
      : `<p style="margin:0 0 16px;">${escapeHtml(words.code)}${colon} <strong style="font-family:monospace;font-size:22px;letter-spacing:3px;">${escapeHtml(content.code)}</strong></p>`,
  ].join('\n');
  const actionMjml = action
    ? `<mj-button href="${escapeHtml(action.url)}" align="left" background-color="${GREEN}" color="#ffffff" text-decoration="underline" border-radius="4px" inner-padding="12px 20px">${escapeHtml(action.label)}</mj-button>
<mj-text font-size="14px">${paragraphHtml(words.link)}<p style="margin:0;word-break:break-all;">${linked(action.url, action.url)}</p></mj-text>`
    : '';
  const preview = content.paragraphs[0] ?? content.heading;
  return `<mjml lang="${content.locale}">
<mj-head>
<mj-title>${escapeHtml(content.title ?? '')}</mj-title>
${preview ? `<mj-preview>${escapeHtml(preview)}</mj-preview>` : ''}
<mj-attributes>
<mj-all font-family="Arial, Helvetica, sans-serif" />
<mj-text font-size="16px" line-height="1.5" color="#1a1a1a" padding="0 16px" />
<mj-button padding="8px 16px 16px" font-size="16px" />
</mj-attributes>
</mj-head>
<mj-body width="600px" background-color="#ffffff">
<mj-section padding="24px 0"><mj-column>
<mj-text>${main}</mj-text>
${actionMjml}
<mj-divider border-width="1px" border-color="#cccccc" padding="24px 16px" />
<mj-text font-size="13px" color="${GREY}">${paragraphHtml(footer)}${stop ? `<p style="margin:0;">${linked(stop.label, stop.url)}</p>` : ''}</mj-text>
</mj-column></mj-section>
</mj-body>
</mjml>`;
}

/**
 * A mail's two parts from the same content: a plain-text part that reads well on its own
 * (every link written out), and a responsive HTML part made with MJML (tables that mail
 * clients render alike, one column on a phone) where every interpolated value is escaped.
 */
export async function renderMail(content: MailContent): Promise<{ text: string; html: string }> {
  assertLinks(content);
  const footer = content.footer ?? WORDS[content.locale].footer;
  // Loaded on the first mail, not at start: MJML takes most of a second to load.
  const { default: mjml2html } = await import('mjml');
  const { html, errors } = await mjml2html(mailMjml(content, footer), { validationLevel: 'strict', fonts: {} });
  if (errors.length > 0) throw new Error(`mail template: ${errors.map((error) => error.formattedMessage).join('; ')}`);
  return { text: mailText(content, footer), html };
}
