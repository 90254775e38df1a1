import { z } from 'zod';
import { lineText, multilineText, paginated } from './common';

/**
 * The commons: what a space publishes for everyone — a named version of a document (as it
 * was, never the live draft), a file or a link — with its kind, themes, territories and
 * licence, in a public catalogue.
 */

export const PUBLICATIONS_PAGE_SIZE = 24;

export const PUBLICATION_KINDS = {
  publication: 'Publication',
  fiche: 'Fiche',
  initiative: 'Initiative',
  podcast: 'Podcast',
  video: 'Vidéo',
  revue_de_presse: 'Revue de presse',
} as const;
export type PublicationKind = keyof typeof PUBLICATION_KINDS;
export const PublicationKindSchema = z.enum(Object.keys(PUBLICATION_KINDS) as [PublicationKind, ...PublicationKind[]]);

/** Creative Commons choices (and the public domain dedication), with their deeds. */
export const LICENCES = {
  'CC-BY-4.0': { label: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.fr' },
  'CC-BY-SA-4.0': { label: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr' },
  'CC-BY-NC-4.0': { label: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/deed.fr' },
  'CC-BY-NC-SA-4.0': { label: 'CC BY-NC-SA 4.0', url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr' },
  'CC-BY-ND-4.0': { label: 'CC BY-ND 4.0', url: 'https://creativecommons.org/licenses/by-nd/4.0/deed.fr' },
  'CC-BY-NC-ND-4.0': { label: 'CC BY-NC-ND 4.0', url: 'https://creativecommons.org/licenses/by-nc-nd/4.0/deed.fr' },
  'CC0-1.0': { label: 'CC0 1.0 (domaine public)', url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.fr' },
} as const;
export type Licence = keyof typeof LICENCES;
export const LicenceSchema = z.enum(Object.keys(LICENCES) as [Licence, ...Licence[]]);

/** Themes offered first: the 4 fondamentaux and the 5 dimensions de la mise en récits (one shared: « Évaluer la valeur créée »). */
export const SUGGESTED_THEMES = [
  'Créer les conditions d’engagement',
  'Agir en coopération',
  'Agir de façon systémique',
  'Évaluer la valeur créée',
  'Mettre en trajectoire',
  'Communiquer sincèrement',
  'Faire émerger des récits alternatifs',
  'Raconter la coopération',
] as const;

export const PublicationSourceTypeSchema = z.enum(['document_version', 'file', 'link']);
export type PublicationSourceType = z.infer<typeof PublicationSourceTypeSchema>;

/** `POST /api/publications` (the space's animateur·ices, admins) → 201 `{ publication }`. */
export const PublicationCreateBodySchema = z.strictObject({
  source: z.strictObject({ type: PublicationSourceTypeSchema, id: z.uuid() }),
  title: lineText(200),
  summary: multilineText(1000).optional(),
  kind: PublicationKindSchema,
  themes: z.array(lineText(80)).max(12),
  territories: z.array(lineText(160)).max(20).optional(),
  licence: LicenceSchema,
});
export type PublicationCreateBody = z.infer<typeof PublicationCreateBodySchema>;

export const PublicationsQuerySchema = z.strictObject({
  /** Words of the title, summary, themes or published text, accents and case ignored. */
  q: lineText(200).optional(),
  kind: PublicationKindSchema.optional(),
  /** Part of one of its themes, accents and case ignored. */
  theme: lineText(80).optional(),
  cursor: z.string().max(200).optional(),
});
export type PublicationsQuery = z.infer<typeof PublicationsQuerySchema>;

export const PublicationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: PublicationKindSchema,
  themes: z.array(z.string()),
  territories: z.array(z.string()),
  licence: LicenceSchema,
  sourceType: PublicationSourceTypeSchema,
  /** The space it comes from (its chantier, its community…); null when that space is private. */
  space: z.object({ slug: z.string(), title: z.string() }).nullable(),
  publishedAt: z.string(),
});
export type PublicationSummary = z.infer<typeof PublicationSummarySchema>;

export const PublicationListSchema = paginated(PublicationSummarySchema).extend({ total: z.number().int() });
export type PublicationList = z.infer<typeof PublicationListSchema>;

export const PublicationSchema = PublicationSummarySchema.extend({
  /** A document version: its content as published (sanitized HTML), never the live draft. */
  html: z.string().nullable(),
  /** A file: what to download (null once the space deleted it). */
  file: z.object({ name: z.string(), mimeType: z.string(), sizeBytes: z.number().int() }).nullable(),
  /** A link: where it leads. */
  url: z.string().nullable(),
  /** Whether the reader may withdraw it (the space's animateur·ices, admins). */
  canWithdraw: z.boolean(),
});
export type Publication = z.infer<typeof PublicationSchema>;
export const PublicationResponseSchema = z.object({ publication: PublicationSchema });
