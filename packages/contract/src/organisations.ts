import { z } from 'zod';
import { AVATAR_ALLOWED_TYPES, AVATAR_MAX_BYTES, AvatarUrlSchema } from './accounts';
import { OrganisationKindSchema } from './alliance';
import { IdSchema, lineText, multilineText, paginated, SpaceSlugSchema } from './common';
import { TerritoryCodeSchema, TerritoryLevelSchema } from './territories';

/**
 * The alliance's organisations, first-class: public pages anyone may read (the allies list),
 * created and edited by admins and the organisation's referents, and people linked to them
 * once a referent or an admin confirms the link.
 */

export const ORGANISATIONS_PAGE_SIZE = 24;

/** An organisation's URL name, as a space's: lowercase ASCII words joined by hyphens. */
export const OrganisationSlugSchema = SpaceSlugSchema;
export const OrganisationSlugParamsSchema = z.object({ slug: OrganisationSlugSchema });
export const AffiliationParamsSchema = z.object({ slug: OrganisationSlugSchema, userId: IdSchema });
/** `PUT|DELETE /api/organisations/:slug/referents/:userId`: the organisation, and the person. */
export const ReferentParamsSchema = AffiliationParamsSchema;

/**
 * An organisation's logo: sent as a profile picture is (the same types, at most 5 MiB), stored
 * as a LOGO_SIZE × LOGO_SIZE WebP where the whole logo fits, on a transparent background.
 */
export const LOGO_ALLOWED_TYPES = AVATAR_ALLOWED_TYPES;
export const LOGO_MAX_BYTES = AVATAR_MAX_BYTES;
export const LOGO_SIZE = 256;

/** `GET /api/organisations/:slug/logo`: `v` is the version the URL was given with (cached for good). */
export const LogoQuerySchema = z.strictObject({
  v: z
    .string()
    .regex(/^[a-z0-9]{1,20}$/)
    .optional(),
});

/** Whether a SIREN's nine digits pass its Luhn check (as INSEE computes it). */
export function isValidSiren(siren: string): boolean {
  if (!/^\d{9}$/.test(siren)) return false;
  let sum = 0;
  for (const [index, char] of [...siren].entries()) {
    let digit = Number(char);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Nine digits, spaces allowed as people write them ("123 456 789"), Luhn-checked. */
export const SirenSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .refine((value) => /^\d{9}$/.test(value), 'nine digits')
  .refine(isValidSiren, 'not a valid SIREN (checksum)');

/** An http(s) address with a domain name, at most 300 characters. */
export const WebsiteSchema = z
  .string()
  .trim()
  .max(300)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain }));

/** A commune, an EPCI, a département or a région by its official code (INSEE or SIREN). */
export const OfficialTerritorySchema = z.strictObject({
  level: TerritoryLevelSchema.exclude(['other']),
  code: TerritoryCodeSchema,
});
export type OfficialTerritory = z.infer<typeof OfficialTerritorySchema>;

const organisationFields = {
  name: lineText(160),
  kind: OrganisationKindSchema,
  siren: SirenSchema.nullable(),
  /** The territory it is rooted in, as people name it ("Métropole Rouen Normandie"). */
  territory: lineText(160).nullable(),
  /** Or by its official code: then `territory` becomes the official name. */
  territoryCode: OfficialTerritorySchema.nullable(),
  /** What it works on ("mobilités", "alimentation"…), to be found by theme. */
  themes: z.array(lineText(60)).max(12),
  website: WebsiteSchema.nullable(),
  presentation: multilineText(2000),
  /** When it signed the alliance's charter (a day; the alliance was born in this century). */
  charterJoinedOn: z.iso
    .date()
    .refine((day) => day >= '2000-01-01' && day <= '2100-12-31', 'a day between 2000 and 2100')
    .nullable(),
};

export const OrganisationCreateBodySchema = z.strictObject({
  ...organisationFields,
  slug: OrganisationSlugSchema.optional(),
  siren: organisationFields.siren.optional(),
  territory: organisationFields.territory.optional(),
  territoryCode: organisationFields.territoryCode.optional(),
  themes: organisationFields.themes.optional(),
  website: organisationFields.website.optional(),
  presentation: organisationFields.presentation.optional(),
  charterJoinedOn: organisationFields.charterJoinedOn.optional(),
});
export type OrganisationCreateBody = z.infer<typeof OrganisationCreateBodySchema>;

