import { CHARTER, type Locale, type ProfileUpdate, type User } from '@atelier/contract';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { AppError } from '../../errors';
import { deleteUserSessions } from '../../plugins/auth/sessions.queries';
import type { Jobs } from '../../plugins/jobs';
import * as q from './accounts.queries';
import { consumeCode, consumeTokenByHash, countLiveTokens, createAuthToken, revokeTokens } from './auth-tokens.queries';
import { avatarUrl } from './avatars.content';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords';

export interface AccountsDeps {
  db: Db;
  /** Sends the account mails (sign-in link, reset link); see accounts.mail.ts. */
  mailer: AccountsMailer;
  /** Queues the account mails, so that asking for one costs the same whether the address is known. */
  jobs: Pick<Jobs, 'enqueue'>;
}

declare module '../../plugins/jobs' {
  interface JobPayloads {
    'accounts.sign-in-link': { email: string };
    'accounts.password-reset': { email: string };
  }
}

export interface AccountsMailer {
  sendSignInLink(db: Db, user: UserRow, secret: { token: string; code: string }): Promise<void>;
  sendPasswordReset(db: Db, user: UserRow, token: string): Promise<void>;
}

const MAIL_LINK_TTL_MS = 15 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;
/**
 * Unused, unexpired links an address may hold at once; further requests mail nothing. Anyone
 * may ask for links to any address (from many IPs), so this caps the mail one inbox receives —
 * and since a link is only skipped while this many live ones sit in that inbox, the owner
 * always has a valid link there. The answer (202) never says whether one was sent.
 */
export const MAX_LIVE_LINKS = 3;

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

export async function toUser(db: Db, row: UserRow): Promise<User> {
  const charter = await q.latestCharterAcceptance(db, row.id);
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    avatarUrl: avatarUrl(row.id, row.avatar_updated_at),
    role: row.role,
    locale: row.locale,
    profile: {
      organisationName: row.organisation_name,
      organisationKind: row.organisation_kind as User['profile']['organisationKind'],
      territory: row.territory,
      fantasticRole: row.fantastic_role as User['profile']['fantasticRole'],
      themes: row.themes,
      bio: row.bio,
      listedInDirectory: row.listed_in_directory,
    },
    charter: charter ? { version: charter.version, acceptedAt: charter.accepted_at.toISOString() } : null,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Creates the account and records the charter acceptance in one transaction: a crash
 * in between leaves no account without its charter.
 */
export async function register(
  deps: AccountsDeps,
  input: { email: string; password: string; displayName: string; locale?: Locale | undefined },
) {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute((trx) => insertAccount(trx, { ...input, passwordHash }));
}

/**
 * The account and its charter acceptance, written inside the caller's transaction, so that a
 * feature creating an account along with something else (an accepted invitation) commits
 * both or neither. A taken email is `email_taken`.
 */
export async function insertAccount(
  trx: Db,
  input: { email: string; passwordHash: string; displayName: string; locale?: Locale | undefined },
) {
  try {
    const user = (await q.upgradeGuest(trx, input)) ?? (await q.insertUser(trx, input));
    await q.acceptCharter(trx, user.id, CHARTER.version);
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('email_taken', 'an account already uses this email');
    throw error;
  }
}

/** The same answer, in the same time, whether the email is unknown or the password wrong. */
export async function login(deps: AccountsDeps, input: { email: string; password: string }) {
  const user = await q.findUserByEmail(deps.db, input.email);
  const ok = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!user || !ok) throw new AppError('invalid_credentials', 'wrong email or password');
  return user;
}

/**
 * `POST /auth/mail-link`: queues the mail and returns. The request does the same work, in the
 * same time, whether or not the address has an account; the job finds out (sendSignInLink).
 */
export async function requestMailLink(deps: AccountsDeps, email: string) {
  await deps.jobs.enqueue(deps.db, 'accounts.sign-in-link', { email });
}

/** The job behind `requestMailLink`: a link and code for the account, if any and if under the cap. */
export async function sendSignInLink(deps: Pick<AccountsDeps, 'db' | 'mailer'>, email: string) {
  await withAccountUnderCap(deps.db, email, 'mail_login', async (trx, user) => {
    const { token, code } = await createAuthToken(trx, user.id, 'mail_login', MAIL_LINK_TTL_MS);
    await deps.mailer.sendSignInLink(trx, user, { token, code: code! });
  });
}

