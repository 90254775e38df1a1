import { describe, expect, it } from 'vitest';
import {
  type Actor,
  canListSpace,
  canSeeDirectory,
  canViewSpace,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';
import { scopeListsSpace, scopeReadsSpace, searchScope } from './search.policy';

const ME = '00000000-0000-4000-8000-000000000001';
const actors: Record<string, Actor> = {
  anonymous: null,
  member: { id: ME, role: 'member' },
  admin: { id: ME, role: 'admin' },
};
const memberships: Record<string, MembershipFacts> = {
  none: null,
  pending: { userId: ME, role: 'membre', status: 'pending' },
  membre: { userId: ME, role: 'membre', status: 'active' },
  animateur: { userId: ME, role: 'animateur', status: 'active' },
  someoneElse: { userId: '00000000-0000-4000-8000-000000000002', role: 'membre', status: 'active' },
};
const spaces: SpaceFacts[] = (['public', 'members', 'private'] as const).flatMap((visibility) =>
  (['active', 'archived'] as const).map((status) => ({ visibility, status })),
);

describe('the search scope', () => {
  for (const [who, actor] of Object.entries(actors)) {
    it(`reads what ${who} may read, lists what they may list, and the directory if they may`, () => {
      const scope = searchScope(actor);
      expect(scope.people).toBe(canSeeDirectory(actor));
      for (const space of spaces) {
        for (const [kind, membership] of Object.entries(memberships)) {
          // A membership is the actor's own; anonymous visitors have none.
          if (actor === null && kind !== 'none' && kind !== 'someoneElse') continue;
          const facts = `${space.visibility}/${space.status}/${kind}`;
          expect(scopeReadsSpace(scope, space, membership), facts).toBe(canViewSpace(actor, space, membership));
          expect(scopeListsSpace(scope, space, membership), facts).toBe(canListSpace(actor, space, membership));
        }
      }
    });
  }
});
