import { describe, expect, it } from 'vitest';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { multipart, samples } from '../../test/files';
import { resourcesMatrix } from '../../test/matrices/resources';
import { describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of resources: every route × every kind of person × every
 * visibility, with the status each must get, from `test/matrices/resources.ts`. A refusal
 * leaves the stored files as they were too.
 */

const matrix = describeMatrix(resourcesMatrix);

describe('archived spaces', () => {
  it('are kept for reading: no uploads or links, downloads still work', async () => {
    const { ctx, people } = matrix;
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(ctx.database.db, space.id, people.member.id);
    const shared = await upload(ctx, people.member, space.slug, { filename: 'avant.pdf', content: samples.pdf() });
    expect(shared.statusCode).toBe(201);
    await ctx.database.db.updateTable('spaces').set({ status: 'archived' }).where('id', '=', space.id).execute();
    expect(
      (await upload(ctx, people.member, space.slug, { filename: 'x.pdf', content: samples.pdf() })).statusCode,
    ).toBe(403);
    const link = await ctx.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/links`,
      headers: people.member.headers,
      payload: { url: 'https://exemple.fr', title: 'Lien' },
    });
    expect(link.statusCode).toBe(403);
    const download = await ctx.app.inject({
      method: 'GET',
      url: `/api/files/${shared.json().file.id}/download`,
      headers: people.member.headers,
    });
    expect(download.statusCode).toBe(200);
  });
});

describe('cross-site requests', () => {
  it('refuse an upload without the CSRF token before reading the file', async () => {
    const { ctx, people } = matrix;
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    await addMembership(ctx.database.db, space.id, people.member.id);
    const body = multipart([{ name: 'file', filename: 'x.pdf', content: samples.pdf() }]);
    const before = await matrix.state();
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/spaces/${space.slug}/files`,
      headers: { cookie: people.member.headers.cookie as string, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    expect(await matrix.state()).toEqual(before);
  });
});
