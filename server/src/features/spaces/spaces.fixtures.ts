import type { Db } from '../../db/database';
import { sessionCookieName } from '../../plugins/auth';
import { createSession } from '../../plugins/auth/sessions.queries';
import type { TestContext } from '../../test/app';

/**
 * Factories for space tests: people and spaces written straight to the database (no argon2,
 * no HTTP), and the headers a browser of that person would send.
 */

let sequence = 0;
const next = () => {
  sequence += 1;
  return `${Date.now().toString(36)}-${sequence}`;
};

export interface TestPerson {
  id: string;
  email: string;
  displayName: string;
  /** Cookie and CSRF headers of a live session. */
  headers: Record<string, string>;
}

export async function createPerson(
  ctx: TestContext,
  overrides: { role?: 'member' | 'admin'; locale?: 'fr' | 'en'; displayName?: string; email?: string } = {},
): Promise<TestPerson> {
  const { db } = ctx.database;
  const id = next();
  const user = await db
    .insertInto('users')
    .values({
      email: overrides.email ?? `personne.${id}@exemple.fr`,
      display_name: overrides.displayName ?? `Personne ${id}`,
      role: overrides.role ?? 'member',
      locale: overrides.locale ?? 'fr',
      organisation_name: 'Commune de Test',
      organisation_kind: 'collectivite',
      territory: 'Drôme',
      fantastic_role: 'agent',
    })
    .returning(['id', 'email', 'display_name'])
    .executeTakeFirstOrThrow();
  const { token, csrfToken } = await createSession(db, user.id, 'vitest', ctx.config.session);
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    headers: { cookie: `${sessionCookieName(ctx.config.production)}=${token}`, 'x-csrf-token': csrfToken },
  };
}

export async function createSpaceRow(
  db: Db,
  values: {
    visibility: 'public' | 'members' | 'private';
    joinPolicy: 'open' | 'request' | 'invite';
    status?: 'active' | 'archived';
    title?: string;
  },
) {
  const slug = `espace-${next()}`.toLowerCase();
  return db
    .insertInto('spaces')
    .values({
      slug,
      kind: 'chantier',
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
  values: { role?: 'animateur' | 'membre'; status?: 'active' | 'pending' } = {},
) {
  await db
    .insertInto('memberships')
    .values({ space_id: spaceId, user_id: userId, role: values.role ?? 'membre', status: values.status ?? 'active' })
    .execute();
}

/** Everything a refused write could have touched, to compare before and after. */
export async function snapshotSpace(db: Db, spaceId: string) {
  const [space, memberships, invitations, projects] = await Promise.all([
    db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst(),
    db.selectFrom('memberships').selectAll().where('space_id', '=', spaceId).orderBy('user_id').execute(),
    db.selectFrom('space_invitations').selectAll().where('space_id', '=', spaceId).orderBy('id').execute(),
    db.selectFrom('space_projects').selectAll().where('space_id', '=', spaceId).orderBy('position').execute(),
  ]);
  return { space, memberships, invitations, projects };
}

export const mailsTo = (db: Db, address: string) =>
  db
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body', 'html_body'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute();
