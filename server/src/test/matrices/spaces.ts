import { expect } from 'vitest';
import { createInvitation } from '../../features/spaces/invitations.queries';
import { createPerson, type TestPerson } from '../factories/people';
import { addMembership } from '../factories/spaces';
import { type Actor, defineMatrix, everyone, type MatrixRoute, spaceSlug, type Visibility } from '../matrix';

/**
 * The space routes. Each case's space holds, besides the member and the animateur·ice, one
 * pending applicant and one more member (the target of member management).
 */

interface Fixture {
  target: TestPerson;
  /** A live invitation link for the actor's own address (a new address for anonymous). */
  invitationToken(actor: Actor): Promise<string>;
  /** An open invitation of someone else, sent two days ago (so that it may be reminded). */
  openInvitationId(): Promise<string>;
}

type Route = MatrixRoute<Fixture>;

/** Managing members and requests: animateur·ices and admins; private spaces stay hidden from outsiders. */
const manage = (ok: number) => ({
  public: [401, 403, 403, 403, ok, ok],
  members: [401, 403, 403, 403, ok, ok],
  private: [401, 404, 404, 403, ok, ok],
});

/** Who finds the space in `GET /spaces`: whoever may know it exists. */
const LISTED: Record<Visibility, readonly Actor[]> = {
  public: ['anonymous', 'outsider', 'pending', 'member', 'animateur', 'admin'],
  members: ['anonymous', 'outsider', 'pending', 'member', 'animateur', 'admin'],
  private: ['member', 'animateur', 'admin'],
};

