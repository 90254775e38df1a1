import EmailReplyParser from 'email-reply-parser';

/**
 * The answer in a mail's text: what the person wrote, without the quoted history their client
 * added below it (« Le mar. 1 déc. 2026 à 12:30, … a écrit : », « De : … Envoyé : … »,
 * "On … wrote:", `>` lines) nor their signature ("-- ", « Envoyé de mon iPhone », a closing
 * « Cordialement, Camille »: the post shows who wrote it). `email-reply-parser` knows these
 * forms in French and English; see server/README.md for why it and not `planer`.
 */

/** More than any answer: the rest is quoted history, and the parser's regexes stay cheap. */
const MAX_TEXT_CHARS = 100_000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

export function answerText(text: string): string {
  const normalized = text.slice(0, MAX_TEXT_CHARS).replace(/\r\n?/g, '\n');
  return new EmailReplyParser().parseReply(normalized).trim();
}

/**
 * The answer as post HTML: escaped text in paragraphs (a blank line between them), line breaks
 * kept as `<br>`. Empty when nothing is left once history and signature are gone. The caller
 * still sanitizes it like any post.
 */
export function answerHtml(text: string): string {
  return answerText(text)
    .split(/\n[ \t]*\n+/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => escapeHtml(line.trim()))
        .filter((line) => line !== '')
        .join('<br>'),
    )
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('');
}
