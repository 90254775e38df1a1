import { JoinRequestListSchema, MemberListSchema, MySpacesSchema, SpaceResponseSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, snapshotSpace } from '../../test/factories/spaces';
import { mailsTo } from '../../test/outbox';

let ctx: TestContext;
const db = () => ctx.database.db;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: TestPerson, payload?: object) =>
  ctx.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('a space page', () => {
  it('presents the space, its projects and animateurs, and what the caller may do', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    await db()
      .insertInto('space_projects')
      .values({ space_id: space.id, territory: 'Grand Chambéry', theme: 'Mobilité', position: 0 })
      .execute();
    const animateur = await createPerson(ctx, { displayName: 'Alix Animatrice' });
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    const visitor = await createPerson(ctx);

    const anonymous = SpaceResponseSchema.parse((await call('GET', `/api/spaces/${space.slug}`)).json());
    expect(anonymous.space).toMatchObject({ slug: space.slug, memberCount: 1, animateurs: [] });
    expect(anonymous.space.projects).toEqual([{ territory: 'Grand Chambéry', theme: 'Mobilité', territoryId: null }]);
    expect(anonymous.membership).toBeNull();
    expect(anonymous.permissions).toEqual({
      viewContent: false,
      join: false,
      leave: false,
      manage: false,
      seeMembers: false,
    });

    const seen = SpaceResponseSchema.parse((await call('GET', `/api/spaces/${space.slug}`, visitor)).json());
    expect(seen.space.animateurs).toEqual([{ id: animateur.id, displayName: 'Alix Animatrice' }]);
    expect(seen.permissions).toMatchObject({ join: true, manage: false, viewContent: false });

    const own = SpaceResponseSchema.parse((await call('GET', `/api/spaces/${space.slug}`, animateur)).json());
    expect(own.membership).toEqual({ status: 'active', role: 'animateur' });
    expect(own.permissions).toMatchObject({ manage: true, leave: true, viewContent: true, join: false });
  });
});

describe('joining', () => {
  it('lets people into an open space at once, and a second join answers the same membership, changing nothing', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const person = await createPerson(ctx);
    const first = await call('POST', `/api/spaces/${space.slug}/join`, person);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ membership: { status: 'active', role: 'membre' } });

    const before = await snapshotSpace(db(), space.id);
    const again = await call('POST', `/api/spaces/${space.slug}/join`, person);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ membership: { status: 'active', role: 'membre' } });
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });

  it('answers a second request to join with the request still pending, without telling the animateurs twice', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const animateur = await createPerson(ctx);
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    const person = await createPerson(ctx);
    expect((await call('POST', `/api/spaces/${space.slug}/join`, person)).json().membership.status).toBe('pending');
    await expect.poll(async () => (await mailsTo(db(), animateur.email)).length).toBe(1);
    const again = await call('POST', `/api/spaces/${space.slug}/join`, person);
    expect([again.statusCode, again.json()]).toEqual([200, { membership: { status: 'pending', role: 'membre' } }]);
    expect(await mailsTo(db(), animateur.email)).toHaveLength(1);
  });

  it('keeps one membership when the same person joins twice at the same moment', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const person = await createPerson(ctx);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call('POST', `/api/spaces/${space.slug}/join`, person)),
    );
    expect(answers.map((answer) => [answer.statusCode, answer.json()])).toEqual(
      Array(4).fill([200, { membership: { status: 'active', role: 'membre' } }]),
    );
    expect((await snapshotSpace(db(), space.id)).memberships).toHaveLength(1);
  });

  it('records a request, tells the animateurs, and lets an animateur approve it once', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request', title: 'Cohorte Test' });
    const animateur = await createPerson(ctx);
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    const requester = await createPerson(ctx, { locale: 'en', displayName: 'Robin' });

    const asked = await call('POST', `/api/spaces/${space.slug}/join`, requester);
    expect(asked.json()).toEqual({ membership: { status: 'pending', role: 'membre' } });
    const [notice] = await mailsTo(db(), animateur.email);
    expect(notice?.subject).toBe('Nouvelle demande pour rejoindre « Cohorte Test »');
    expect(notice?.text_body).toContain('Robin demande à rejoindre');

    const requests = JoinRequestListSchema.parse(
      (await call('GET', `/api/spaces/${space.slug}/requests`, animateur)).json(),
    );
    expect(requests.items.map((item) => item.user.id)).toEqual([requester.id]);

    const approved = await call('POST', `/api/spaces/${space.slug}/requests/${requester.id}/approve`, animateur);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().member).toMatchObject({ user: { id: requester.id }, role: 'membre', status: 'active' });
    const [welcome] = await mailsTo(db(), requester.email);
    expect(welcome?.subject).toBe('Welcome to “Cohorte Test”');
    expect(welcome?.text_body).toContain(`/espaces/${space.slug}`);

    const before = await snapshotSpace(db(), space.id);
    const twice = await call('POST', `/api/spaces/${space.slug}/requests/${requester.id}/approve`, animateur);
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.code).toBe('not_found');
    expect(await snapshotSpace(db(), space.id)).toEqual(before);
  });

  it('declines a request, removing it and telling the requester in French', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request', title: 'Réseau' });
    const admin = await createPerson(ctx, { role: 'admin' });
    const requester = await createPerson(ctx);
    await addMembership(db(), space.id, requester.id, { status: 'pending' });
    const declined = await call('POST', `/api/spaces/${space.slug}/requests/${requester.id}/decline`, admin);
    expect(declined.statusCode).toBe(204);
    expect((await snapshotSpace(db(), space.id)).memberships).toEqual([]);
    const [mail] = await mailsTo(db(), requester.email);
    expect(mail?.subject).toBe('Votre demande pour « Réseau »');
    expect(mail?.text_body).toContain('n’a pas été retenue');
  });

  it('refuses invite-only spaces (403) and archived spaces (409 space_archived)', async () => {
    const person = await createPerson(ctx);
    const invite = await createSpace(db(), { visibility: 'members', joinPolicy: 'invite' });
    const archived = await createSpace(db(), { visibility: 'public', joinPolicy: 'open', status: 'archived' });
    const refused = await call('POST', `/api/spaces/${invite.slug}/join`, person);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden']);
    const closed = await call('POST', `/api/spaces/${archived.slug}/join`, person);
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'space_archived']);
    expect((await snapshotSpace(db(), invite.id)).memberships).toEqual([]);
    expect((await snapshotSpace(db(), archived.id)).memberships).toEqual([]);
  });
});

