import type { Conversation, Message, PersonWithAvatar } from '@atelier/contract';
import { avatarUrl } from '../accounts/avatars.content';
import { excerpt } from '../discussions/sanitize';
import type { ConversationListRow, participantsOf } from './conversations.queries';
import type { MessageRecord } from './messages.queries';

const iso = (value: Date) => new Date(value).toISOString();

export const toPerson = (row: {
  id: string;
  display_name: string;
  avatar_updated_at: Date | null;
}): PersonWithAvatar => ({
  id: row.id,
  displayName: row.display_name,
  avatarUrl: avatarUrl(row.id, row.avatar_updated_at),
});

/** A message as the API shows it; `blocked`: authors the reader blocked (collapsed on their side). */
export function toMessage(row: MessageRecord, blocked: Set<string> = new Set()): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    number: row.number,
    author: {
      id: row.author_id,
      displayName: row.author_name,
      avatarUrl: avatarUrl(row.author_id, row.author_avatar_updated_at),
    },
    body: row.deleted_at ? '' : row.body,
    createdAt: iso(row.created_at),
    editedAt: row.edited_at ? iso(row.edited_at) : null,
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    ...(blocked.has(row.author_id) ? { authorBlocked: true } : {}),
  };
}

type ParticipantRow = Awaited<ReturnType<typeof participantsOf>>[number];

/** Conversations as the reader sees them, with their people. */
export function toConversations(rows: ConversationListRow[], people: ParticipantRow[]): Conversation[] {
  const byConversation = new Map<string, PersonWithAvatar[]>();
  for (const person of people) {
    const list = byConversation.get(person.conversation_id) ?? [];
    list.push(toPerson(person));
    byConversation.set(person.conversation_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    participants: byConversation.get(row.id) ?? [],
    direct: row.direct,
    messageCount: row.message_count,
    lastMessageAt: iso(row.last_message_at),
    lastExcerpt: row.last_body && !row.last_deleted_at ? excerpt(row.last_body, 120) : '',
    unreadCount: Number(row.unread_count),
    createdAt: iso(row.created_at),
  }));
}
