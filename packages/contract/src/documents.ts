import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, lineText, multilineText } from './common';
import { PersonRefSchema } from './spaces';

/**
 * Shared documents: co-written live through Hocuspocus on the websocket `/collab` (document
 * name = document id). The content is the Yjs XmlFragment `default` (TipTap's field).
 */

/** The websocket path of the collaboration server. */
export const COLLAB_PATH = '/collab';
/** The Yjs XmlFragment that holds a document's content. */
export const COLLAB_FIELD = 'default';
/** Longest document or version title, after trimming. */
export const DOCUMENT_TITLE_MAX_CHARS = 200;

/**
 * Close codes of `/collab` connections (4000–4999 are the application's own range). A client
 * refused with one of these should not retry until something changes (signing in, joining).
 */
export const COLLAB_CLOSE_CODES = {
  /** No session cookie, or an expired one, and the document is not readable anonymously. */
  unauthenticated: 4401,
  /** Signed in, but not allowed to read this document. */
  forbidden: 4403,
  /** No such document (or it was deleted). */
  not_found: 4404,
} as const;

/**
 * Stateless messages the server sends on a `/collab` connection (Hocuspocus `stateless`, JSON).
 * `access`: what the connection may do changed while it was open (a member left or was
 * removed, the space was archived…): `read` — the server refuses its updates from now on;
 * `edit` — it may write again. A refusal closes the connection instead, with a close reason.
 */
export const CollabStatelessSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('access'), access: z.enum(['read', 'edit']) }),
]);
export type CollabStateless = z.infer<typeof CollabStatelessSchema>;

export const DocumentSchema = z.object({
  id: IdSchema,
  /** Null for a document of the whole alliance (read by everyone, edited by admins). */
  spaceId: IdSchema.nullable(),
  title: z.string(),
  author: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
  /** When the content last changed, and by whom (null before the first edit). */
  lastEditedAt: IsoDateTimeSchema.nullable(),
  lastEditedBy: PersonRefSchema.nullable(),
  /** The caller may edit (members); false means a read-only connection. */
  canEdit: z.boolean(),
  /** The caller may publish its named versions to the commons (the space's animateur·ices, admins). */
  canPublish: z.boolean(),
});
export type Document = z.infer<typeof DocumentSchema>;

/** `POST /api/spaces/:slug/documents` `{ title }` → 201 `{ document }`. */
export const DocumentCreateBodySchema = z.strictObject({ title: lineText(DOCUMENT_TITLE_MAX_CHARS) });
/** `PATCH /api/documents/:id` `{ title }` → `{ document }` (members). */
export const DocumentUpdateBodySchema = DocumentCreateBodySchema;
export const DocumentEnvelopeSchema = z.object({ document: DocumentSchema });
/** `GET /api/spaces/:slug/documents` → `{ items }`, most recently edited first. */
export const DocumentListSchema = z.object({ items: z.array(DocumentSchema) });
/** `GET /api/documents/:id/text` → `{ text }`: the current plain text. */
export const DocumentTextSchema = z.object({ text: z.string() });
/**
 * `GET /api/documents/:id/export?format=markdown|html` → the file, as an attachment
 * (`text/markdown` or `text/html`, UTF-8).
 */
export const DocumentExportQuerySchema = z.strictObject({ format: z.enum(['markdown', 'html']) });

