import type { Message } from '@atelier/contract';

/** A message as shown: a sent one, or one still on its way (`pendingKey`), maybe failed. */
export interface ShownMessage extends Message {
  pendingKey?: string;
  failed?: boolean;
}

/**
 * Adds or replaces a message, kept in number order; a pending one (same `key`) gives way to
 * the stored one. Whether the HTTP answer or the live event arrives first, it shows once.
 */
export function upsertMessage(list: ShownMessage[], message: Message, key?: string): ShownMessage[] {
  const rest = list.filter((item) => item.id !== message.id && !(key && item.pendingKey === key));
  const sent = rest.filter((item) => !item.pendingKey);
  const pending = rest.filter((item) => item.pendingKey);
  const at = sent.findIndex((item) => item.number > message.number);
  const ordered = at === -1 ? [...sent, message] : [...sent.slice(0, at), message, ...sent.slice(at)];
  return [...ordered, ...pending];
}

/** The highest number among stored messages (0: none). */
export const lastNumber = (list: ShownMessage[]) =>
  list.reduce((max, item) => (item.pendingKey ? max : Math.max(max, item.number)), 0);