/** `PATCH /api/organisations/:slug`: any subset of the fields; the slug never changes. */
export const OrganisationUpdateBodySchema = z
  .strictObject({
    name: organisationFields.name.optional(),
    kind: organisationFields.kind.optional(),
    siren: organisationFields.siren.optional(),
    territory: organisationFields.territory.optional(),
    territoryCode: organisationFields.territoryCode.optional(),
    themes: organisationFields.themes.optional(),
    website: organisationFields.website.optional(),
    presentation: organisationFields.presentation.optional(),
    charterJoinedOn: organisationFields.charterJoinedOn.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type OrganisationUpdateBody = z.infer<typeof OrganisationUpdateBodySchema>;

export const OrganisationsQuerySchema = z.strictObject({
  /** Words of the name or the presentation, accents and case ignored. */
  q: lineText(200).optional(),
  kind: OrganisationKindSchema.optional(),
  /** Part of the territory's name, accents and case ignored. */
  territory: lineText(160).optional(),
  /** Part of one of its themes, accents and case ignored. */
  theme: lineText(60).optional(),
  cursor: z.string().max(600).optional(),
});
export type OrganisationsQuery = z.infer<typeof OrganisationsQuerySchema>;

export const OrganisationSummarySchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema,
  territory: z.string().nullable(),
  themes: z.array(z.string()),
  website: z.string().nullable(),
  /** People whose link to it is confirmed. */
  memberCount: z.number().int(),
  /** Where its logo is served, versioned (`?v=`) so that it may be cached for good; null without one. */
  logoUrl: z.string().nullable(),
});
export type OrganisationSummary = z.infer<typeof OrganisationSummarySchema>;

export const OrganisationListSchema = paginated(OrganisationSummarySchema).extend({
  /** How many organisations match the filters, and how many of each kind among them. */
  total: z.number().int(),
  kinds: z.array(z.object({ kind: OrganisationKindSchema, count: z.number().int() })),
});
export type OrganisationList = z.infer<typeof OrganisationListSchema>;

export const AffiliationStatusSchema = z.enum(['pending', 'confirmed']);
export type AffiliationStatus = z.infer<typeof AffiliationStatusSchema>;

export const OrganisationSchema = OrganisationSummarySchema.extend({
  siren: z.string().nullable(),
  territoryCode: z.object({ level: TerritoryLevelSchema.exclude(['other']), code: z.string() }).nullable(),
  presentation: z.string(),
  charterJoinedOn: z.string().nullable(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationDetailSchema = z.object({
  organisation: OrganisationSchema,
  /** Confirmed people who chose to be listed in the directory; for signed-in readers only, as the directory. */
  members: z.array(z.object({ id: IdSchema, displayName: z.string(), avatarUrl: AvatarUrlSchema })),
  /** Public spaces where its confirmed people are active members, the most of them first. */
  spaces: z.array(z.object({ slug: z.string(), title: z.string(), memberCount: z.number().int() })),
  /** What the reader may do: their own link, whether they may edit it and confirm links. */
  viewer: z.object({
    affiliation: AffiliationStatusSchema.nullable(),
    canManage: z.boolean(),
  }),
  /** Links waiting for a referent or an admin; only for those who may confirm them. */
  pending: z.array(z.object({ userId: IdSchema, displayName: z.string(), requestedAt: z.string() })),
  /**
   * Every confirmed person, listed in the directory or not, and whether they are a referent;
   * only for those who may manage the organisation (empty for everyone else).
   */
  confirmed: z.array(
    z.object({ userId: IdSchema, displayName: z.string(), avatarUrl: AvatarUrlSchema, referent: z.boolean() }),
  ),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetailSchema>;

export const OrganisationResponseSchema = z.object({ organisation: OrganisationSchema });
export const AffiliationResponseSchema = z.object({ affiliation: z.object({ status: AffiliationStatusSchema }) });
