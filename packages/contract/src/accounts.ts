import { z } from 'zod';
import { FantasticRoleSchema, OrganisationKindSchema } from './alliance';
import { IdSchema, IsoDateTimeSchema, LocaleSchema, lineText, multilineText } from './common';
import { OidcProviderSchema } from './oidc';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Emails compare without regard to case: stored and looked up lower-cased. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const PasswordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const UserRoleSchema = z.enum(['member', 'admin']);

export const ProfileSchema = z.object({
  organisationName: z.string().nullable(),
  organisationKind: OrganisationKindSchema.nullable(),
  territory: z.string().nullable(),
  fantasticRole: FantasticRoleSchema.nullable(),
  themes: z.array(z.string()),
  bio: z.string().nullable(),
  listedInDirectory: z.boolean(),
});

/** Largest profile picture one may send; more → 413 `file_too_large`. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
/**
 * The types a profile picture may have, decided from its content (never its name or the
 * browser's word); another → 415 `file_type_forbidden`. An image that cannot be decoded
 * (truncated, or too many pixels to decode safely) → 400 `image_unreadable`.
 */
export const AVATAR_ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** Stored and served as a square WebP of this many pixels a side. */
export const AVATAR_SIZE = 256;

/**
 * Where a person's profile picture is served (`GET /api/users/:id/avatar?v=…`, `v` changing
 * with every new picture), or null when they have none and their initials are shown instead.
 */
export const AvatarUrlSchema = z.string().nullable();

/** `GET /api/users/:id/avatar`: `v` is the version the URL was given with (cached for good). */
export const AvatarQuerySchema = z.strictObject({
  v: z
    .string()
    .regex(/^[a-z0-9]{1,20}$/)
    .optional(),
});

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  displayName: z.string(),
  avatarUrl: AvatarUrlSchema,
  role: UserRoleSchema,
  locale: LocaleSchema,
  profile: ProfileSchema,
  charter: z.object({ version: z.string(), acceptedAt: IsoDateTimeSchema }).nullable(),
  createdAt: IsoDateTimeSchema,
});
export type User = z.infer<typeof UserSchema>;

/** `PATCH /api/me`, `PUT` and `DELETE /api/me/avatar` → the person as they now are. */
export const UserEnvelopeSchema = z.object({ user: UserSchema });
export type UserEnvelope = z.infer<typeof UserEnvelopeSchema>;

export const SessionBodySchema = z.object({ user: UserSchema, csrfToken: z.string() });
export type SessionBody = z.infer<typeof SessionBodySchema>;

/**
 * `GET /api/session`, the client's start-up probe: who is signed in, if anyone. Unlike
 * `GET /api/me` it never answers 401, so an anonymous visit logs no failed request.
 */
export const SessionProbeSchema = z.object({
  /** The signed-in person, or null for an anonymous visitor. */
  user: UserSchema.nullable(),
  /** The session's token for state-changing requests; null without a session. */
  csrfToken: z.string().nullable(),
  /** The OpenID Connect provider offered on the sign-in page (« Se connecter avec … »), or null. */
  oidc: OidcProviderSchema.nullable().optional(),
});
export type SessionProbe = z.infer<typeof SessionProbeSchema>;

export const RegisterBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  /** Shown to other members; no markup, one line. */
  displayName: lineText(80),
  /** Must be true: membership means adhering to the alliance's charter. */
  acceptCharter: z.literal(true),
  locale: LocaleSchema.optional(),
});

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(PASSWORD_MAX),
});

/** Ask for a one-time sign-in link and code by mail. */
export const MailLinkRequestSchema = z.strictObject({ email: EmailSchema });

/** Redeem either the link's token or the emailed 6-digit code (with the email). */
export const MailLinkVerifySchema = z.union([
  z.strictObject({ token: z.string().min(20).max(200) }),
  z.strictObject({ email: EmailSchema, code: z.string().regex(/^\d{6}$/) }),
]);

export const PasswordResetRequestSchema = z.strictObject({ email: EmailSchema });
export const PasswordResetConfirmSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: PasswordSchema,
});

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: PasswordSchema,
});

export const ProfileUpdateSchema = z.strictObject({
  displayName: lineText(80).optional(),
  locale: LocaleSchema.optional(),
  organisationName: lineText(160).nullable().optional(),
  organisationKind: OrganisationKindSchema.nullable().optional(),
  territory: lineText(160).nullable().optional(),
  fantasticRole: FantasticRoleSchema.nullable().optional(),
  themes: z.array(lineText(60)).max(12).optional(),
  bio: multilineText(1000).nullable().optional(),
  listedInDirectory: z.boolean().optional(),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;

/** Answer to requests whose outcome must not reveal whether an account exists. */
export const AcceptedSchema = z.object({ ok: z.literal(true) });
