import { z } from 'zod';
import { AvatarUrlSchema, EmailSchema, PasswordSchema, SessionBodySchema } from './accounts';
import { FantasticRoleSchema, OrganisationKindSchema } from './alliance';
import {
  IdSchema,
  IsoDateTimeSchema,
  LocaleSchema,
  lineText,
  multilineText,
  paginated,
  SpaceSlugSchema,
} from './common';

export const SpaceKindSchema = z.enum(['chantier', 'communaute', 'cohorte']);
export const VisibilitySchema = z.enum(['public', 'members', 'private']);
export const JoinPolicySchema = z.enum(['open', 'request', 'invite']);
export const MembershipRoleSchema = z.enum(['animateur', 'membre']);
export const MembershipStatusSchema = z.enum(['active', 'pending']);
export const SpaceStatusSchema = z.enum(['active', 'archived']);
export type SpaceKind = z.infer<typeof SpaceKindSchema>;
export type Visibility = z.infer<typeof VisibilitySchema>;
export type JoinPolicy = z.infer<typeof JoinPolicySchema>;
export type MembershipRole = z.infer<typeof MembershipRoleSchema>;
export type MembershipStatus = z.infer<typeof MembershipStatusSchema>;

export const SpaceMemberParamsSchema = z.object({ slug: SpaceSlugSchema, userId: IdSchema });

export const SpaceSummarySchema = z.object({
  id: IdSchema,
  slug: z.string(),
  kind: SpaceKindSchema,
  title: z.string(),
  summary: z.string(),
  visibility: VisibilitySchema,
  joinPolicy: JoinPolicySchema,
  status: SpaceStatusSchema,
  memberCount: z.number().int().nonnegative(),
});
export type SpaceSummary = z.infer<typeof SpaceSummarySchema>;

export const SpaceListSchema = z.object({ items: z.array(SpaceSummarySchema) });

/** A territory accompanied in a cohort (with its project theme), or a community's member organisation. */
export const SpaceProjectSchema = z.object({
  territory: z.string(),
  theme: z.string().nullable(),
  /** The accompanied territory it is in, shown on the map (`/carte?territoire=ID`); null for others. */
  territoryId: z.string().nullable(),
});
export type SpaceProject = z.infer<typeof SpaceProjectSchema>;

