import { describe, expect, it } from 'vitest';
import {
  canCommentOnDocument,
  canCreateDocument,
  canDeleteComment,
  canDeleteDocument,
  canEditDocument,
  canReadComments,
  canReadDocument,
  canResolveAnyComment,
  canResolveComment,
  decideCollabAccess,
} from './documents.policy';
import type { Actor, MembershipFacts, SpaceFacts } from './policy';

const people = {
  anonymous: null,
  member: { id: 'm', role: 'member' },
  nonMember: { id: 'n', role: 'member' },
  animateur: { id: 'a', role: 'member' },
  admin: { id: 'z', role: 'admin' },
} satisfies Record<string, Actor>;
type Who = keyof typeof people;

const membershipOf = (who: Who): MembershipFacts => {
  if (who === 'member') return { userId: 'm', role: 'membre', status: 'active' };
  if (who === 'animateur') return { userId: 'a', role: 'animateur', status: 'active' };
  return null;
};

const spaces: Record<string, SpaceFacts | null> = {
  public: { visibility: 'public', joinPolicy: 'open', status: 'active' },
  members: { visibility: 'members', joinPolicy: 'request', status: 'active' },
  private: { visibility: 'private', joinPolicy: 'invite', status: 'active' },
  archived: { visibility: 'members', joinPolicy: 'request', status: 'archived' },
  alliance: null,
};

const whos: Who[] = ['anonymous', 'member', 'nonMember', 'animateur', 'admin'];

describe('documents policy', () => {
  it.each([
    ['public', 'read edit read edit edit'],
    ['members', 'unauthenticated edit forbidden edit edit'],
    ['private', 'not_found edit not_found edit edit'],
    ['archived', 'unauthenticated read forbidden read read'],
    ['alliance', 'read read read read edit'],
  ])('gives /collab access in a %s space: %s', (space, expected) => {
    const facts = spaces[space] ?? null;
    const answers = whos.map((who) => decideCollabAccess(people[who], facts, membershipOf(who)));
    expect(answers.join(' ')).toBe(expected);
  });

  it('reads, edits and creates consistently with the collab access', () => {
    for (const [name, facts] of Object.entries(spaces)) {
      for (const who of whos) {
        const access = decideCollabAccess(people[who], facts, membershipOf(who));
        expect(canEditDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(access === 'edit');
        expect(canCreateDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(access === 'edit');
        expect(canReadDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(
          access === 'edit' || access === 'read',
        );
      }
    }
  });

  it('lets authors, animateur·ices and admins delete', () => {
    const facts = spaces.members ?? null;
    const byMember = { createdBy: 'm' };
    const byOther = { createdBy: 'someone' };
    expect(whos.map((who) => canDeleteDocument(people[who], facts, membershipOf(who), byMember))).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(whos.map((who) => canDeleteDocument(people[who], facts, membershipOf(who), byOther))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(whos.map((who) => canDeleteDocument(people[who], null, membershipOf(who), byMember))).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('grants nothing for a pending request or someone else’s membership', () => {
    const facts = spaces.members ?? null;
    const pending: MembershipFacts = { userId: 'n', role: 'membre', status: 'pending' };
    expect(decideCollabAccess(people.nonMember, facts, pending)).toBe('forbidden');
    expect(decideCollabAccess(people.nonMember, facts, membershipOf('member'))).toBe('forbidden');
  });
});

describe('comments policy', () => {
  const yes = (value: boolean) => (value ? 'y' : '-');
  const row = (decide: (who: Who) => boolean) => whos.map((who) => yes(decide(who))).join('');

  // Columns: anonymous, member, non-member, animateur, admin.
  it.each([
    ['public', 'y'.repeat(5), '-y-yy'],
    ['members', '-y-yy', '-y-yy'],
    ['private', '-y-yy', '-y-yy'],
    ['archived', '-y-yy', '-----'],
    ['alliance', 'yyyyy', '-yyyy'],
  ])('in a %s space, reads (%s) and comments (%s)', (space, reads, comments) => {
    const facts = spaces[space] ?? null;
    expect(row((who) => canReadComments(people[who], facts, membershipOf(who)))).toBe(reads);
    expect(row((who) => canCommentOnDocument(people[who], facts, membershipOf(who)))).toBe(comments);
  });

  it('lets readers who are members comment, and never someone who may not read the document', () => {
    for (const [name, facts] of Object.entries(spaces)) {
      for (const who of whos) {
        const may = canCommentOnDocument(people[who], facts, membershipOf(who));
        if (may) expect(canReadDocument(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(true);
      }
    }
  });

  it.each([
    // Someone else's thread: editors (members), animateur·ices and admins; an alliance document: admins.
    ['members', 'other', '-y-yy'],
    ['public', 'other', '-y-yy'],
    ['alliance', 'other', '----y'],
    ['archived', 'other', '-----'],
    // One's own thread: its author too, while they may comment.
    ['alliance', 'member', '-y--y'],
    ['archived', 'member', '-----'],
  ])('in a %s space, resolves and reopens a thread by %s: %s', (space, author, expected) => {
    const facts = spaces[space] ?? null;
    const thread = { authorId: author === 'member' ? 'm' : 'someone' };
    expect(row((who) => canResolveComment(people[who], facts, membershipOf(who), thread))).toBe(expected);
  });

  it('resolves any thread exactly where one resolves someone else’s', () => {
    for (const [name, facts] of Object.entries(spaces)) {
      for (const who of whos) {
        expect(canResolveAnyComment(people[who], facts, membershipOf(who)), `${who} ${name}`).toBe(
          canResolveComment(people[who], facts, membershipOf(who), { authorId: 'someone' }),
        );
      }
    }
  });

  it('lets authors withdraw their comments, and those who run the space delete any', () => {
    const mine = { authorId: 'm' };
    const other = { authorId: 'someone' };
    expect(row((who) => canDeleteComment(people[who], spaces.members ?? null, membershipOf(who), mine))).toBe('-y-yy');
    expect(row((who) => canDeleteComment(people[who], spaces.members ?? null, membershipOf(who), other))).toBe('---yy');
    // Kept for reading only, but one's words may still be withdrawn.
    expect(row((who) => canDeleteComment(people[who], spaces.archived ?? null, membershipOf(who), mine))).toBe('-y-yy');
    expect(row((who) => canDeleteComment(people[who], null, membershipOf(who), mine))).toBe('-y--y');
    expect(row((who) => canDeleteComment(people[who], null, membershipOf(who), other))).toBe('----y');
  });

  it('grants no comment for a pending request', () => {
    const pending: MembershipFacts = { userId: 'n', role: 'membre', status: 'pending' };
    expect(canCommentOnDocument(people.nonMember, spaces.members ?? null, pending)).toBe(false);
    expect(canResolveComment(people.nonMember, spaces.members ?? null, pending, { authorId: 'n' })).toBe(false);
  });
});
