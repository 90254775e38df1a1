import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MailList, SpaceMailMode, UnsubscribeResult } from '@atelier/contract';
import { isUuid } from '../../core/ids';
import { installationKey } from '../../core/installation-key.queries';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { messageSettingsOf, setMessageMail } from '../messages/messages.queries';
import { isOptedOut, setOptedOut } from '../newsletters/newsletter-opt-outs.queries';
import { findSpaceById } from '../spaces/spaces.queries';
import { listSpaceModes, setSpaceMode, upsertMailSettings } from './mail-settings.queries';
import { mailChoices, spaceModeOf } from './mail-settings.service';

/**
 * A list one can leave from a mail: the mentions mails, the replies mails, the event
 * reminders, a space's mails or its infolettres.
 */
export type MailListRef =
  | { kind: 'mentions' }
  | { kind: 'replies' }
  | { kind: 'reminders' }
  /** Mail about new direct messages (features/messages). */
  | { kind: 'messages' }
  | { kind: 'space'; spaceId: string }
  | { kind: 'newsletter'; spaceId: string };

const listKey = (list: MailListRef) => ('spaceId' in list ? `${list.kind}:${list.spaceId}` : list.kind);

function parseListKey(key: string): MailListRef | null {
  if (key === 'mentions' || key === 'replies' || key === 'reminders' || key === 'messages') return { kind: key };
  const [kind, spaceId = ''] = key.split(':');
  if (!isUuid(spaceId)) return null;
  return kind === 'space' || kind === 'newsletter' ? { kind, spaceId } : null;
}

const sign = (key: string, payload: string) =>
  createHmac('sha256', key).update(`unsubscribe:${payload}`).digest('base64url');

/**
 * `<person>:<list>`, readable, then its signature with the installation key: a token names
 * one person and one list, cannot be made for another, and never expires, so that an old mail
 * still lets its reader leave.
 */
async function tokenFor(db: Db, userId: string, list: MailListRef): Promise<string> {
  const payload = `${userId}:${listKey(list)}`;
  return `${Buffer.from(payload).toString('base64url')}.${sign(await installationKey(db), payload)}`;
}

const invalidToken = () => new AppError('invalid_token', 'this unsubscribe link is not valid');

async function readToken(db: Db, token: string): Promise<{ userId: string; list: MailListRef }> {
  const [encoded, signature] = token.split('.');
  if (!encoded || !signature) throw invalidToken();
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(await installationKey(db), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
  const separator = payload.indexOf(':');
  const userId = payload.slice(0, separator);
  const list = parseListKey(payload.slice(separator + 1));
  if (!isUuid(userId) || !list) throw invalidToken();
  return { userId, list };
}

/**
 * The headers and page link of a mail that is not transactional (RFC 8058): a mail client's
 * « Se désabonner » posts to the API address without a session; a reader's click lands on the
 * page, which does the same and offers to undo.
 */
export async function unsubscribeLinks(db: Db, publicUrl: string, userId: string, list: MailListRef) {
  const token = await tokenFor(db, userId, list);
  return {
    headers: {
      'List-Unsubscribe': `<${publicUrl}/api/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    pageUrl: `${publicUrl}/desabonnement/${token}`,
  };
}

/** The list as the landing page names it, and its current mode. */
async function describe(db: Db, userId: string, list: MailListRef): Promise<{ list: MailList; mode: SpaceMailMode }> {
  if (list.kind === 'messages') return { list, mode: (await messageSettingsOf(db, [userId]))[0]?.mail ?? 'each' };
  if (list.kind === 'mentions' || list.kind === 'replies' || list.kind === 'reminders')
    return { list, mode: (await mailChoices(db, userId))[list.kind] };
  const space = await findSpaceById(db, list.spaceId);
  if (!space) throw notFound('space');
  if (list.kind === 'newsletter') {
    const optedOut = await isOptedOut(db, userId, space.id);
    return {
      list: { kind: 'newsletter', space: { slug: space.slug, title: space.title } },
      mode: optedOut ? 'off' : 'each',
    };
  }
  const [membership] = await listSpaceModes(db, userId, space.id);
  return {
    list: { kind: 'space', space: { slug: space.slug, title: space.title } },
    mode: membership ? spaceModeOf(membership) : 'off',
  };
}

async function setMode(db: Db, userId: string, list: MailListRef, mode: SpaceMailMode) {
  if (list.kind === 'messages') return setMessageMail(db, userId, mode === 'weekly' ? 'daily' : mode);
  if (list.kind === 'space') return setSpaceMode(db, userId, list.spaceId, mode);
  if (mode !== 'each' && mode !== 'off') {
    throw new AppError(
      'invalid_input',
      'mentions, replies, reminders and infolettres are mailed each time or not at all',
      {
        mode: ['each or off'],
      },
    );
  }
  if (list.kind === 'newsletter') return setOptedOut(db, userId, list.spaceId, mode === 'off');
  return upsertMailSettings(db, userId, { [list.kind]: mode });
}

/** `POST /unsubscribe/:token`: the list is off. Doing it again changes nothing. */
export async function unsubscribe(db: Db, token: string): Promise<UnsubscribeResult> {
  const { userId, list } = await readToken(db, token);
  const before = await describe(db, userId, list);
  await setMode(db, userId, list, 'off');
  return { list: before.list, previous: before.mode, current: 'off' };
}

/** `POST /unsubscribe/:token/undo` `{ mode }`: the landing page puts back what was there. */
export async function resubscribe(db: Db, token: string, mode: SpaceMailMode): Promise<UnsubscribeResult> {
  const { userId, list } = await readToken(db, token);
  const before = await describe(db, userId, list);
  await setMode(db, userId, list, mode);
  return { list: before.list, previous: before.mode, current: mode };
}
