import { join } from 'node:path';
import { LOGO_MAX_BYTES, LOGO_SIZE, type OrganisationDetail } from '@atelier/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { filesUnder, multipart, samples, tempDataDir } from '../../test/files';
import { request } from '../../test/http';

/**
 * Organisations' logos through the HTTP API, on a temporary DATA_DIR whose every file is
 * accounted for: set by admins and referents, redrawn as a 256 px WebP where the whole logo
 * fits, served to anyone with a versioned URL; refused uploads leave nothing behind.
 */

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
let admin: TestPerson;
let referent: TestPerson;
let member: TestPerson;

const db = () => ctx.database.db;
const everything = () => filesUnder(dataDir.path);
const stored = () => filesUnder(join(dataDir.path, 'files'));

interface Upload {
  filename: string;
  contentType: string;
  content: Buffer;
}

const png = async (width = 300, height = 300): Promise<Upload> => ({
  filename: 'logo.png',
  contentType: 'image/png',
  content: await samples.png(width, height),
});

function putLogo(person: TestPerson | null, slug: string, file: Upload) {
  const body = multipart([{ name: 'file', ...file }]);
  return request(ctx, person, 'PUT', `/api/organisations/${slug}/logo`, body.payload, {
    'content-type': body.contentType,
  });
}

/** Sets the logo and answers the organisation's page as the API returns it. */
async function withLogo(person: TestPerson, slug: string, file?: Upload) {
  const response = await putLogo(person, slug, file ?? (await png()));
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as OrganisationDetail;
}

const logoKeyOf = async (slug: string) =>
  (await db().selectFrom('organisations').select('logo_key').where('slug', '=', slug).executeTakeFirstOrThrow())
    .logo_key;

let organisations = 0;
/** A fresh organisation where `referent` is a referent and `member` a confirmed member. */
async function freshOrganisation() {
  organisations += 1;
  const row = await db()
    .insertInto('organisations')
    .values({ slug: `logo-${organisations}`, name: `Organisation au logo ${organisations}`, kind: 'media' })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('organisation_members')
    .values([
      { organisation_id: row.id, user_id: referent.id, status: 'confirmed', referent: true },
      { organisation_id: row.id, user_id: member.id, status: 'confirmed', referent: false },
    ])
    .execute();
  return row.slug;
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
  admin = await createPerson(ctx, { role: 'admin' });
  referent = await createPerson(ctx);
  member = await createPerson(ctx);
});
afterAll(async () => {
  await ctx?.close();
  await dataDir?.remove();
});

describe('setting a logo', () => {
  it('redraws a wide logo whole inside a 256 × 256 WebP, transparent around it, served to anyone', async () => {
    const slug = await freshOrganisation();
    // 600 × 200: a red, a green and a blue square. Fitted whole, all three stay visible.
    const square = (r: number, g: number, b: number) =>
      sharp({ create: { width: 200, height: 200, channels: 3, background: { r, g, b } } })
        .png()
        .toBuffer();
    const wide = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#000' } })
      .composite([
        { input: await square(255, 0, 0), left: 0, top: 0 },
        { input: await square(0, 255, 0), left: 200, top: 0 },
        { input: await square(0, 0, 255), left: 400, top: 0 },
      ])
      .png()
      .toBuffer();
    const detail = await withLogo(admin, slug, { filename: 'bandeau.png', contentType: 'image/png', content: wide });
    const url = detail.organisation.logoUrl;
    expect(url).toMatch(new RegExp(`^/api/organisations/${slug}/logo\\?v=[a-z0-9]+$`));
    expect(await logoKeyOf(slug)).toMatch(/^logo-[0-9a-f-]{36}$/);

    const response = await request(ctx, null, 'GET', url!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(response.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: LOGO_SIZE, height: LOGO_SIZE, hasAlpha: true });

    const { data, info } = await sharp(response.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)];
    // Above and below the band: transparent. Across its middle: red, green, blue, nothing cut.
    expect(pixel(128, 10)[3]).toBe(0);
    expect(pixel(128, 245)[3]).toBe(0);
    const [left, middle, right] = [pixel(8, 128), pixel(128, 128), pixel(247, 128)];
    expect(left[0]).toBeGreaterThan(200);
    expect(middle[1]).toBeGreaterThan(200);
    expect(right[2]).toBeGreaterThan(200);
    expect([left[3], middle[3], right[3]]).toEqual([255, 255, 255]);
  });

  it('shows the logo on the list of allies and on the page', async () => {
    const slug = await freshOrganisation();
    const { organisation } = await withLogo(referent, slug);
    const list = (
      await request(ctx, null, 'GET', `/api/organisations?q=${encodeURIComponent(organisation.name)}`)
    ).json();
    expect(list.items).toEqual([expect.objectContaining({ slug, logoUrl: organisation.logoUrl })]);
    const page = (await request(ctx, null, 'GET', `/api/organisations/${slug}`)).json();
    expect(page.organisation.logoUrl).toBe(organisation.logoUrl);
  });

  it('replaces the previous logo and removes its bytes; an old URL is no longer kept', async () => {
    const slug = await freshOrganisation();
    const first = await withLogo(admin, slug);
    const firstKey = await logoKeyOf(slug);
    const second = await withLogo(referent, slug, {
      filename: 'autre.jpg',
      contentType: 'image/jpeg',
      content: await samples.jpeg(),
    });
    const secondKey = await logoKeyOf(slug);
    expect(secondKey).not.toBe(firstKey);
    expect(await stored()).toContain(secondKey);
    expect(await stored()).not.toContain(firstKey);
    expect(second.organisation.logoUrl).not.toBe(first.organisation.logoUrl);
    const old = await request(ctx, null, 'GET', first.organisation.logoUrl!);
    expect(old.statusCode).toBe(200);
    expect(old.headers['cache-control']).toBe('public, no-cache');
  });
});