/** `auto`: taken during activity; `named`: saved by someone; `restore`: made by restoring another. */
export const DocumentVersionKindSchema = z.enum(['auto', 'named', 'restore']);
export const DocumentVersionSchema = z.object({
  id: IdSchema,
  documentId: IdSchema,
  kind: DocumentVersionKindSchema,
  /** The name given to a named version ("version validée en chantier"), else null. */
  name: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  /** Who saved or restored it; null for automatic snapshots. */
  createdBy: PersonRefSchema.nullable(),
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;
/** `GET /api/documents/:id/versions` → `{ items }`, newest first. */
export const DocumentVersionListSchema = z.object({ items: z.array(DocumentVersionSchema) });
/** `POST /api/documents/:id/versions` `{ name }` → 201 `{ version }` (members). */
export const DocumentVersionCreateBodySchema = z.strictObject({ name: lineText(DOCUMENT_TITLE_MAX_CHARS) });
export const DocumentVersionEnvelopeSchema = z.object({ version: DocumentVersionSchema });
/**
 * `GET /api/documents/:id/versions/:versionId` → `{ version, html, text }`: the version's
 * content as sanitized HTML and plain text, for viewing and comparing with the current text.
 */
export const DocumentVersionDetailSchema = z.object({
  version: DocumentVersionSchema,
  html: z.string(),
  text: z.string(),
});
/**
 * `POST /api/documents/:id/versions/:versionId/restore` → 201 `{ version }`: the current
 * content becomes the old version's, applied as a new change that every editor receives live
 * (history is never rewritten; the returned version is the `restore` one).
 */
/** Path parameters of a document's version routes. */
export const DocumentVersionParamsSchema = z.object({ id: IdSchema, versionId: IdSchema });

// ── Comments ─────────────────────────────────────────────────────────────────────────────
//
// A comment thread is anchored to a passage of the document: two Yjs relative positions
// (y-prosemirror's `absolutePositionToRelativePosition` with the editor's binding, encoded with
// `Y.encodeRelativePosition`, in base64), so the highlighted passage follows the text as others
// edit it. The quoted text at the time is kept too, shown once the passage is deleted. Bodies
// are plain text (never HTML): clients show them as text.

/** Longest comment or reply, after trimming. */
export const COMMENT_BODY_MAX_CHARS = 4000;
/** Longest encoded relative position (a real one is some 20–60 characters). */
export const COMMENT_ANCHOR_MAX_CHARS = 1000;
/** Longest quoted passage kept with a thread; clients shorten a longer selection. */
export const COMMENT_QUOTE_MAX_CHARS = 1000;

const CommentBodySchema = multilineText(COMMENT_BODY_MAX_CHARS).min(1);
const RelativePositionSchema = z
  .string()
  .min(1)
  .max(COMMENT_ANCHOR_MAX_CHARS)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');

/** Where a thread is anchored. */
export const CommentAnchorSchema = z.strictObject({
  /** The passage's start: a Yjs relative position, `Y.encodeRelativePosition`, base64. */
  start: RelativePositionSchema,
  /** The passage's end, the same way. */
  end: RelativePositionSchema,
  /** The passage's text when the thread was started. */
  quote: multilineText(COMMENT_QUOTE_MAX_CHARS).min(1),
});
export type CommentAnchor = z.infer<typeof CommentAnchorSchema>;

/** One comment: a thread's first one or a reply. `body` is plain text. */
export const DocumentCommentSchema = z.object({
  id: IdSchema,
  author: PersonRefSchema,
  body: z.string(),
  createdAt: IsoDateTimeSchema,
});
export type DocumentComment = z.infer<typeof DocumentCommentSchema>;

/**
 * A thread: its first comment (whose id is the thread's), the passage it is about, its replies
 * (oldest first) and whether it is resolved.
 */
export const CommentThreadSchema = DocumentCommentSchema.extend({
  documentId: IdSchema,
  anchor: z.object({ start: z.string(), end: z.string(), quote: z.string() }),
  replies: z.array(DocumentCommentSchema),
  /** Null while open. */
  resolvedAt: IsoDateTimeSchema.nullable(),
  resolvedBy: PersonRefSchema.nullable(),
});
export type CommentThread = z.infer<typeof CommentThreadSchema>;

/**
 * `GET /api/documents/:id/comments` → every thread (open and resolved), by creation. Whoever
 * may read the document reads them; the flags are the caller's own rights.
 */
export const CommentThreadListSchema = z.object({
  items: z.array(CommentThreadSchema),
  /** The caller may start threads and reply (signed-in members of the space; not when archived). */
  canComment: z.boolean(),
  /** The caller may resolve and reopen any thread (editors, animateur·ices, admins), not only their own. */
  canResolveAny: z.boolean(),
});
export type CommentThreadList = z.infer<typeof CommentThreadListSchema>;

/** `POST /api/documents/:id/comments` `{ body, anchor }` → 201 `{ thread }`; accepts Idempotency-Key. */
export const CommentThreadCreateBodySchema = z.strictObject({ body: CommentBodySchema, anchor: CommentAnchorSchema });
/** `POST /api/comments/:id/replies` `{ body }` → 201 `{ comment, thread }`; a resolved thread → 409 `comment_resolved`. */
export const CommentReplyBodySchema = z.strictObject({ body: CommentBodySchema });
/** The answer of creating a thread, resolving and reopening it (`POST /api/comments/:id/resolve|reopen` → 200). */
export const CommentThreadEnvelopeSchema = z.object({ thread: CommentThreadSchema });
export const CommentReplyEnvelopeSchema = z.object({ comment: DocumentCommentSchema, thread: CommentThreadSchema });
/*
 * `DELETE /api/comments/:id` → 204: a reply, or a thread without replies (else 409
 * `comment_has_replies`), by its author or by whoever runs the space.
 */
