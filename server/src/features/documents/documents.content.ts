import type { Document, DocumentVersion } from '@atelier/contract';
import { COLLAB_FIELD } from '@atelier/contract';
import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';
import * as Y from 'yjs';
import type { DocumentRecord } from './documents.queries';
import type { VersionRecord } from './versions.queries';

export function toDocument(row: DocumentRecord, rights: { canEdit: boolean; canPublish: boolean }): Document {
  return {
    id: row.id,
    spaceId: row.space_id,
    title: row.title,
    author: { id: row.created_by, displayName: row.author_name ?? '' },
    createdAt: row.created_at.toISOString(),
    lastEditedAt: row.last_edited_at?.toISOString() ?? null,
    lastEditedBy: row.last_edited_by ? { id: row.last_edited_by, displayName: row.last_editor_name ?? '' } : null,
    ...rights,
  };
}

export function toVersion(row: VersionRecord): DocumentVersion {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by ? { id: row.created_by, displayName: row.creator_name ?? '' } : null,
  };
}

/**
 * Reading a document's content (the Yjs XmlFragment `default` written by TipTap) without an
 * editor: plain text for search and `GET /text`, HTML and Markdown for exports and versions.
 * The walk follows TipTap's StarterKit node and mark names; unknown nodes keep their text.
 */

/** A Y.Doc holding the given state (one Yjs update), or empty without one. */
export function docFromState(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}

const BLOCKS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  codeBlock: 'pre',
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Delta = { insert?: unknown; attributes?: Record<string, unknown> };

function textToHtml(text: Y.XmlText): string {
  return (text.toDelta() as Delta[])
    .map((op) => {
      if (typeof op.insert !== 'string') return '';
      let html = escapeHtml(op.insert);
      const marks = op.attributes ?? {};
      if (marks.code) html = `<code>${html}</code>`;
      if (marks.bold) html = `<strong>${html}</strong>`;
      if (marks.italic) html = `<em>${html}</em>`;
      if (marks.strike) html = `<s>${html}</s>`;
      if (marks.underline) html = `<u>${html}</u>`;
      const link = marks.link as { href?: unknown } | undefined;
      if (link && typeof link.href === 'string') html = `<a href="${escapeHtml(link.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function nodeToHtml(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return textToHtml(node);
  if (!(node instanceof Y.XmlElement)) return '';
  const inner = node
    .toArray()
    .map((child) => nodeToHtml(child as Y.XmlElement | Y.XmlText))
    .join('');
  if (node.nodeName === 'heading') {
    const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1));
    return `<h${level}>${inner}</h${level}>`;
  }
  if (node.nodeName === 'codeBlock') return `<pre><code>${inner}</code></pre>`;
  if (node.nodeName === 'hardBreak') return '<br>';
  if (node.nodeName === 'horizontalRule') return '<hr>';
  const tag = BLOCKS[node.nodeName];
  return tag ? `<${tag}>${inner}</${tag}>` : inner;
}

/** The content as sanitized HTML (the same allow-list whoever wrote the Yjs updates). */
export function htmlOf(doc: Y.Doc): string {
  const html = doc
    .getXmlFragment(COLLAB_FIELD)
    .toArray()
    .map((node) => nodeToHtml(node as Y.XmlElement | Y.XmlText))
    .join('');
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'u', 'code', 'pre'].concat([
      'ul',
      'ol',
      'li',
      'blockquote',
      'hr',
      'a',
    ]),
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow ugc' }) },
  });
}

function nodeToText(node: Y.XmlElement | Y.XmlText | Y.XmlHook, out: string[]): void {
  if (node instanceof Y.XmlText) {
    out.push((node.toDelta() as Delta[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join(''));
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  if (node.nodeName === 'hardBreak') {
    out.push('\n');
    return;
  }
  for (const child of node.toArray()) nodeToText(child as Y.XmlElement | Y.XmlText, out);
  // Each textblock ends its line; containers (lists, quotes) only hold blocks.
  if (node.nodeName === 'paragraph' || node.nodeName === 'heading' || node.nodeName === 'codeBlock') out.push('\n');
}

/** The content as plain text: one line per paragraph, heading or code block. */
export function plainTextOf(doc: Y.Doc): string {
  const out: string[] = [];
  for (const node of doc.getXmlFragment(COLLAB_FIELD).toArray()) nodeToText(node as Y.XmlElement | Y.XmlText, out);
  return out.join('').replace(/\n+$/, '');
}

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
// Text that reads like HTML ("<img onerror=…>" typed in the editor) must stay text: Markdown
// renders raw HTML, so `<` and `&` are escaped on top of turndown's Markdown escapes.
const escapeMarkdown = turndown.escape.bind(turndown);
turndown.escape = (text: string) => escapeMarkdown(text).replace(/[<&]/g, (char) => `\\${char}`);

/** The content as Markdown (from the sanitized HTML). */
export function markdownOf(doc: Y.Doc): string {
  return turndown.turndown(htmlOf(doc));
}

/**
 * Turns `target`'s content into `source`'s as one new change: the fragment is emptied and
 * refilled with copies of the source's nodes. Yjs keeps the old items as deletions, so the
 * history stays whole and every connected editor receives the change like any other.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc): void {
  const fragment = target.getXmlFragment(COLLAB_FIELD);
  const copies = source
    .getXmlFragment(COLLAB_FIELD)
    .toArray()
    .map((node) => (node as Y.XmlElement | Y.XmlText).clone());
  target.transact(() => {
    if (fragment.length > 0) fragment.delete(0, fragment.length);
    if (copies.length > 0) fragment.insert(0, copies);
  });
}
