import { z } from 'zod';
import { IdSchema } from './common';

export const SpaceKindSchema = z.enum(['chantier', 'communaute', 'cohorte']);
export const VisibilitySchema = z.enum(['public', 'members', 'private']);
export const JoinPolicySchema = z.enum(['open', 'request', 'invite']);
export const MembershipRoleSchema = z.enum(['animateur', 'membre']);

export const SpaceSummarySchema = z.object({
  id: IdSchema,
  slug: z.string(),
  kind: SpaceKindSchema,
  title: z.string(),
  summary: z.string(),
  visibility: VisibilitySchema,
  joinPolicy: JoinPolicySchema,
  status: z.enum(['active', 'archived']),
  memberCount: z.number().int().nonnegative(),
});
export type SpaceSummary = z.infer<typeof SpaceSummarySchema>;

export const SpaceListSchema = z.object({ items: z.array(SpaceSummarySchema) });
