import { z } from 'zod';
import { FantasticRoleSchema } from './alliance';
import { lineText, SpaceSlugSchema } from './common';

/**
 * The territories the alliance accompanies, by their official code, with their programmes, the
 * spaces that accompany them and their « 4 Fantastiques ». Public: the map `/carte` and its
 * table are for everyone.
 */

export const TerritoryLevelSchema = z.enum(['commune', 'epci', 'departement', 'region', 'other']);
export type TerritoryLevel = z.infer<typeof TerritoryLevelSchema>;

/** How the alliance accompanies a territory. */
export const ProgrammeSchema = z.enum(['cohorte', 'experimental', 'ponctuel']);
export type Programme = z.infer<typeof ProgrammeSchema>;

/**
 * An official code: INSEE for a commune ("62861"), a département ("2A", "971") or a région
 * ("32"); SIREN for an EPCI or another grouping ("200033579").
 */
export const TerritoryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9AB]{2,9}$/, 'an INSEE code or a SIREN');

export const TerritoryParamsSchema = z.object({ id: z.uuid() });
export const TerritorySeatParamsSchema = z.object({ id: z.uuid(), role: FantasticRoleSchema });

const point = {
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
};
const bothOrNeither = (body: { lat?: number | null; lon?: number | null }) =>
  (body.lat === undefined) === (body.lon === undefined) && (body.lat === null) === (body.lon === null);

/** A space accompanying the territory, and the project it carries there. */
const territorySpace = z.strictObject({ slug: SpaceSlugSchema, theme: lineText(200).nullable().optional() });

/**
 * `POST /api/territories` (admins). The name of a commune, an EPCI, a département or a région
 * comes from the official list by its code (an unknown code is 400); another grouping (PETR,
 * parc naturel régional…) gives its name and a SIREN.
 */
export const TerritoryCreateBodySchema = z
  .strictObject({
    level: TerritoryLevelSchema,
    code: TerritoryCodeSchema,
    name: lineText(160).optional(),
    programmes: z.array(ProgrammeSchema).min(1).max(3),
    lat: point.lat.optional(),
    lon: point.lon.optional(),
    spaces: z.array(territorySpace).max(20).optional(),
  })
  .refine(bothOrNeither, { message: 'give both lat and lon, or neither', path: ['lon'] });
export type TerritoryCreateBody = z.infer<typeof TerritoryCreateBodySchema>;

/** `PATCH /api/territories/:id` (admins): its programmes, point and spaces; the code never changes. */
export const TerritoryUpdateBodySchema = z
  .strictObject({
    name: lineText(160).optional(),
    programmes: z.array(ProgrammeSchema).min(1).max(3).optional(),
    lat: point.lat.optional(),
    lon: point.lon.optional(),
    spaces: z.array(territorySpace).max(20).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change')
  .refine(bothOrNeither, { message: 'give both lat and lon, or neither', path: ['lon'] });
export type TerritoryUpdateBody = z.infer<typeof TerritoryUpdateBodySchema>;

/** `PUT /api/territories/:id/team/:role`: a member of one of its spaces takes the seat. */
export const TerritorySeatBodySchema = z.strictObject({ userId: z.uuid() });

export const TerritorySeatSchema = z.object({
  role: FantasticRoleSchema,
  /** Null for a vacancy; `person` is null too when whoever holds it is not listed in the directory. */
  filled: z.boolean(),
  person: z.object({ id: z.string(), displayName: z.string() }).nullable(),
});
export type TerritorySeat = z.infer<typeof TerritorySeatSchema>;

export const TerritorySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: TerritoryLevelSchema,
  programmes: z.array(ProgrammeSchema),
  /** Spaces the reader may see; a members-only space is named, not linked, for others. */
  spaces: z.array(z.object({ slug: z.string(), title: z.string(), theme: z.string().nullable() })),
  ...point,
  /** Where its point stands on `map`, in the map's units; null when it has no point or is off the map. */
  position: z.object({ x: z.number(), y: z.number() }).nullable(),
  team: z.array(TerritorySeatSchema),
  /** Whether the reader may change its team (admins, animateurs of its spaces). */
  canManageTeam: z.boolean(),
});
export type Territory = z.infer<typeof TerritorySchema>;

/** `GET /api/territories`: every accompanied territory, with the outline of France to draw them on. */
export const TerritoryListSchema = z.object({
  items: z.array(TerritorySchema),
  /** Metropolitan France and Corsica, projected (Lambert conformal conic) into a `width` × `height` box. */
  map: z.object({ width: z.number(), height: z.number(), outline: z.string() }),
});
export type TerritoryList = z.infer<typeof TerritoryListSchema>;

export const TerritoryResponseSchema = z.object({ territory: TerritorySchema });
