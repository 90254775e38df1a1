import type { Db } from '../../db/database';
import type { TestContext } from '../app';
import { request } from '../http';
import { createPerson, type TestPerson, uniqueSuffix } from './people';

/** Spaces and memberships written straight to the database. */

export async function createSpace(
  db: Db,
  values: {
    visibility: 'public' | 'members' | 'private';
    joinPolicy: 'open' | 'request' | 'invite';
    status?: 'active' | 'archived';
    kind?: 'chantier' | 'communaute' | 'cohorte';
    slug?: string;
    title?: string;
  },
) {
  const slug = values.slug ?? `espace-${uniqueSuffix()}`.toLowerCase();
  return db
    .insertInto('spaces')
    .values({
      slug,
      kind: values.kind ?? 'chantier',
      title: values.title ?? `Espace ${slug}`,
      summary: 'Un espace de test',
      visibility: values.visibility,
      join_policy: values.joinPolicy,
      status: values.status ?? 'active',
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

export async function addMembership(
  db: Db,
  spaceId: string,
  userId: string,
  values: { role?: 'animateur' | 'membre'; status?: 'active' | 'pending'; createdAt?: Date } = {},
) {
  await db
    .insertInto('memberships')
    .values({
      space_id: spaceId,
      user_id: userId,
      role: values.role ?? 'membre',
      status: values.status ?? 'active',
      ...(values.createdAt && { created_at: values.createdAt }),
    })
    .execute();
}

/** A new person and the members-only space they belong to (by its slug): someone who may share there. */
export async function memberOfSpace(ctx: TestContext): Promise<{ member: TestPerson; slug: string }> {
  const member = await createPerson(ctx);
  const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
  await addMembership(ctx.database.db, space.id, member.id);
  return { member, slug: space.slug };
}

/** Joins an open space through the API, as the person's browser would. */
export async function joinSpace(ctx: TestContext, person: TestPerson, slug: string) {
  const response = await request(ctx, person, 'POST', `/api/spaces/${slug}/join`);
  if (response.statusCode !== 200) throw new Error(`join failed: ${response.statusCode} ${response.body}`);
}

/** Everything a refused write could have touched in one space, to compare before and after. */
export async function snapshotSpace(db: Db, spaceId: string) {
  const [space, memberships, invitations, projects] = await Promise.all([
    db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst(),
    db.selectFrom('memberships').selectAll().where('space_id', '=', spaceId).orderBy('user_id').execute(),
    db.selectFrom('space_invitations').selectAll().where('space_id', '=', spaceId).orderBy('id').execute(),
    db.selectFrom('space_projects').selectAll().where('space_id', '=', spaceId).orderBy('position').execute(),
  ]);
  return { space, memberships, invitations, projects };
}
