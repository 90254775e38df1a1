import { SpaceListSchema, type SpaceSummary } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { seedAlliance } from '../seed/seed.service';

describe('GET /api/spaces', () => {
  let ctx: TestContext;
  let privateSpaceId: string;
  const cookies: Record<'insider' | 'pending' | 'outsider' | 'admin', string> = {
    insider: '',
    pending: '',
    outsider: '',
    admin: '',
  };

  const list = async (cookie?: string): Promise<SpaceSummary[]> => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/spaces', headers: cookie ? { cookie } : {} });
    expect(response.statusCode).toBe(200);
    return SpaceListSchema.parse(response.json()).items;
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    const { db } = ctx.database;
    await seedAlliance(db);
    const privateSpace = await createSpace(db, {
      slug: 'cercle-restreint',
      kind: 'communaute',
      title: 'Cercle restreint',
      visibility: 'private',
      joinPolicy: 'invite',
    });
    privateSpaceId = privateSpace.id;

    const insider = await createPerson(ctx);
    const pending = await createPerson(ctx);
    const outsider = await createPerson(ctx);
    const admin = await createPerson(ctx, { role: 'admin' });
    await addMembership(db, privateSpaceId, insider.id);
    await addMembership(db, privateSpaceId, pending.id, { status: 'pending' });
    cookies.insider = insider.headers.cookie!;
    cookies.pending = pending.headers.cookie!;
    cookies.outsider = outsider.headers.cookie!;
    cookies.admin = admin.headers.cookie!;

    const recits = await db
      .selectFrom('spaces')
      .select('id')
      .where('slug', '=', 'mise-en-recits')
      .executeTakeFirstOrThrow();
    await addMembership(db, recits.id, insider.id);
    await addMembership(db, recits.id, outsider.id);
    await addMembership(db, recits.id, pending.id, { status: 'pending' });
  });
  afterAll(() => ctx.close());

  it('lists public and members-only spaces to anonymous visitors, but no private one', async () => {
    const items = await list();
    expect(items).toHaveLength(11);
    expect(new Set(items.map((space) => space.visibility))).toEqual(new Set(['public', 'members']));
    expect(items.map((space) => space.slug)).not.toContain('cercle-restreint');
    expect(items.find((space) => space.slug === 'territoires-narratifs')).toMatchObject({
      kind: 'communaute',
      visibility: 'members',
      joinPolicy: 'request',
      status: 'active',
    });
  });

  it('orders chantiers, then communautés, then cohortes, each by French title', async () => {
    const items = await list();
    expect(items.map((space) => space.kind)).toEqual([
      ...Array(4).fill('chantier'),
      ...Array(2).fill('communaute'),
      ...Array(5).fill('cohorte'),
    ]);
    expect(items.slice(0, 4).map((space) => space.title)).toEqual([
      'Éducation populaire et transition juste',
      'Représentations systémiques',
      'Trajectoires de transformation',
      'Voyages apprenants',
    ]);
  });

  it('counts active members only', async () => {
    const items = await list();
    expect(items.find((space) => space.slug === 'mise-en-recits')?.memberCount).toBe(2);
    expect(items.find((space) => space.slug === 'voyages-apprenants')?.memberCount).toBe(0);
  });

  it('shows a private space to its active members and to admins only', async () => {
    const slugsFor = async (cookie: string) => (await list(cookie)).map((space) => space.slug);
    expect(await slugsFor(cookies.insider)).toContain('cercle-restreint');
    expect(await slugsFor(cookies.admin)).toContain('cercle-restreint');
    expect(await slugsFor(cookies.outsider)).not.toContain('cercle-restreint');
    expect(await slugsFor(cookies.pending)).not.toContain('cercle-restreint');

    const seenByInsider = (await list(cookies.insider)).find((space) => space.slug === 'cercle-restreint');
    expect(seenByInsider).toMatchObject({ id: privateSpaceId, visibility: 'private', memberCount: 1 });
    expect(await list(cookies.insider)).toHaveLength(12);
  });
});
