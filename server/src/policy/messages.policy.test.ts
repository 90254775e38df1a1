import { describe, expect, it } from 'vitest';
import {
  canChangeMessage,
  canFlagMessage,
  canReadConversation,
  canUseMessages,
  canWriteInConversation,
  canWriteTo,
} from './messages.policy';
import type { Actor } from './policy';

const member: Actor = { id: 'member', role: 'member' };
const admin: Actor = { id: 'admin', role: 'admin' };
const recipient = (overrides: Partial<Parameters<typeof canWriteTo>[1]> = {}) => ({
  acceptFrom: 'everyone' as const,
  sharesSpace: false,
  blockedWriter: false,
  ...overrides,
});

describe('messages policy', () => {
  it('lets participants read a conversation, and nobody else — admins included', () => {
    expect(canReadConversation(member, { participant: true })).toBe(true);
    expect(canReadConversation(member, { participant: false })).toBe(false);
    expect(canReadConversation(admin, { participant: false })).toBe(false);
    expect(canReadConversation(null, { participant: true })).toBe(false);
  });

  it('follows the recipient’s choice of who may write to them', () => {
    expect(canWriteTo(member, recipient())).toBe(true);
    expect(canWriteTo(member, recipient({ acceptFrom: 'spaces' }))).toBe(false);
    expect(canWriteTo(member, recipient({ acceptFrom: 'spaces', sharesSpace: true }))).toBe(true);
    expect(canWriteTo(member, recipient({ acceptFrom: 'nobody', sharesSpace: true }))).toBe(false);
    expect(canWriteTo(admin, recipient({ acceptFrom: 'nobody' }))).toBe(false);
    expect(canWriteTo(null, recipient())).toBe(false);
  });

  it('never lets a blocked person write to the one who blocked them', () => {
    expect(canWriteTo(member, recipient({ blockedWriter: true }))).toBe(false);
    expect(canWriteInConversation(member, { participant: true, blockedByOther: true })).toBe(false);
    expect(canWriteInConversation(member, { participant: true, blockedByOther: false })).toBe(true);
    expect(canWriteInConversation(admin, { participant: false, blockedByOther: false })).toBe(false);
  });

  it('lets authors change their messages and others report them', () => {
    const mine = { authorId: 'member' };
    const theirs = { authorId: 'other' };
    expect(canChangeMessage(member, { participant: true }, mine)).toBe(true);
    expect(canChangeMessage(member, { participant: true }, theirs)).toBe(false);
    expect(canChangeMessage(member, { participant: false }, mine)).toBe(false);
    expect(canFlagMessage(member, { participant: true }, theirs)).toBe(true);
    expect(canFlagMessage(member, { participant: true }, mine)).toBe(false);
    expect(canFlagMessage(admin, { participant: false }, theirs)).toBe(false);
  });

  it('lets anyone signed in use messages', () => {
    expect(canUseMessages(member)).toBe(true);
    expect(canUseMessages(null)).toBe(false);
  });
});
