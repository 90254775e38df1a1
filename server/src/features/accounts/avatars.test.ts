import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { AVATAR_MAX_BYTES } from '@atelier/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { type FakeS3, startFakeS3 } from '../../test/fake-s3';
import { filesUnder, multipart, samples, tempDataDir } from '../../test/files';
import { request } from '../../test/http';

/**
 * Profile pictures through the HTTP API, on a temporary DATA_DIR whose every file is
 * accounted for: a refused picture leaves nothing anywhere under it, a replaced one is gone.
 */

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;

const db = () => ctx.database.db;
const everything = () => filesUnder(dataDir.path);
const stored = () => filesUnder(join(dataDir.path, 'files'));
const avatarKeyOf = async (person: TestPerson) =>
  (await db().selectFrom('users').select('avatar_key').where('id', '=', person.id).executeTakeFirstOrThrow())
    .avatar_key;

interface Upload {
  filename: string;
  contentType: string;
  content: Buffer;
}

function putAvatar(person: TestPerson | null, file: Upload, headers: Record<string, string> = person?.headers ?? {}) {
  const body = multipart([{ name: 'file', ...file }]);
  return ctx.app.inject({
    method: 'PUT',
    url: '/api/me/avatar',
    headers: { ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Sets the picture and answers the user as the API returns it. */
async function withAvatar(person: TestPerson, file?: Upload) {
  const response = await putAvatar(
    person,
    file ?? { filename: 'portrait.png', contentType: 'image/png', content: await samples.png(300, 300) },
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json().user as { id: string; avatarUrl: string };
}

const get = (person: TestPerson | null, url: string) => request(ctx, person, 'GET', url);

/** A PNG whose header claims 20,000 × 20,000 pixels: decoding it would take gigabytes. */
async function pixelBomb() {
  const png = Buffer.from(await samples.png(8, 8));
  // IHDR is the first chunk: length (4) + type (4) at offset 8, then width and height.
  png.writeUInt32BE(20_000, 16);
  png.writeUInt32BE(20_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
});
afterAll(async () => {
  await ctx.close();
  await dataDir.remove();
});

describe('setting a picture', () => {
  it.each([
    ['a PNG', 'portrait.png', 'image/png', () => samples.png(640, 480)],
    ['a JPEG', 'photo.jpg', 'image/jpeg', () => samples.jpeg()],
  ])('turns %s into a 256 × 256 WebP, served with safe headers', async (_label, filename, contentType, make) => {
    const person = await createPerson(ctx);
    const user = await withAvatar(person, { filename, contentType, content: await make() });
    expect(user.avatarUrl).toMatch(new RegExp(`^/api/users/${person.id}/avatar\\?v=[a-z0-9]+$`));
    const key = await avatarKeyOf(person);
    expect(key).toMatch(/^avatar-[0-9a-f-]{36}$/);
    expect(await stored()).toContain(key);

    const response = await get(person, user.avatarUrl);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const meta = await sharp(response.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });

    // The session and the profile carry the same URL.
    expect((await get(person, '/api/me')).json().user.avatarUrl).toBe(user.avatarUrl);
  });

  it('crops from the middle (cover) and keeps no metadata of the sent photo', async () => {
    // 768 × 256: a red, a green and a blue third. Centred cover keeps the green one only.
    const third = (r: number, g: number, b: number) =>
      sharp({ create: { width: 256, height: 256, channels: 3, background: { r, g, b } } })
        .png()
        .toBuffer();
    const photo = await sharp({ create: { width: 768, height: 256, channels: 3, background: '#000' } })
      .composite([
        { input: await third(255, 0, 0), left: 0, top: 0 },
        { input: await third(0, 255, 0), left: 256, top: 0 },
        { input: await third(0, 0, 255), left: 512, top: 0 },
      ])
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'Camille', ImageDescription: 'Chez moi' } } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const person = await createPerson(ctx);
    const user = await withAvatar(person, { filename: 'chez-moi.jpg', contentType: 'image/jpeg', content: photo });
    const webp = (await get(person, user.avatarUrl)).rawPayload;

    const meta = await sharp(webp).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    const { data, info } = await sharp(webp).raw().toBuffer({ resolveWithObject: true });
    for (const x of [12, 128, 243]) {
      const at = (128 * info.width + x) * info.channels;
      const [r, g, b] = [data[at]!, data[at + 1]!, data[at + 2]!];
      expect(g, `pixel ${x}`).toBeGreaterThan(200);
      expect(Math.max(r, b), `pixel ${x}`).toBeLessThan(60);
    }
  });

  it('replaces the previous picture and removes its bytes', async () => {
    const person = await createPerson(ctx);
    const first = await withAvatar(person);
    const firstKey = await avatarKeyOf(person);
    const second = await withAvatar(person, {
      filename: 'autre.webp',
      contentType: 'image/webp',
      content: await samples.webp(),
    });
    const secondKey = await avatarKeyOf(person);
    expect(secondKey).not.toBe(firstKey);
    const files = await stored();
    expect(files).toContain(secondKey);
    expect(files).not.toContain(firstKey);
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    // An old URL shows what there is now, but is not kept: it no longer names one picture.
    const old = await get(person, first.avatarUrl);
    expect(old.statusCode).toBe(200);
    expect(old.headers['cache-control']).toBe('private, no-cache');
  });

  it('accepts a GIF, and keeps its first frame only', async () => {
    const person = await createPerson(ctx);
    const user = await withAvatar(person, {
      filename: 'anime.gif',
      contentType: 'image/gif',
      content: await samples.gif(),
    });
    const meta = await sharp((await get(person, user.avatarUrl)).rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.pages ?? 1).toBe(1);
  });
});

describe('refused pictures leave nothing behind', () => {
  const truncatedPng = async () => {
    const png = await samples.png(640, 480);
    return png.subarray(0, Math.floor(png.length / 2));
  };

  it.each([
    ['an SVG', 'logo.svg', 'image/svg+xml', async () => samples.svg(), 415, 'file_type_forbidden'],
    ['HTML named .png', 'portrait.png', 'image/png', async () => samples.html(), 415, 'file_type_forbidden'],
    ['a PDF', 'portrait.pdf', 'application/pdf', async () => samples.pdf(), 415, 'file_type_forbidden'],
    ['a truncated PNG', 'portrait.png', 'image/png', truncatedPng, 400, 'image_unreadable'],
    ['a 20,000 × 20,000 pixel bomb', 'bombe.png', 'image/png', pixelBomb, 400, 'image_unreadable'],
  ])('refuses %s', async (_label, filename, contentType, make, status, code) => {
    const person = await createPerson(ctx);
    await withAvatar(person);
    const before = { key: await avatarKeyOf(person), disk: await everything() };
    const response = await putAvatar(person, { filename, contentType, content: await make() });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await avatarKeyOf(person)).toBe(before.key);
    expect(await everything()).toEqual(before.disk);
  });

  it('refuses a file over 5 MiB with 413 file_too_large', async () => {
    const person = await createPerson(ctx);
    const before = await everything();
    const png = await samples.png(64, 64);
    const tooLarge = Buffer.concat([png, Buffer.alloc(AVATAR_MAX_BYTES + 1 - png.length)]);
    const response = await putAvatar(person, { filename: 'gros.png', contentType: 'image/png', content: tooLarge });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('file_too_large');
    expect(await avatarKeyOf(person)).toBeNull();
    expect(await everything()).toEqual(before);
  });

  it('needs a session (401) and the CSRF token (403)', async () => {
    const person = await createPerson(ctx);
    const png = { filename: 'portrait.png', contentType: 'image/png', content: await samples.png(64, 64) };
    const before = await everything();

    const anonymous = await putAvatar(null, png);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
    expect((await request(ctx, null, 'DELETE', '/api/me/avatar')).statusCode).toBe(401);

    const { 'x-csrf-token': _token, ...cookieOnly } = person.headers;
    const forged = await putAvatar(person, png, cookieOnly);
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_failed');
    const forgedDelete = await ctx.app.inject({ method: 'DELETE', url: '/api/me/avatar', headers: cookieOnly });
    expect(forgedDelete.json().error.code).toBe('csrf_failed');

    expect(await avatarKeyOf(person)).toBeNull();
    expect(await everything()).toEqual(before);
  });
});

describe('removing a picture', () => {
  it('brings the initials back: no URL, no bytes, 404', async () => {
    const person = await createPerson(ctx);
    const { avatarUrl } = await withAvatar(person);
    const key = await avatarKeyOf(person);
    const response = await request(ctx, person, 'DELETE', '/api/me/avatar');
    expect(response.statusCode).toBe(200);
    expect(response.json().user.avatarUrl).toBeNull();
    expect(await avatarKeyOf(person)).toBeNull();
    expect(await stored()).not.toContain(key);
    expect((await get(person, avatarUrl)).statusCode).toBe(404);
    // Again: nothing to remove, the same answer.
    expect((await request(ctx, person, 'DELETE', '/api/me/avatar')).statusCode).toBe(200);
  });
});

describe('who sees a picture: where the name goes', () => {
  let author: TestPerson;
  let member: TestPerson;
  let outsider: TestPerson;
  let url: string;

  beforeAll(async () => {
    author = await createPerson(ctx, { displayName: 'Alix Autrice' });
    member = await createPerson(ctx);
    outsider = await createPerson(ctx);
    url = (await withAvatar(author)).avatarUrl;
  });

  const status = async (person: TestPerson | null) => (await get(person, url)).statusCode;

  it('answers 404 for a person without a picture, an unknown person and a malformed id', async () => {
    const plain = await createPerson(ctx);
    const response = await get(plain, `/api/users/${plain.id}/avatar`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect((await get(plain, '/api/users/00000000-0000-4000-8000-000000000000/avatar')).statusCode).toBe(404);
    expect((await get(plain, '/api/users/pas-un-id/avatar')).statusCode).toBe(404);
  });

  it('shows an unlisted person who wrote nowhere to themselves and admins only', async () => {
    const admin = await createPerson(ctx, { role: 'admin' });
    expect(await status(author)).toBe(200);
    expect(await status(admin)).toBe(200);
    expect(await status(outsider)).toBe(404);
    expect(await status(null)).toBe(404);
  });

  it('shows an author to the readers of their members-only space, with the posts', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db(), space.id, author.id);
    await addMembership(db(), space.id, member.id);
    const { thread } = await createThread(ctx, author, space.slug);
    expect(await status(member)).toBe(200);
    expect(await status(outsider)).toBe(404);
    expect(await status(null)).toBe(404);

    const shown = (await get(member, `/api/threads/${thread.id}`)).json();
    expect(shown.posts.items[0].author).toEqual({ id: author.id, displayName: 'Alix Autrice', avatarUrl: url });
  });

  it('shows a listed person to signed-in people, as the directory does', async () => {
    await request(ctx, author, 'PATCH', '/api/me', { listedInDirectory: true });
    expect(await status(outsider)).toBe(200);
    expect(await status(null)).toBe(404);
    const people = (await get(outsider, '/api/directory/people?q=Alix')).json();
    expect(people.items).toEqual([expect.objectContaining({ id: author.id, avatarUrl: url })]);
  });

  it('shows an author of a public space to anonymous readers too', async () => {
    const space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    await addMembership(db(), space.id, author.id);
    await createThread(ctx, author, space.slug);
    expect(await status(null)).toBe(200);
  });
});

