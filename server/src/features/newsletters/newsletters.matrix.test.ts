import { describe, expect, it } from 'vitest';
import { createNewsletter } from '../../test/factories/newsletters';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { newslettersMatrix } from '../../test/matrices/newsletters';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of the infolettres: every route × every kind of person × every
 * visibility of the space, with the status each must get, from `test/matrices/newsletters.ts`;
 * then unknown ids and archived spaces.
 */

const matrix = describeMatrix(newslettersMatrix);

describe('unknown infolettres', () => {
  it('are 404, whatever the id looks like, even to an admin', async () => {
    const { ctx, people } = matrix;
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [unknown, 'not-an-id']) {
      expect((await request(ctx, people.admin, 'GET', `/api/newsletters/${id}`)).statusCode).toBe(404);
      expect((await request(ctx, people.admin, 'POST', `/api/newsletters/${id}/send`)).statusCode).toBe(404);
    }
  });
});

describe('archived spaces', () => {
  it('keep their archive readable but take no new draft, edit or send', async () => {
    const { ctx, people } = matrix;
    const db = ctx.database.db;
    const space = await createSpace(db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db, space.id, people.animateur.id, { role: 'animateur' });
    await addMembership(db, space.id, people.member.id);
    const draft = await createNewsletter(db, { spaceId: space.id, authorId: people.animateur.id });
    await createNewsletter(db, { spaceId: space.id, authorId: people.animateur.id, status: 'sent' });
    await db.updateTable('spaces').set({ status: 'archived' }).where('id', '=', space.id).execute();

    const before = await matrix.state();
    const attempts = [
      await request(ctx, people.animateur, 'POST', `/api/spaces/${space.slug}/newsletters`, {
        subject: 'Encore',
        body: '<p>Encore</p>',
      }),
      await request(ctx, people.animateur, 'PATCH', `/api/newsletters/${draft.id}`, { subject: 'Encore' }),
      await request(ctx, people.admin, 'POST', `/api/newsletters/${draft.id}/send`),
    ];
    expect(attempts.map((response) => [response.statusCode, response.json().error.code])).toEqual([
      [409, 'space_archived'],
      [409, 'space_archived'],
      [409, 'space_archived'],
    ]);
    expect(await matrix.state()).toEqual(before);
    const archive = await request(ctx, people.member, 'GET', `/api/spaces/${space.slug}/newsletters`);
    expect(archive.json().items).toHaveLength(1);
  });
});