export const PersonRefSchema = z.object({ id: IdSchema, displayName: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

/** A person shown with their picture beside the name (posts' authors). */
export const PersonWithAvatarSchema = PersonRefSchema.extend({ avatarUrl: AvatarUrlSchema });
export type PersonWithAvatar = z.infer<typeof PersonWithAvatarSchema>;

/** The space's presentation page. */
export const SpaceDetailSchema = SpaceSummarySchema.extend({
  /** Plain text; paragraphs are separated by a blank line. */
  description: z.string(),
  goals: z.array(z.string()),
  /** Free text such as "2024-2025"; null when the space has no set period. */
  period: z.string().nullable(),
  /** Co-animating partner organisations (e.g. Futuribles, Cerdd). */
  partners: z.array(z.string()),
  /** Who the space is for, in words; null when anyone is welcome. */
  audience: z.string().nullable(),
  projects: z.array(SpaceProjectSchema),
  /** Active animateur·ices. Empty for anonymous visitors: names are shown to signed-in people only. */
  animateurs: z.array(PersonRefSchema),
  /** Its events take people without an account (a public space only; see `Event.guestsAllowed`). */
  guestRegistration: z.boolean(),
});
export type SpaceDetail = z.infer<typeof SpaceDetailSchema>;

/** The caller's own membership of a space. */
export const MembershipSchema = z.object({ status: MembershipStatusSchema, role: MembershipRoleSchema });
export type Membership = z.infer<typeof MembershipSchema>;

/**
 * What the caller may do here, computed by the server's policy module so that the client
 * shows buttons without re-deciding access. The server still checks every request.
 */
export const SpacePermissionsSchema = z.object({
  /** Read discussions, documents, events of the space. */
  viewContent: z.boolean(),
  /** `POST /join` would succeed now (active or pending depending on `joinPolicy`). */
  join: z.boolean(),
  /** `DELETE /membership` applies (active member or pending request). */
  leave: z.boolean(),
  /** Edit, archive, invite, approve requests, change roles, remove members. */
  manage: z.boolean(),
  /** `GET /members` answers. */
  seeMembers: z.boolean(),
});
export type SpacePermissions = z.infer<typeof SpacePermissionsSchema>;

/** `GET /api/spaces/:slug` (and the answer to create and update). */
export const SpaceResponseSchema = z.object({
  space: SpaceDetailSchema,
  membership: MembershipSchema.nullable(),
  permissions: SpacePermissionsSchema,
});
export type SpaceResponse = z.infer<typeof SpaceResponseSchema>;

/** `POST /api/spaces/:slug/join` → active for `open` spaces, pending for `request` spaces. */
export const JoinResponseSchema = z.object({ membership: MembershipSchema });

/** `DELETE /api/spaces/:slug/membership?successorId=` — the last animateur names who takes over. */
export const LeaveQuerySchema = z.object({ successorId: IdSchema.optional() });

/** `DELETE /api/spaces/:slug/members/:userId?successorId=` — same rule when removing the last animateur. */
export const RemoveMemberQuerySchema = LeaveQuerySchema;

const projectInput = z.strictObject({ territory: lineText(160), theme: lineText(200).nullable().optional() });

const spaceFields = {
  title: lineText(160),
  summary: multilineText(500),
  description: multilineText(20_000),
  goals: z.array(lineText(300)).max(20),
  period: lineText(80).nullable(),
  partners: z.array(lineText(160)).max(20),
  audience: multilineText(1000).nullable(),
  visibility: VisibilitySchema,
  joinPolicy: JoinPolicySchema,
  projects: z.array(projectInput).max(200),
};

/** `POST /api/spaces` (admins). The slug defaults to the slugified title; a taken slug → 409 `conflict`. */
export const SpaceCreateBodySchema = z.strictObject({
  kind: SpaceKindSchema,
  title: spaceFields.title,
  slug: SpaceSlugSchema.optional(),
  summary: spaceFields.summary.optional(),
  description: spaceFields.description.optional(),
  goals: spaceFields.goals.optional(),
  period: spaceFields.period.optional(),
  partners: spaceFields.partners.optional(),
  audience: spaceFields.audience.optional(),
  visibility: VisibilitySchema,
  joinPolicy: JoinPolicySchema,
  projects: spaceFields.projects.optional(),
});
export type SpaceCreateBody = z.infer<typeof SpaceCreateBodySchema>;

/**
 * `PATCH /api/spaces/:slug` (animateur·ices and admins): any subset of fields. `status`
 * archives or unarchives; `projects`, when given, replaces the whole list. The slug never
 * changes, so links stay valid.
 */
export const SpaceUpdateBodySchema = z
  .strictObject({
    kind: SpaceKindSchema.optional(),
    title: spaceFields.title.optional(),
    summary: spaceFields.summary.optional(),
    description: spaceFields.description.optional(),
    goals: spaceFields.goals.optional(),
    period: spaceFields.period.optional(),
    partners: spaceFields.partners.optional(),
    audience: spaceFields.audience.optional(),
    visibility: VisibilitySchema.optional(),
    joinPolicy: JoinPolicySchema.optional(),
    status: SpaceStatusSchema.optional(),
    projects: spaceFields.projects.optional(),
    guestRegistration: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to update');
export type SpaceUpdateBody = z.infer<typeof SpaceUpdateBodySchema>;

/** What a member list shows of a person: organisation, territory and 4 Fantastiques role. */
export const MemberUserSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  organisationName: z.string().nullable(),
  organisationKind: OrganisationKindSchema.nullable(),
  territory: z.string().nullable(),
  fantasticRole: FantasticRoleSchema.nullable(),
});
export type MemberUser = z.infer<typeof MemberUserSchema>;

export const MemberSchema = z.object({
  user: MemberUserSchema,
  role: MembershipRoleSchema,
  status: MembershipStatusSchema,
  joinedAt: IsoDateTimeSchema,
});
export type Member = z.infer<typeof MemberSchema>;

/** `GET /api/spaces/:slug/members` — active members, animateur·ices first, then by name. */
export const MemberListSchema = paginated(MemberSchema);
export const MemberListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** `PATCH /api/spaces/:slug/members/:userId` → `{ member }`. Demoting the last animateur → 409 `last_animateur`. */
export const RoleChangeBodySchema = z.strictObject({ role: MembershipRoleSchema });
export const MemberResponseSchema = z.object({ member: MemberSchema });

/** `GET /api/spaces/:slug/requests` (animateur·ices and admins): pending requests, oldest first. */
export const JoinRequestSchema = z.object({ user: MemberUserSchema, requestedAt: IsoDateTimeSchema });
export type JoinRequest = z.infer<typeof JoinRequestSchema>;
export const JoinRequestListSchema = paginated(JoinRequestSchema);

/** `POST /api/spaces/:slug/requests/:userId/approve` → `{ member }`; `/decline` → 204. */
export const ApproveResponseSchema = MemberResponseSchema;

/** `POST /api/spaces/:slug/invitations` (animateur·ices and admins) → 201 `{ invitation }`. */
export const InvitationCreateBodySchema = z.strictObject({
  email: EmailSchema,
  /** Defaults to `membre`. */
  role: MembershipRoleSchema.optional(),
});
export type InvitationCreateBody = z.infer<typeof InvitationCreateBodySchema>;

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: MembershipRoleSchema,
  invitedBy: PersonRefSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationResponseSchema = z.object({ invitation: InvitationSchema });

/** The secret of an invitation link `${PUBLIC_URL}/invitation?token=…`. */
export const InvitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,200}$/);
export const InvitationParamsSchema = z.object({ token: InvitationTokenSchema });