describe('with S3-compatible storage', () => {
  let s3Ctx: TestContext;
  let s3: FakeS3;
  let s3DataDir: Awaited<ReturnType<typeof tempDataDir>>;

  beforeAll(async () => {
    s3 = await startFakeS3();
    s3DataDir = await tempDataDir();
    s3Ctx = await createTestApp({
      DATA_DIR: s3DataDir.path,
      S3_BUCKET: 'atelier-fichiers',
      S3_ENDPOINT: s3.url,
      S3_REGION: 'fr-par',
      S3_ACCESS_KEY_ID: 'cle-de-test',
      S3_SECRET_ACCESS_KEY: 'secret-de-test',
      S3_FORCE_PATH_STYLE: 'on',
    });
  });
  afterAll(async () => {
    await s3Ctx.close();
    await s3.close();
    await s3DataDir.remove();
  });

  it('stores, serves, replaces and removes pictures in the bucket, nothing on disk', async () => {
    const person = await createPerson(s3Ctx);
    const put = async () => {
      const body = multipart([
        { name: 'file', filename: 'portrait.png', contentType: 'image/png', content: await samples.png(300, 200) },
      ]);
      const response = await s3Ctx.app.inject({
        method: 'PUT',
        url: '/api/me/avatar',
        headers: { ...person.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().user.avatarUrl as string;
    };
    const objects = () => [...s3.objects.keys()];

    const first = await put();
    expect(objects()).toEqual([expect.stringMatching(/^\/atelier-fichiers\/avatar-[0-9a-f-]{36}$/)]);
    const [firstObject] = objects();
    expect(s3.objects.get(firstObject!)?.contentType).toBe('image/webp');
    const served = await s3Ctx.app.inject({ method: 'GET', url: first, headers: person.headers });
    expect(served.statusCode).toBe(200);
    expect((await sharp(served.rawPayload).metadata()).width).toBe(256);

    await put();
    expect(objects()).toHaveLength(1);
    expect(objects()).not.toContain(firstObject);

    const removed = await s3Ctx.app.inject({ method: 'DELETE', url: '/api/me/avatar', headers: person.headers });
    expect(removed.statusCode).toBe(200);
    expect(objects()).toEqual([]);
    expect(await filesUnder(s3DataDir.path)).toEqual([]);
  });
});
