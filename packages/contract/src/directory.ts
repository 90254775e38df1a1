import { z } from 'zod';
import { AvatarUrlSchema } from './accounts';
import { FantasticRoleSchema, OrganisationKindSchema } from './alliance';
import { IdSchema, paginated } from './common';

/**
 * The alliance directory: people who chose to be listed (profile `listedInDirectory`), and the
 * organisations built from them. Only signed-in members may read it.
 */

export const DIRECTORY_PAGE_SIZE = 20;
export const DIRECTORY_PAGE_MAX = 50;

/** A free-text filter: one line, no control characters. An empty value means "no filter". */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'control characters are not allowed');

export const DirectoryFiltersSchema = z.strictObject({
  /** Words to find in the name, the organisation or the presentation (French, accents ignored). */
  q: filterText(200).optional(),
  organisationKind: OrganisationKindSchema.optional(),
  /** Part of the territory's name, ignoring case and accents ("rouen" finds "Métropole Rouen"). */
  territory: filterText(160).optional(),
  fantasticRole: FantasticRoleSchema.optional(),
  /** Part of one of the person's themes, ignoring case and accents ("mobilite" finds "Mobilités"). */
  theme: filterText(60).optional(),
});
export type DirectoryFilters = z.infer<typeof DirectoryFiltersSchema>;

const pageQuery = {
  /** The `nextCursor` of the previous page, as received. */
  cursor: z
    .string()
    .max(1024)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor')
    .optional(),
  /** Entries per page. */
  limit: z.coerce.number().int().min(1).max(DIRECTORY_PAGE_MAX).optional(),
};

export const DirectoryPeopleQuerySchema = DirectoryFiltersSchema.extend(pageQuery);
export type DirectoryPeopleQuery = z.infer<typeof DirectoryPeopleQuerySchema>;

export const DirectoryPersonSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  avatarUrl: AvatarUrlSchema,
  organisationName: z.string().nullable(),
  organisationKind: OrganisationKindSchema.nullable(),
  territory: z.string().nullable(),
  fantasticRole: FantasticRoleSchema.nullable(),
  themes: z.array(z.string()),
  bio: z.string().nullable(),
});
export type DirectoryPerson = z.infer<typeof DirectoryPersonSchema>;

/** Sorted by display name (case and accents ignored), then id; `nextCursor` null on the last page. */
export const DirectoryPeopleSchema = paginated(DirectoryPersonSchema);
export type DirectoryPeople = z.infer<typeof DirectoryPeopleSchema>;

export const DirectoryOrganisationsQuerySchema = DirectoryFiltersSchema.extend(pageQuery);
export type DirectoryOrganisationsQuery = z.infer<typeof DirectoryOrganisationsQuerySchema>;

export const DirectoryOrganisationSchema = z.object({
  name: z.string(),
  /** The kind most of its listed people gave, or null when none did. */
  kind: OrganisationKindSchema.nullable(),
  territories: z.array(z.string()),
  /** How many listed people matching the filters belong to it. */
  memberCount: z.number().int().positive(),
});
export type DirectoryOrganisation = z.infer<typeof DirectoryOrganisationSchema>;

/**
 * The organisations with at least one listed person matching the filters, by name (case and
 * accents ignored), page by page; `nextCursor` null on the last page.
 */
export const DirectoryOrganisationsSchema = paginated(DirectoryOrganisationSchema);
export type DirectoryOrganisations = z.infer<typeof DirectoryOrganisationsSchema>;
