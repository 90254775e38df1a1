import { sessionCookieName } from '../../plugins/auth';
import { createSession } from '../../plugins/auth/sessions.queries';
import type { TestContext } from '../app';

/**
 * People written straight to the database (no argon2, no HTTP), each with a live session and
 * the headers a browser of that person would send.
 */

let sequence = 0;
/** A suffix unique within the test run, for emails, names and slugs. */
export const uniqueSuffix = () => {
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
  const id = uniqueSuffix();
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
