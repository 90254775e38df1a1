import { ERROR_CODES } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, snapshotSpace } from '../../test/factories/spaces';
import { createInvitation } from './invitations.queries';

/**
 * The authorisation matrix: every space route × every kind of person × every visibility, with
 * the status each must get. Each case runs on a fresh space holding one pending requester,
 * one member, one animateur·ice and one more member (the target of member management), so
 * cases never depend on each other. A refused write must leave every table as it was.
 *
 * The join policy follows the visibility as the alliance uses them: public spaces are open,
 * members-only spaces take requests, private spaces are by invitation.
 */

const ACTORS = ['anonymous', 'outsider', 'pending', 'member', 'animateur', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
const VISIBILITIES = ['public', 'members', 'private'] as const;
type Visibility = (typeof VISIBILITIES)[number];
const JOIN_POLICY = { public: 'open', members: 'request', private: 'invite' } as const;

interface Fixture {
  space: { id: string; slug: string };
  target: TestPerson;
  pending: TestPerson;
  /** A live invitation link for the actor's own address (a new address for anonymous). */
  invitationToken(actor: ActorName): Promise<string>;
}

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url(fixture: Fixture, actor: ActorName): Promise<string> | string;
  payload?(actor: ActorName): object | undefined;
  /** Expected status per visibility, in the order of ACTORS. */
  expect: Record<Visibility, readonly number[]>;
}

const same = (statuses: readonly number[]) => ({ public: statuses, members: statuses, private: statuses });

const ROUTES: Route[] = [
  {
    name: 'GET /spaces/:slug',
    method: 'GET',
    url: (f) => `/api/spaces/${f.space.slug}`,
    expect: {
      public: [200, 200, 200, 200, 200, 200],
      members: [200, 200, 200, 200, 200, 200],
      private: [404, 404, 404, 200, 200, 200],
    },
  },
  {
    name: 'POST /spaces',
    method: 'POST',
    url: () => '/api/spaces',
    payload: () => ({
      kind: 'chantier',
      title: `Nouveau ${Math.random().toString(36).slice(2)}`,
      visibility: 'public',
      joinPolicy: 'open',
    }),
    expect: same([401, 403, 403, 403, 403, 201]),
  },
  {
    name: 'PATCH /spaces/:slug',
    method: 'PATCH',
    url: (f) => `/api/spaces/${f.space.slug}`,
    payload: () => ({ summary: 'Modifié', status: 'archived' }),
    expect: {
      public: [401, 403, 403, 403, 200, 200],
      members: [401, 403, 403, 403, 200, 200],
      private: [401, 404, 404, 403, 200, 200],
    },
  },
  {
    name: 'POST /spaces/:slug/join',
    method: 'POST',
    url: (f) => `/api/spaces/${f.space.slug}/join`,
    expect: {
      public: [401, 200, 409, 409, 409, 200],
      members: [401, 200, 409, 409, 409, 200],
      private: [401, 404, 404, 409, 409, 200],
    },
  },
  {
    name: 'DELETE /spaces/:slug/membership',
    method: 'DELETE',
    url: (f) => `/api/spaces/${f.space.slug}/membership`,
    expect: same([401, 404, 204, 204, 409, 404]),
  },
  {
    name: 'GET /spaces/:slug/members',
    method: 'GET',
    url: (f) => `/api/spaces/${f.space.slug}/members`,
    expect: {
      public: [401, 200, 200, 200, 200, 200],
      members: [401, 403, 403, 200, 200, 200],
      private: [401, 404, 404, 200, 200, 200],
    },
  },
  ...(
    [
      [
        'PATCH /spaces/:slug/members/:userId',
        'PATCH',
        (f: Fixture) => `/api/spaces/${f.space.slug}/members/${f.target.id}`,
        200,
      ],
      [
        'DELETE /spaces/:slug/members/:userId',
        'DELETE',
        (f: Fixture) => `/api/spaces/${f.space.slug}/members/${f.target.id}`,
        204,
      ],
      ['GET /spaces/:slug/requests', 'GET', (f: Fixture) => `/api/spaces/${f.space.slug}/requests`, 200],
      [
        'POST /spaces/:slug/requests/:userId/approve',
        'POST',
        (f: Fixture) => `/api/spaces/${f.space.slug}/requests/${f.pending.id}/approve`,
        200,
      ],
      [
        'POST /spaces/:slug/requests/:userId/decline',
        'POST',
        (f: Fixture) => `/api/spaces/${f.space.slug}/requests/${f.pending.id}/decline`,
        204,
      ],
      ['POST /spaces/:slug/invitations', 'POST', (f: Fixture) => `/api/spaces/${f.space.slug}/invitations`, 201],
    ] as const
  ).map(
    ([name, method, url, ok]): Route => ({
      name,
      method,
      url,
      ...(name.startsWith('PATCH') ? { payload: () => ({ role: 'animateur' }) } : {}),
      ...(name.endsWith('invitations') ? { payload: () => ({ email: 'invitee@exemple.fr' }) } : {}),
      // Managing is for animateur·ices and admins; private spaces stay hidden (404) from outsiders.
      expect: {
        public: [401, 403, 403, 403, ok, ok],
        members: [401, 403, 403, 403, ok, ok],
        private: [401, 404, 404, 403, ok, ok],
      },
    }),
  ),
  {
    name: 'GET /invitations/:token',
    method: 'GET',
    url: async (f, actor) => `/api/invitations/${await f.invitationToken(actor)}`,
    expect: same([200, 200, 200, 200, 200, 200]),
  },
  {
    name: 'POST /invitations/:token/accept (own invitation)',
    method: 'POST',
    url: async (f, actor) => `/api/invitations/${await f.invitationToken(actor)}/accept`,
    payload: (actor) =>
      actor === 'anonymous' ? { displayName: 'Invitée', password: 'transition-2030!', acceptCharter: true } : undefined,
    expect: same([200, 200, 200, 200, 200, 200]),
  },
  {
    name: 'GET /me/spaces',
    method: 'GET',
    url: () => '/api/me/spaces',
    expect: same([401, 200, 200, 200, 200, 200]),
  },
];