describe('refused logos leave nothing behind', () => {
  const truncatedPng = async () => {
    const image = await samples.png(640, 480);
    return image.subarray(0, Math.floor(image.length / 2));
  };

  it.each([
    ['an SVG', 'logo.svg', 'image/svg+xml', async () => samples.svg(), 415, 'file_type_forbidden'],
    ['HTML named .png', 'logo.png', 'image/png', async () => samples.html(), 415, 'file_type_forbidden'],
    ['a PDF', 'logo.pdf', 'application/pdf', async () => samples.pdf(), 415, 'file_type_forbidden'],
    ['a truncated PNG', 'logo.png', 'image/png', truncatedPng, 400, 'image_unreadable'],
  ])('refuses %s', async (_label, filename, contentType, make, status, code) => {
    const slug = await freshOrganisation();
    await withLogo(admin, slug);
    const before = { key: await logoKeyOf(slug), disk: await everything() };
    const response = await putLogo(admin, slug, { filename, contentType, content: await make() });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await logoKeyOf(slug)).toBe(before.key);
    expect(await everything()).toEqual(before.disk);
  });

  it('refuses a file over 5 MiB with 413 file_too_large', async () => {
    const slug = await freshOrganisation();
    const before = await everything();
    const small = await samples.png(64, 64);
    const content = Buffer.concat([small, Buffer.alloc(LOGO_MAX_BYTES + 1 - small.length)]);
    const response = await putLogo(admin, slug, { filename: 'gros.png', contentType: 'image/png', content });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('file_too_large');
    expect(await logoKeyOf(slug)).toBeNull();
    expect(await everything()).toEqual(before);
  });

  it('is for admins and referents only: a confirmed member gets 403, a visitor 401, nothing written', async () => {
    const slug = await freshOrganisation();
    const before = await everything();
    const byMember = await putLogo(member, slug, await png());
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().error.code).toBe('forbidden');
    expect((await putLogo(null, slug, await png())).statusCode).toBe(401);
    expect((await request(ctx, member, 'DELETE', `/api/organisations/${slug}/logo`)).statusCode).toBe(403);
    expect(await logoKeyOf(slug)).toBeNull();
    expect(await everything()).toEqual(before);
    expect((await putLogo(admin, 'nulle-part', await png())).statusCode).toBe(404);
  });
});

describe('removing a logo', () => {
  it('leaves no URL, no bytes, and a 404; removing again is harmless', async () => {
    const slug = await freshOrganisation();
    const { organisation } = await withLogo(admin, slug);
    const key = await logoKeyOf(slug);
    const removed = await request(ctx, referent, 'DELETE', `/api/organisations/${slug}/logo`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().organisation.logoUrl).toBeNull();
    expect(await logoKeyOf(slug)).toBeNull();
    expect(await stored()).not.toContain(key);
    const gone = await request(ctx, null, 'GET', organisation.logoUrl!);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    expect((await request(ctx, admin, 'DELETE', `/api/organisations/${slug}/logo`)).statusCode).toBe(200);
  });
});
