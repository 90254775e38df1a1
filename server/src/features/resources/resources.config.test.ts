import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { createTestApp, type TestContext } from '../../test/app';
import type { TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { memberOfSpace } from '../../test/factories/spaces';
import { filesUnder, samples, tempDataDir } from '../../test/files';

describe('storage configuration', () => {
  it('uses the disk unless a bucket is named', () => {
    expect(loadConfig({}).storage.s3).toBeUndefined();
    expect(loadConfig({}).fileMaxBytes).toBeUndefined();
  });

  it('reads the S3 settings', () => {
    const config = loadConfig({
      S3_BUCKET: 'atelier',
      S3_ENDPOINT: 'https://s3.fr-par.scw.cloud',
      S3_REGION: 'fr-par',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'on',
      FILE_MAX_BYTES: '1048576',
    });
    expect(config.storage.s3).toEqual({
      bucket: 'atelier',
      endpoint: 'https://s3.fr-par.scw.cloud',
      region: 'fr-par',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
    expect(config.fileMaxBytes).toBe(1048576);
  });

  it('refuses half a key pair, a bad endpoint or a bad limit, naming the variable', () => {
    expect(() => loadConfig({ S3_BUCKET: 'atelier', S3_ACCESS_KEY_ID: 'id' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ S3_ENDPOINT: 'ftp://s3.local' })).toThrow(ConfigError);
    expect(() => loadConfig({ FILE_MAX_BYTES: '-1' })).toThrow(/FILE_MAX_BYTES/);
  });
});

describe('FILE_MAX_BYTES', () => {
  let ctx: TestContext;
  let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
  let member: TestPerson;
  let slug: string;

  beforeAll(async () => {
    dataDir = await tempDataDir();
    ctx = await createTestApp({ DATA_DIR: dataDir.path, FILE_MAX_BYTES: '4096' });
    ({ member, slug } = await memberOfSpace(ctx));
  });
  afterAll(async () => {
    await ctx.close();
    await dataDir.remove();
  });

  it('lowers the limit: one byte over is refused, the limit itself accepted', async () => {
    const pad = (size: number) => Buffer.concat([samples.pdf(), Buffer.alloc(size - samples.pdf().length, 0x20)]);
    const over = await upload(ctx, member, slug, { filename: 'a.pdf', content: pad(4097) });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('file_too_large');
    expect(await filesUnder(dataDir.path)).toEqual([]);
    const exactly = await upload(ctx, member, slug, { filename: 'b.pdf', content: pad(4096) });
    expect(exactly.statusCode).toBe(201);
  });
});
