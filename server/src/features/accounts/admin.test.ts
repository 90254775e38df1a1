import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { PASSWORD, signUp, uniqueEmail } from '../../test/http';
import { ensureAdmin } from './accounts.service';

describe('ensureAdmin (ADMIN_EMAIL / pnpm admin:create)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const login = (email: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('creates an admin who can sign in', async () => {
    const email = uniqueEmail('admin');
    expect(await ensureAdmin(ctx.database.db, { email, password: 'mot-de-passe-admin' })).toMatchObject({
      created: true,
    });
    const response = await login(email, 'mot-de-passe-admin');
    expect(response.json().user.role).toBe('admin');
  });

  it('promotes an existing account and sets its password, without duplicating it', async () => {
    const { email } = await signUp(ctx.app);
    const result = await ensureAdmin(ctx.database.db, { email: email.toUpperCase(), password: 'autre-mot-de-passe' });
    expect(result.created).toBe(false);
    expect((await login(email, PASSWORD)).statusCode).toBe(401);
    expect((await login(email, 'autre-mot-de-passe')).json().user.role).toBe('admin');
    const rows = await ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).toHaveLength(1);
  });
});