/**
 * `GET /api/invitations/:token` — what the invitation page shows before accepting. Unknown,
 * expired or used tokens → 400 `invalid_token`.
 */
export const InvitationPreviewSchema = z.object({
  invitation: z.object({
    space: z.object({ id: IdSchema, slug: z.string(), title: z.string(), kind: SpaceKindSchema }),
    invitedBy: PersonRefSchema.nullable(),
    email: z.string(),
    role: MembershipRoleSchema,
    expiresAt: IsoDateTimeSchema,
    /** True: sign in with that email, then accept. False: accept with the account fields below. */
    accountExists: z.boolean(),
  }),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

/**
 * `POST /api/invitations/:token/accept`. Signed in (as the invited email): no body, or `{}`.
 * Not signed in and no account yet: the account fields, which create the account for the
 * invited email and sign in. Not signed in while an account exists → 401 `unauthenticated`;
 * signed in as someone else → 403 `forbidden`.
 */
export const InvitationAcceptBodySchema = z
  .strictObject({
    displayName: lineText(80).optional(),
    password: PasswordSchema.optional(),
    acceptCharter: z.literal(true).optional(),
    locale: LocaleSchema.optional(),
  })
  // A POST without a body arrives as null.
  .nullish();
export type InvitationAcceptBody = z.infer<typeof InvitationAcceptBodySchema>;

export const InvitationAcceptResponseSchema = z.object({
  space: SpaceSummarySchema,
  membership: MembershipSchema,
  /** Set when the account was just created: the new session's user and CSRF token. */
  session: SessionBodySchema.nullable(),
});

/** `GET /api/me/spaces` — "Mes espaces": active memberships and pending requests. */
export const MySpaceSchema = z.object({
  space: SpaceSummarySchema,
  membership: MembershipSchema.extend({ joinedAt: IsoDateTimeSchema }),
});
export type MySpace = z.infer<typeof MySpaceSchema>;
export const MySpacesSchema = z.object({ items: z.array(MySpaceSchema) });

/** At most this many people in one bulk invitation (a cohort is 60 territories × 4). */
export const BULK_INVITATIONS_MAX = 2000;

/**
 * One line of a bulk invitation, as read from the CSV (`email, displayName, organisation,
 * territory, role4F`): plain text here, each line checked by the server, which names the line
 * and the problem of every line that is not right.
 */
export const BulkInvitationRowSchema = z.object({
  email: z.string().max(400),
  displayName: z.string().max(400).optional(),
  organisation: z.string().max(400).optional(),
  territory: z.string().max(400).optional(),
  role4F: z.string().max(400).optional(),
});
export type BulkInvitationRow = z.infer<typeof BulkInvitationRowSchema>;

/** `POST /api/spaces/:slug/invitations/bulk` as JSON; the same lines may come as `text/csv`. */
export const BulkInvitationBodySchema = z.strictObject({
  rows: z.array(BulkInvitationRowSchema).min(1).max(BULK_INVITATIONS_MAX),
});

export const BulkInvitationQuerySchema = z.strictObject({
  /** `true`: check the lines and say what would happen, invite nobody. */
  dryRun: z.enum(['true', 'false']).optional(),
  /** The role every invited person gets; defaults to `membre`. */
  role: MembershipRoleSchema.optional(),
});

/** Why a line cannot be invited. */
export const BulkLineProblemSchema = z.enum([
  'invalid_email',
  'duplicate_email',
  'invalid_name',
  'invalid_organisation',
  'invalid_territory',
  /** A territory given by a code (INSEE or SIREN) that is neither accompanied nor in the official lists. */
  'unknown_territory',
  'unknown_role4F',
]);
export type BulkLineProblem = z.infer<typeof BulkLineProblemSchema>;

/**
 * What a bulk invitation did (or, on a dry run, would do). Lines are numbered as in the file
 * (the header is line 1). Any problem and nobody is invited: nothing is half-made.
 * `skipped` are people who already belong to the space.
 */
export const BulkInvitationResultSchema = z.object({
  invited: z.number().int(),
  /** How many would be invited: on a dry run, or when problems stopped the sending. */
  ready: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), code: BulkLineProblemSchema })),
});
export type BulkInvitationResult = z.infer<typeof BulkInvitationResultSchema>;

/** `GET /api/spaces/:slug/invitations` (animateur·ices, admins): the open invitations, newest first. */
export const OpenInvitationSchema = InvitationSchema.extend({
  /** The name a bulk invitation gave, if any. */
  displayName: z.string().nullable(),
});
export type OpenInvitation = z.infer<typeof OpenInvitationSchema>;
export const OpenInvitationListSchema = z.object({ items: z.array(OpenInvitationSchema) });
export const InvitationIdParamsSchema = z.object({ slug: SpaceSlugSchema, id: z.uuid() });