/** The codes a refusal may carry for each status. */
const REFUSAL_CODES: Record<number, string[]> = {
  401: ['unauthenticated'],
  403: ['forbidden'],
  404: ['not_found', 'not_member'],
  409: ['already_member', 'last_animateur'],
};

let ctx: TestContext;
let people: Record<Exclude<ActorName, 'anonymous'>, TestPerson>;
let target: TestPerson;
let anonymousInvitations = 0;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  people = {
    outsider: await createPerson(ctx),
    pending: await createPerson(ctx),
    member: await createPerson(ctx),
    animateur: await createPerson(ctx),
    admin: await createPerson(ctx, { role: 'admin' }),
  };
  target = await createPerson(ctx);
});
afterAll(() => ctx.close());

async function fixture(visibility: Visibility): Promise<Fixture> {
  const space = await createSpace(db(), { visibility, joinPolicy: JOIN_POLICY[visibility] });
  await addMembership(db(), space.id, people.pending.id, { status: 'pending' });
  await addMembership(db(), space.id, people.member.id);
  await addMembership(db(), space.id, people.animateur.id, { role: 'animateur' });
  await addMembership(db(), space.id, target.id);
  return {
    space,
    target,
    pending: people.pending,
    async invitationToken(actor) {
      anonymousInvitations += 1;
      const email = actor === 'anonymous' ? `invitee.${anonymousInvitations}@exemple.fr` : people[actor].email;
      const { token } = await createInvitation(db(), {
        spaceId: space.id,
        email,
        role: 'membre',
        invitedBy: people.animateur.id,
        ttlMs: 60_000,
      });
      return token;
    },
  };
}

/** Row counts of every table a space route may write, besides the fixture space itself. */
async function counts() {
  const tables = ['spaces', 'memberships', 'space_invitations', 'users', 'mail_outbox'] as const;
  const rows = await Promise.all(
    tables.map((table) =>
      db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(tables.map((table, index) => [table, Number(rows[index]?.n)]));
}

const CASES = ROUTES.flatMap((route) =>
  VISIBILITIES.flatMap((visibility) =>
    ACTORS.map((actor, index) => [route.name, visibility, actor, route.expect[visibility][index]!, route] as const),
  ),
);

describe('space routes × people × visibility', () => {
  it('covers every route for every person and visibility', () => {
    expect(CASES).toHaveLength(ROUTES.length * ACTORS.length * VISIBILITIES.length);
  });

  it.each(CASES)('%s on a %s space as %s → %i', async (_name, visibility, actor, expected, route) => {
    const f = await fixture(visibility);
    const url = await route.url(f, actor);
    const payload = route.payload?.(actor);
    const before = { space: await snapshotSpace(db(), f.space.id), counts: await counts() };

    const response = await ctx.app.inject({
      method: route.method,
      url,
      headers: actor === 'anonymous' ? {} : people[actor].headers,
      ...(payload ? { payload } : {}),
    });

    expect(response.statusCode, response.body).toBe(expected);
    if (expected >= 400) {
      const code = response.json().error.code as keyof typeof ERROR_CODES;
      expect(REFUSAL_CODES[expected]).toContain(code);
      expect(ERROR_CODES[code]).toBe(expected);
      expect({ space: await snapshotSpace(db(), f.space.id), counts: await counts() }).toEqual(before);
    }
  });
});

describe('GET /spaces lists a space to whom may know it exists', () => {
  const listed: Record<Visibility, readonly boolean[]> = {
    public: [true, true, true, true, true, true],
    members: [true, true, true, true, true, true],
    private: [false, false, false, true, true, true],
  };
  const cases = VISIBILITIES.flatMap((visibility) =>
    ACTORS.map((actor, index) => [visibility, actor, listed[visibility][index]!] as const),
  );
  it.each(cases)('a %s space, asked by %s → listed: %s', async (visibility, actor, expected) => {
    const f = await fixture(visibility);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/spaces',
      headers: actor === 'anonymous' ? {} : people[actor].headers,
    });
    expect(response.statusCode).toBe(200);
    const slugs = (response.json().items as { slug: string }[]).map((item) => item.slug);
    expect(slugs.includes(f.space.slug)).toBe(expected);
  });
});
