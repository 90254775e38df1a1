import type { Message } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { lastNumber, type ShownMessage, upsertMessage } from './conversation-state';

const message = (number: number, body = `<p>${number}</p>`): Message => ({
  id: `m${number}`,
  conversationId: 'c',
  number,
  author: { id: 'a', displayName: 'A', avatarUrl: null },
  body,
  createdAt: '2026-12-08T10:00:00.000Z',
  editedAt: null,
  deletedAt: null,
});

describe('upsertMessage', () => {
  it('shows a message once whether the answer or the live event comes first, in number order', () => {
    const pending: ShownMessage = { ...message(0), id: 'pending-k', pendingKey: 'k' };
    let list = upsertMessage([message(1)], message(3));
    list = [...list, pending];
    list = upsertMessage(list, message(2), 'k');
    expect(list.map((item) => item.id)).toEqual(['m1', 'm2', 'm3']);
    list = upsertMessage(list, message(2, '<p>edited</p>'));
    expect(list.map((item) => item.body)).toEqual(['<p>1</p>', '<p>edited</p>', '<p>3</p>']);
    expect(lastNumber(list)).toBe(3);
  });
});
