import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { createJobsTestApp } from '../../test/jobs';
import { mailsTo } from '../../test/outbox';

let ctx: TestContext;
let animateur: TestPerson;
let space: { id: string; slug: string };

beforeAll(async () => {
  ctx = await createTestApp();
  animateur = await createPerson(ctx);
  space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'request' });
  await addMembership(ctx.database.db, space.id, animateur.id, { role: 'animateur' });
});
afterAll(() => ctx.close());

const requestMails = async () =>
  (await mailsTo(ctx.database.db, animateur.email)).filter((mail) => mail.subject.startsWith('Nouvelle demande'));

async function askThenWithdraw(app: TestContext['app'], person: TestPerson, times: number) {
  for (let i = 0; i < times; i++) {
    const asked = await app.inject({ method: 'POST', url: `/api/spaces/${space.slug}/join`, headers: person.headers });
    expect(asked.json().membership.status).toBe('pending');
    const withdrawn = await app.inject({
      method: 'DELETE',
      url: `/api/spaces/${space.slug}/membership`,
      headers: person.headers,
    });
    expect(withdrawn.statusCode).toBe(204);
  }
}

describe('mail to the animateur·ices about a request to join', () => {
  it('goes once an hour per requester and space, however often the request is withdrawn and made again', async () => {
    const requester = await createPerson(ctx);
    await askThenWithdraw(ctx.app, requester, 6);
    expect(await requestMails()).toHaveLength(1);

    // Someone else asking is not held back by the first person's loop.
    await askThenWithdraw(ctx.app, await createPerson(ctx), 1);
    expect(await requestMails()).toHaveLength(2);

    // Kept in the database: a restarted (or another) process does not mail again either.
    const other = await createJobsTestApp({ database: ctx.database });
    try {
      await askThenWithdraw(other.app, requester, 3);
    } finally {
      await other.close();
    }
    expect(await requestMails()).toHaveLength(2);

    // An hour later, a new request is news again.
    await ctx.database.db
      .updateTable('join_request_notices')
      .set({ notified_at: new Date(Date.now() - 61 * 60 * 1000) })
      .where('user_id', '=', requester.id)
      .execute();
    await askThenWithdraw(ctx.app, requester, 2);
    expect(await requestMails()).toHaveLength(3);
  });
});