const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/spaces',
    expect: everyone([200, 200, 200, 200, 200, 200]),
    check: (response, c) => {
      const slugs = (response.json().items as { slug: string }[]).map((item) => item.slug);
      expect(slugs.includes(c.space.slug), 'listed').toBe(LISTED[c.visibility].includes(c.actor));
    },
  },
  {
    method: 'GET',
    path: '/api/spaces/:slug',
    params: spaceSlug,
    expect: {
      public: [200, 200, 200, 200, 200, 200],
      members: [200, 200, 200, 200, 200, 200],
      private: [404, 404, 404, 200, 200, 200],
    },
  },
  {
    method: 'POST',
    path: '/api/spaces',
    body: () => ({
      kind: 'chantier',
      title: `Nouveau ${Math.random().toString(36).slice(2)}`,
      visibility: 'public',
      joinPolicy: 'open',
    }),
    expect: everyone([401, 403, 403, 403, 403, 201]),
  },
  {
    method: 'PATCH',
    path: '/api/spaces/:slug',
    params: spaceSlug,
    body: () => ({ summary: 'Modifié', status: 'archived' }),
    expect: {
      public: [401, 403, 403, 403, 200, 200],
      members: [401, 403, 403, 403, 200, 200],
      private: [401, 404, 404, 403, 200, 200],
    },
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/join',
    params: spaceSlug,
    expect: {
      public: [401, 200, 200, 200, 200, 200],
      members: [401, 200, 200, 200, 200, 200],
      private: [401, 404, 404, 200, 200, 200],
    },
  },
  {
    method: 'DELETE',
    path: '/api/spaces/:slug/membership',
    params: spaceSlug,
    expect: everyone([401, 404, 204, 204, 409, 404]),
  },
  {
    method: 'GET',
    path: '/api/spaces/:slug/members',
    params: spaceSlug,
    expect: {
      public: [401, 200, 200, 200, 200, 200],
      members: [401, 403, 403, 200, 200, 200],
      private: [401, 404, 404, 200, 200, 200],
    },
  },
  {
    method: 'PATCH',
    path: '/api/spaces/:slug/members/:userId',
    params: (c) => ({ slug: c.space.slug, userId: c.fixture.target.id }),
    body: () => ({ role: 'animateur' }),
    expect: manage(200),
  },
  {
    method: 'DELETE',
    path: '/api/spaces/:slug/members/:userId',
    params: (c) => ({ slug: c.space.slug, userId: c.fixture.target.id }),
    expect: manage(204),
  },
  { method: 'GET', path: '/api/spaces/:slug/requests', params: spaceSlug, expect: manage(200) },
  {
    method: 'POST',
    path: '/api/spaces/:slug/requests/:userId/approve',
    params: (c) => ({ slug: c.space.slug, userId: c.people.pending.id }),
    expect: manage(200),
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/requests/:userId/decline',
    params: (c) => ({ slug: c.space.slug, userId: c.people.pending.id }),
    expect: manage(204),
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/invitations',
    params: spaceSlug,
    body: () => ({ email: 'invitee@exemple.fr' }),
    expect: manage(201),
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/invitations/bulk',
    note: 'a dry run: checks the lines, invites nobody',
    params: spaceSlug,
    query: () => ({ dryRun: 'true' }),
    body: () => ({ rows: [{ email: 'cohorte@exemple.fr', role4F: 'elu' }] }),
    expect: manage(200),
  },
  {
    method: 'GET',
    path: '/api/spaces/:slug/invitations',
    params: spaceSlug,
    expect: manage(200),
  },
  {
    method: 'POST',
    path: '/api/spaces/:slug/invitations/:id/remind',
    params: async (c) => ({ ...spaceSlug(c), id: await c.fixture.openInvitationId() }),
    expect: manage(200),
  },
  {
    method: 'DELETE',
    path: '/api/spaces/:slug/invitations/:id',
    params: async (c) => ({ ...spaceSlug(c), id: await c.fixture.openInvitationId() }),
    expect: manage(204),
  },
  {
    method: 'GET',
    path: '/api/invitations/:token',
    params: async (c) => ({ token: await c.fixture.invitationToken(c.actor) }),
    expect: everyone([200, 200, 200, 200, 200, 200]),
  },
  {
    method: 'POST',
    path: '/api/invitations/:token/accept',
    note: 'own invitation',
    params: async (c) => ({ token: await c.fixture.invitationToken(c.actor) }),
    body: (c) =>
      c.actor === 'anonymous'
        ? { displayName: 'Invitée', password: 'transition-2030!', acceptCharter: true }
        : undefined,
    expect: everyone([200, 200, 200, 200, 200, 200]),
  },
  { method: 'GET', path: '/api/me/spaces', expect: everyone([401, 200, 200, 200, 200, 200]) },
];

let anonymousInvitations = 0;

export const spacesMatrix = defineMatrix<Fixture>({
  name: 'space routes × people × visibility',
  actors: ['anonymous', 'outsider', 'pending', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, db, people, space }) => {
    const target = await createPerson(ctx);
    await addMembership(db, space.id, target.id);
    return {
      target,
      async invitationToken(actor) {
        anonymousInvitations += 1;
        const email = actor === 'anonymous' ? `invitee.${anonymousInvitations}@exemple.fr` : people[actor].email;
        const { token } = await createInvitation(db, {
          spaceId: space.id,
          email,
          role: 'membre',
          invitedBy: people.animateur.id,
          ttlMs: 60_000,
        });
        return token;
      },
      async openInvitationId() {
        anonymousInvitations += 1;
        const { id } = await createInvitation(db, {
          spaceId: space.id,
          email: `rappel.${anonymousInvitations}@exemple.fr`,
          role: 'membre',
          invitedBy: people.animateur.id,
          ttlMs: 14 * 86_400_000,
        });
        await db
          .updateTable('space_invitations')
          .set({ created_at: new Date(Date.now() - 2 * 86_400_000) } as never)
          .where('id', '=', id)
          .execute();
        return id;
      },
    };
  },
  routes,
  tables: [
    'spaces',
    'memberships',
    'space_invitations',
    'space_projects',
    'join_request_notices',
    'users',
    'mail_outbox',
  ],
  refusals: { 404: ['not_found', 'not_member'], 409: ['last_animateur'] },
});