describe('leaving and the last animateur', () => {
  it('answers 404 not_member to someone leaving a space they are not in', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const person = await createPerson(ctx);
    const response = await call('DELETE', `/api/spaces/${space.slug}/membership`, person);
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'not_member']);
  });

  it('withdraws a pending request', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const person = await createPerson(ctx);
    await addMembership(db(), space.id, person.id, { status: 'pending' });
    expect((await call('DELETE', `/api/spaces/${space.slug}/membership`, person)).statusCode).toBe(204);
    expect((await snapshotSpace(db(), space.id)).memberships).toEqual([]);
  });

  it('keeps the last animateur until they name an active member as successor', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const animateur = await createPerson(ctx);
    const member = await createPerson(ctx);
    const stranger = await createPerson(ctx);
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    await addMembership(db(), space.id, member.id);
    const before = await snapshotSpace(db(), space.id);

    const alone = await call('DELETE', `/api/spaces/${space.slug}/membership`, animateur);
    expect([alone.statusCode, alone.json().error.code]).toEqual([409, 'last_animateur']);
    const wrong = await call('DELETE', `/api/spaces/${space.slug}/membership?successorId=${stranger.id}`, animateur);
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, 'invalid_input']);
    const garbage = await call('DELETE', `/api/spaces/${space.slug}/membership?successorId=x'or'1`, animateur);
    expect(garbage.statusCode).toBe(400);
    const demote = await call('PATCH', `/api/spaces/${space.slug}/members/${animateur.id}`, animateur, {
      role: 'membre',
    });
    expect([demote.statusCode, demote.json().error.code]).toEqual([409, 'last_animateur']);
    expect(await snapshotSpace(db(), space.id)).toEqual(before);

    const handover = await call('DELETE', `/api/spaces/${space.slug}/membership?successorId=${member.id}`, animateur);
    expect(handover.statusCode).toBe(204);
    const after = await snapshotSpace(db(), space.id);
    expect(after.memberships.map((row) => [row.user_id, row.role])).toEqual([[member.id, 'animateur']]);
  });

  it('applies the same rule when an admin removes the last animateur', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const admin = await createPerson(ctx, { role: 'admin' });
    const animateur = await createPerson(ctx);
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    const refused = await call('DELETE', `/api/spaces/${space.slug}/members/${animateur.id}`, admin);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'last_animateur']);
    const unknown = await call('DELETE', `/api/spaces/${space.slug}/members/${admin.id}`, admin);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'not_member']);
  });

  it('lets two animateurs leaving at once never leave the space without one', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const first = await createPerson(ctx);
    const second = await createPerson(ctx);
    await addMembership(db(), space.id, first.id, { role: 'animateur' });
    await addMembership(db(), space.id, second.id, { role: 'animateur' });
    const answers = await Promise.all(
      [first, second].map((who) => call('DELETE', `/api/spaces/${space.slug}/membership`, who)),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([204, 409]);
    expect((await snapshotSpace(db(), space.id)).memberships).toHaveLength(1);
  });
});

