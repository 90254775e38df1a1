import type { NotificationSettings, SpaceMailMode } from '@atelier/contract';
import type { Db } from '../../db/database';
import type { MailChoice } from '../../db/schema';
import { AppError, unauthenticated } from '../../errors';
import type { Actor } from '../../policy/policy';
import { optedOutSpaces } from '../newsletters/newsletter-opt-outs.queries';
import { findSpaceBySlug } from '../spaces/spaces.queries';
import {
  findMailSettings,
  listSpaceModes,
  type MailChoiceChanges,
  type SpaceModeRow,
  setSpaceMode,
  upsertMailSettings,
} from './mail-settings.queries';

/**
 * What a person gets by mail when they chose nothing: each mention, reply and event reminder; for a space, a
 * weekly digest, or a daily one for a cohort and for a chantier they animate — the places
 * where they are expected to follow closely.
 */
export function defaultSpaceMode(space: { kind: string }, role: string): SpaceMailMode {
  if (space.kind === 'cohorte') return 'daily';
  if (space.kind === 'chantier' && role === 'animateur') return 'daily';
  return 'weekly';
}

export const spaceModeOf = (row: Pick<SpaceModeRow, 'kind' | 'role' | 'chosen_mode'>): SpaceMailMode =>
  row.chosen_mode ?? defaultSpaceMode(row, row.role);

export async function mailChoices(
  db: Db,
  userId: string,
): Promise<{ mentions: MailChoice; replies: MailChoice; reminders: MailChoice }> {
  return (await findMailSettings(db, userId)) ?? { mentions: 'each', replies: 'each', reminders: 'each' };
}

/** `GET /me/notification-settings`: one's choices, and a mode for every space one is in. */
export async function getNotificationSettings(db: Db, actor: Actor): Promise<NotificationSettings> {
  if (!actor) throw unauthenticated();
  const [choices, spaces, noNewsletter] = await Promise.all([
    mailChoices(db, actor.id),
    listSpaceModes(db, actor.id),
    optedOutSpaces(db, actor.id),
  ]);
  return {
    ...choices,
    spaces: spaces.map((row) => ({
      spaceId: row.space_id,
      slug: row.slug,
      title: row.title,
      mode: spaceModeOf(row),
      newsletter: !noNewsletter.has(row.space_id),
    })),
  };
}

export async function updateNotificationSettings(db: Db, input: { actor: Actor; changes: MailChoiceChanges }) {
  if (!input.actor) throw unauthenticated();
  await upsertMailSettings(db, input.actor.id, input.changes);
  return getNotificationSettings(db, input.actor);
}

/** A space one is an active member of; any other reads as `not_member` (404), nothing stored. */
export async function setSpaceNotificationMode(db: Db, input: { actor: Actor; slug: string; mode: SpaceMailMode }) {
  if (!input.actor) throw unauthenticated();
  const space = await findSpaceBySlug(db, input.slug);
  const membership = space ? await listSpaceModes(db, input.actor.id, space.id) : [];
  if (!space || membership.length === 0) throw new AppError('not_member', 'you are not a member of this space');
  await setSpaceMode(db, input.actor.id, space.id, input.mode);
  return getNotificationSettings(db, input.actor);
}
