import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, lineText, multilineText } from './common';
import { DocumentSchema } from './documents';
import { PersonRefSchema } from './spaces';

/**
 * A space's resources: the commons a chantier produces. Files uploaded to the space, links to
 * outside resources (podcasts, videos, sites), and its shared documents.
 */

/** Largest file a member may upload; more → 413 `file_too_large`. */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
/**
 * The types a file may have, decided from its content (never its name or the browser's word);
 * another → 415 `file_type_forbidden`.
 */
export const FILE_ALLOWED_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
] as const;
export const RESOURCE_TITLE_MAX_CHARS = 200;
export const RESOURCE_DESCRIPTION_MAX_CHARS = 2000;

export const FileSchema = z.object({
  id: IdSchema,
  spaceId: IdSchema,
  /** The name as uploaded, cleaned of path parts and control characters. */
  name: z.string(),
  /** The sniffed type. */
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  uploadedBy: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
  /** `GET /api/files/:id/download` (attachment). */
  downloadUrl: z.string(),
  /** `GET /api/files/:id/preview` (a small image), only for images. */
  previewUrl: z.string().nullable(),
});
export type SpaceFile = z.infer<typeof FileSchema>;
/** `POST /api/spaces/:slug/files` (multipart/form-data, one part named `file`) → 201 `{ file }`. */
export const FileEnvelopeSchema = z.object({ file: FileSchema });

export const LinkSchema = z.object({
  id: IdSchema,
  spaceId: IdSchema,
  /** http or https only. */
  url: z.string(),
  title: z.string(),
  description: z.string(),
  createdBy: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
});
export type ResourceLink = z.infer<typeof LinkSchema>;
/** `POST /api/spaces/:slug/links` → 201 `{ link }`; `DELETE /api/links/:id` → 204 (its author or an animateur). */
export const LinkCreateBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: lineText(RESOURCE_TITLE_MAX_CHARS),
  description: multilineText(RESOURCE_DESCRIPTION_MAX_CHARS).default(''),
});
export type LinkCreateBody = z.infer<typeof LinkCreateBodySchema>;
export const LinkEnvelopeSchema = z.object({ link: LinkSchema });

/**
 * `GET /api/spaces/:slug/resources` → the space's "Ressources" tab: documents, files and links,
 * each newest first. `DELETE /api/files/:id` → 204 (its uploader or an animateur).
 */
export const SpaceResourcesSchema = z.object({
  documents: z.array(DocumentSchema),
  files: z.array(FileSchema),
  links: z.array(LinkSchema),
});
export type SpaceResources = z.infer<typeof SpaceResourcesSchema>;