/**
 * Runs `send` for the account of `email` unless it has none or already holds MAX_LIVE_LINKS
 * live links of this purpose. The user row is locked, so concurrent jobs count one by one.
 */
async function withAccountUnderCap(
  db: Db,
  email: string,
  purpose: 'mail_login' | 'password_reset',
  send: (trx: Db, user: UserRow) => Promise<void>,
) {
  await db.transaction().execute(async (trx) => {
    const user = await q.findUserByEmail(trx, email, { lock: true });
    if (!user) return;
    if ((await countLiveTokens(trx, user.id, purpose)) >= MAX_LIVE_LINKS) return;
    await send(trx, user);
  });
}

export async function verifyMailLink(deps: AccountsDeps, input: { token: string } | { email: string; code: string }) {
  const invalid = new AppError('invalid_token', 'this link or code has expired or was already used');
  if ('token' in input) {
    const used = await consumeTokenByHash(deps.db, 'mail_login', input.token);
    const user = used && (await q.findUserById(deps.db, used.user_id));
    if (!user) throw invalid;
    return user;
  }
  const user = await q.findUserByEmail(deps.db, input.email);
  if (!user || !(await consumeCode(deps.db, user.id, input.code))) throw invalid;
  return user;
}

/** `POST /auth/password-reset`: queued like the sign-in link, for the same reason. */
export async function requestPasswordReset(deps: AccountsDeps, email: string) {
  await deps.jobs.enqueue(deps.db, 'accounts.password-reset', { email });
}

/** The job behind `requestPasswordReset`. */
export async function sendPasswordReset(deps: Pick<AccountsDeps, 'db' | 'mailer'>, email: string) {
  await withAccountUnderCap(deps.db, email, 'password_reset', async (trx, user) => {
    const { token } = await createAuthToken(trx, user.id, 'password_reset', RESET_TTL_MS);
    await deps.mailer.sendPasswordReset(trx, user, token);
  });
}

/** Sets the new password and signs the person out everywhere; the caller opens a new session. */
export async function confirmPasswordReset(deps: AccountsDeps, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const used = await consumeTokenByHash(trx, 'password_reset', input.token);
    if (!used) throw new AppError('invalid_token', 'this link has expired or was already used');
    await q.setPasswordHash(trx, used.user_id, passwordHash);
    await revokeTokens(trx, used.user_id, 'password_reset');
    await deleteUserSessions(trx, used.user_id);
    return (await q.findUserById(trx, used.user_id))!;
  });
}

/** Checks the current password, then revokes every session; the caller opens a new one. */
export async function changePassword(
  deps: AccountsDeps,
  user: UserRow,
  input: { currentPassword: string; newPassword: string },
) {
  const ok = user.password_hash
    ? await verifyPassword(user.password_hash, input.currentPassword)
    : await verifyAgainstNothing(input.currentPassword);
  if (!ok) throw new AppError('invalid_credentials', 'the current password is wrong');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await q.setPasswordHash(trx, user.id, passwordHash);
    await deleteUserSessions(trx, user.id);
  });
}

export const updateProfile = (deps: AccountsDeps, userId: string, update: ProfileUpdate) =>
  q.updateProfile(deps.db, userId, update);

/** Creates the admin named by configuration, or makes the existing account admin with that password. */
export async function ensureAdmin(db: Db, input: { email: string; password: string; displayName?: string }) {
  const passwordHash = await hashPassword(input.password);
  const existing = await q.findUserByEmail(db, input.email);
  if (existing) {
    await db.transaction().execute(async (trx) => {
      await q.setPasswordHash(trx, existing.id, passwordHash);
      await q.setRole(trx, existing.id, 'admin');
    });
    return { id: existing.id, created: false };
  }
  const user = await q.insertUser(db, {
    email: input.email,
    passwordHash,
    displayName: input.displayName ?? 'Administration',
    role: 'admin',
  });
  return { id: user.id, created: true };
}
