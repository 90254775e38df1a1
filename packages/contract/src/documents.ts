import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, lineText } from './common';
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
