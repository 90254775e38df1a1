import type { Conversation, FlagReason } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../../lib/api';
import { createCatchUp, useRoom } from '../../lib/socket';
import { session } from '../accounts/session.store';
import { lastNumber, type ShownMessage, upsertMessage } from './conversation-state';
import { messagesApi } from './messages.api';

/**
 * One conversation as shown: its messages (with those still on their way), the reader's read
 * position, and every action. Live events of room `conversation:<id>` and HTTP answers go
 * through the same `upsertMessage`, so a message shows once; after a cut connection the socket
 * layer replays what was missed (per-room seq), once each.
 */
export function createConversationStore(conversationId: () => string) {
  const [conversation, setConversation] = createSignal<Conversation | null>(null);
  const [state, setState] = createStore<{ messages: ShownMessage[] }>({ messages: [] });
  const messages = () => state.messages;
  const setMessages = (next: ShownMessage[]) => setState('messages', reconcile(next, { key: 'id' }));
  const [status, setStatus] = createSignal<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = createSignal<unknown>(null);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  let readUpTo = 0;
  const catchUp = createCatchUp();
  const me = () => session.user()?.id ?? null;

  const markRead = (number: number) => {
    if (number <= readUpTo) return;
    readUpTo = number;
    messagesApi.read(conversationId(), number).catch(() => {
      readUpTo = 0;
    });
  };

  const load = async (quiet = false) => {
    if (!quiet) setStatus('loading');
    try {
      await catchUp.reload(
        () => messagesApi.conversation(conversationId()),
        (detail) => {
          setConversation(detail.conversation);
          const waiting = messages().filter((item) => item.pendingKey);
          let next: ShownMessage[] = detail.messages.items;
          // Older pages already shown stay.
          for (const item of messages())
            if (!item.pendingKey && item.number < (detail.messages.items[0]?.number ?? 0))
              next = upsertMessage(next, item);
          setMessages([...next, ...waiting]);
          if (!quiet) setNextBefore(detail.messages.nextBefore);
          readUpTo = Math.max(readUpTo, detail.lastReadNumber);
        },
      );
      setStatus('ready');
      markRead(lastNumber(messages()));
    } catch (failure) {
      setError(failure);
      const closed = failure instanceof ApiError && [401, 403, 404].includes(failure.status);
      if (!quiet || closed) setStatus('error');
    }
  };

  const older = async () => {
    const before = nextBefore();
    if (!before) return;
    const detail = await messagesApi.conversation(conversationId(), before);
    let next = messages();
    for (const item of detail.messages.items) next = upsertMessage(next, item);
    setMessages(next);
    setNextBefore(detail.messages.nextBefore);
  };

  /** Someone else's new message, for the page's screen-reader announcements. */
  const arrivals = new Set<(message: ShownMessage) => void>();
  const receive = (message: ShownMessage, key?: string) => setMessages(upsertMessage(messages(), message, key));

  useRoom(() => (status() === 'ready' ? `conversation:${conversationId()}` : null), {
    onSubscribed: () => void load(true),
    onResync: () => void load(true),
    on: {
      'message.created': ({ message }) => {
        const isNew = !messages().some((item) => item.id === message.id);
        catchUp.live(() => receive(message));
        if (isNew && message.author.id !== me()) {
          for (const listener of arrivals) listener(message);
          if (document.visibilityState === 'visible') markRead(message.number);
        }
      },
      'message.updated': ({ message }) => catchUp.live(() => receive(message)),
      'message.deleted': ({ message }) => catchUp.live(() => receive(message)),
    },
  });

  /** Sends with `key` (reused on retry, so the server never stores the message twice). */
  const send = async (key: string, body: string) => {
    const user = session.user();
    if (!user) return;
    const optimistic: ShownMessage = {
      id: `pending-${key}`,
      conversationId: conversationId(),
      number: Number.MAX_SAFE_INTEGER,
      author: { id: user.id, displayName: user.displayName, avatarUrl: user.avatarUrl },
      body,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      pendingKey: key,
    };
    const exists = messages().some((item) => item.pendingKey === key);
    setMessages(
      exists
        ? messages().map((item) => (item.pendingKey === key ? { ...item, failed: false } : item))
        : [...messages(), optimistic],
    );
    try {
      const message = await messagesApi.send(conversationId(), body, key);
      receive(message, key);
      markRead(message.number);
    } catch (failure) {
      setMessages(messages().map((item) => (item.pendingKey === key ? { ...item, failed: true } : item)));
      throw failure;
    }
  };

  return {
    conversation,
    messages,
    status,
    error,
    nextBefore,
    load,
    older,
    send,
    discard: (key: string) => setMessages(messages().filter((item) => item.pendingKey !== key)),
    edit: async (messageId: string, body: string) => receive(await messagesApi.edit(messageId, body)),
    remove: async (messageId: string) => {
      await messagesApi.remove(messageId);
      setMessages(
        messages().map((item) =>
          item.id === messageId ? { ...item, body: '', deletedAt: new Date().toISOString() } : item,
        ),
      );
    },
    report: (messageId: string, reason: FlagReason, note?: string) => messagesApi.report(messageId, reason, note),
    onArrival: (listener: (message: ShownMessage) => void) => {
      arrivals.add(listener);
      return () => arrivals.delete(listener);
    },
  };
}
export type ConversationStore = ReturnType<typeof createConversationStore>;
