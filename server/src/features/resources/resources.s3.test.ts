import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import type { TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { memberOfSpace } from '../../test/factories/spaces';
import { type FakeS3, startFakeS3 } from '../../test/fake-s3';
import { filesUnder, samples, tempDataDir } from '../../test/files';

/** With S3_BUCKET set, files and previews go to the bucket and nothing stays under DATA_DIR. */

let ctx: TestContext;
let s3: FakeS3;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
let member: TestPerson;
let slug: string;

beforeAll(async () => {
  s3 = await startFakeS3();
  dataDir = await tempDataDir();
  ctx = await createTestApp({
    DATA_DIR: dataDir.path,
    S3_BUCKET: 'atelier-fichiers',
    S3_ENDPOINT: s3.url,
    S3_REGION: 'fr-par',
    S3_ACCESS_KEY_ID: 'cle-de-test',
    S3_SECRET_ACCESS_KEY: 'secret-de-test',
    S3_FORCE_PATH_STYLE: 'on',
  });
  ({ member, slug } = await memberOfSpace(ctx));
});
afterAll(async () => {
  await ctx.close();
  await s3.close();
  await dataDir.remove();
});

describe('files in S3-compatible storage', () => {
  it('uploads, downloads, previews and deletes through the bucket', async () => {
    const png = await samples.png(800, 400);
    const response = await upload(ctx, member, slug, { filename: 'carte.png', content: png });
    expect(response.statusCode, response.body).toBe(201);
    const { file } = response.json();
    expect([...s3.objects.keys()].sort()).toEqual([
      `/atelier-fichiers/${file.id}`,
      `/atelier-fichiers/${file.id}.preview`,
    ]);
    expect(s3.objects.get(`/atelier-fichiers/${file.id}`)).toEqual({ body: png, contentType: 'image/png' });
    expect(await filesUnder(dataDir.path)).toEqual([]);

    const download = await ctx.app.inject({ method: 'GET', url: file.downloadUrl, headers: member.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(png)).toBe(true);
    const preview = await ctx.app.inject({ method: 'GET', url: file.previewUrl, headers: member.headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/webp');

    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/files/${file.id}`, headers: member.headers });
    expect(removed.statusCode).toBe(204);
    expect(s3.objects.size).toBe(0);
  });

  it('refuses a forbidden type before anything reaches the bucket', async () => {
    const before = s3.requests.length;
    const response = await upload(ctx, member, slug, { filename: 'page.pdf', content: samples.html() });
    expect(response.statusCode).toBe(415);
    expect(s3.requests.length).toBe(before);
    expect(await filesUnder(dataDir.path)).toEqual([]);
  });
});