describe('members and "Mes espaces"', () => {
  it('lists members with organisation, territory and role, animateurs first, page by page', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const people = await Promise.all(
      ['Zoé', 'Ariane', 'Bastien'].map((displayName) => createPerson(ctx, { displayName })),
    );
    const [zoe, ariane, bastien] = people as [TestPerson, TestPerson, TestPerson];
    await addMembership(db(), space.id, zoe.id, { role: 'animateur' });
    await addMembership(db(), space.id, ariane.id);
    await addMembership(db(), space.id, bastien.id);

    const first = MemberListSchema.parse(
      (await call('GET', `/api/spaces/${space.slug}/members?limit=2`, ariane)).json(),
    );
    expect(first.items.map((item) => item.user.displayName)).toEqual(['Zoé', 'Ariane']);
    expect(first.items[0]).toMatchObject({
      role: 'animateur',
      status: 'active',
      user: { organisationName: 'Commune de Test', territory: 'Drôme', fantasticRole: 'agent' },
    });
    const rest = await call('GET', `/api/spaces/${space.slug}/members?limit=2&cursor=${first.nextCursor}`, ariane);
    expect(MemberListSchema.parse(rest.json())).toMatchObject({
      items: [{ user: { displayName: 'Bastien' } }],
      nextCursor: null,
    });
    const badCursor = await call('GET', `/api/spaces/${space.slug}/members?cursor=nope`, ariane);
    expect(badCursor.statusCode).toBe(400);

    const promoted = await call('PATCH', `/api/spaces/${space.slug}/members/${bastien.id}`, zoe, { role: 'animateur' });
    expect(promoted.json().member).toMatchObject({ role: 'animateur' });
  });

  it('walks every member and every request exactly once, page by page, even when names tie', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'request' });
    const animateur = await createPerson(ctx, { displayName: 'Zoé' });
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
    const members = await Promise.all(
      ['camille', 'Camille', 'Éloi', 'Camille'].map((displayName) => createPerson(ctx, { displayName })),
    );
    const waiting = await Promise.all(['B', 'A', 'C'].map((displayName) => createPerson(ctx, { displayName })));
    for (const member of members) await addMembership(db(), space.id, member.id);
    // Requests go by date, then by id: two of them arrive at the same instant.
    const arrivals = [
      new Date('2026-03-02T10:00:00Z'),
      new Date('2026-03-01T10:00:00Z'),
      new Date('2026-03-01T10:00:00Z'),
    ];
    for (const [index, person] of waiting.entries()) {
      await addMembership(db(), space.id, person.id, { status: 'pending', createdAt: arrivals[index] });
    }

    const walk = async (path: string, schema: typeof MemberListSchema | typeof JoinRequestListSchema) => {
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const response = await call('GET', `${path}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, animateur);
        const page = schema.parse(response.json());
        seen.push(...page.items.map((item) => item.user.id));
        cursor = page.nextCursor;
      }
      return seen;
    };
    const active = await walk(`/api/spaces/${space.slug}/members`, MemberListSchema);
    expect(active[0]).toBe(animateur.id);
    expect(new Set(active)).toEqual(new Set([animateur.id, ...members.map((member) => member.id)]));
    expect(active).toHaveLength(5);
    const requests = await walk(`/api/spaces/${space.slug}/requests`, JoinRequestListSchema);
    const [latest, ...tied] = waiting.map((person) => person.id);
    expect(requests).toEqual([...tied.sort(), latest]);
  });

  it('shows my active memberships and pending requests', async () => {
    const person = await createPerson(ctx);
    const open = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    const asked = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db(), open.id, person.id, { role: 'animateur' });
    await addMembership(db(), asked.id, person.id, { status: 'pending' });
    const mine = MySpacesSchema.parse((await call('GET', '/api/me/spaces', person)).json());
    expect(mine.items.map((item) => [item.space.slug, item.membership.status, item.membership.role]).sort()).toEqual(
      [
        [open.slug, 'active', 'animateur'],
        [asked.slug, 'pending', 'membre'],
      ].sort(),
    );
    expect((await call('GET', '/api/me/spaces')).statusCode).toBe(401);
  });
});
