import type { MailList, NotificationSettings, SpaceMailMode } from '@atelier/contract';
import type { MessageKey } from './mail.i18n';

/** A text to show: its key and placeholders, for the page's `t`. */
export interface Sentence {
  key: MessageKey;
  params?: Record<string, string>;
}

/** The lists one says yes or no to (each, or off): mentions, replies, event reminders. */
export type ChoiceKind = Exclude<keyof NotificationSettings, 'spaces'>;

/** A space's modes, from the most mail to none: the order of the choice on the settings page. */
export const SPACE_MODES = ['each', 'daily', 'weekly', 'off'] as const satisfies readonly SpaceMailMode[];

export const SPACE_MODE_LABELS: Record<SpaceMailMode, MessageKey> = {
  each: 'mailSettings.mode.each',
  daily: 'mailSettings.mode.daily',
  weekly: 'mailSettings.mode.weekly',
  off: 'mailSettings.mode.off',
};

const spaceParams = (list: MailList) =>
  list.kind === 'space' || list.kind === 'newsletter' ? { space: list.space.title } : undefined;

const CHOICE_STOPPED: Record<ChoiceKind, MessageKey> = {
  mentions: 'unsubscribe.stopped.mentions',
  replies: 'unsubscribe.stopped.replies',
  reminders: 'unsubscribe.stopped.reminders',
};
const CHOICE_RESTORED: Record<ChoiceKind, MessageKey> = {
  mentions: 'unsubscribe.restored.mentions',
  replies: 'unsubscribe.restored.replies',
  reminders: 'unsubscribe.restored.reminders',
};

/** What the unsubscribe page says once the list is off. */
export function stoppedSentence(list: MailList): Sentence {
  if (list.kind === 'space') return { key: 'unsubscribe.stopped.space', params: spaceParams(list) };
  if (list.kind === 'newsletter') return { key: 'unsubscribe.stopped.newsletter', params: spaceParams(list) };
  if (list.kind === 'messages') return { key: 'unsubscribe.stopped.messages' };
  return { key: CHOICE_STOPPED[list.kind] };
}

/**
 * What it says once « Annuler » has put `mode` back: the space's words follow the mode (each
 * message, a daily or weekly digest). Mentions, replies and reminders only come back as
 * "each"; `off` is the list still stopped.
 */
export function restoredSentence(list: MailList, mode: SpaceMailMode): Sentence {
  if (mode === 'off') return stoppedSentence(list);
  if (list.kind === 'mentions' || list.kind === 'replies' || list.kind === 'reminders')
    return { key: CHOICE_RESTORED[list.kind] };
  if (list.kind === 'newsletter') return { key: 'unsubscribe.restored.newsletter', params: spaceParams(list) };
  if (list.kind === 'messages') return { key: 'unsubscribe.restored.messages' };
  const keys: Record<Exclude<SpaceMailMode, 'off'>, MessageKey> = {
    each: 'unsubscribe.restored.each',
    daily: 'unsubscribe.restored.daily',
    weekly: 'unsubscribe.restored.weekly',
  };
  const key = keys[mode];
  return { key, params: spaceParams(list) };
}

/** « Annuler » is offered only when there is something to put back. */
export const canUndo = (result: { previous: SpaceMailMode; current: SpaceMailMode }) =>
  result.current === 'off' && result.previous !== 'off';

/** The settings page (signed in); the unsubscribe page links to it. */
export const MAIL_SETTINGS_PATH = '/profil/courriels';
