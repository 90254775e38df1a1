import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FILE_MAX_BYTES } from '@atelier/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { filesUnder, samples, tempDataDir } from '../../test/files';
import { createDocument } from '../documents/documents.service';

/**
 * Files, links and the "Ressources" listing through the HTTP API, on a temporary DATA_DIR
 * whose every file is accounted for: refused uploads must leave nothing anywhere under it.
 */

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
let member: TestPerson;
let outsider: TestPerson;
let animateur: TestPerson;
let admin: TestPerson;
let membersSpace: { id: string; slug: string };
let publicSpace: { id: string; slug: string };
let privateSpace: { id: string; slug: string };

const db = () => ctx.database.db;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const everything = () => filesUnder(dataDir.path);
const stored = () => filesUnder(join(dataDir.path, 'files'));
const get = (person: TestPerson | null, url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: person?.headers ?? {} });
const send = (person: TestPerson | null, method: 'POST' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: person?.headers ?? {}, ...(payload ? { payload } : {}) });
// The stored files as an upload leaves them, in a stable order: their text is read
// afterwards by a background job, which must not make a refused upload look like a change.
const fileRows = () =>
  db()
    .selectFrom('files')
    .selectAll()
    .orderBy('id')
    .execute()
    .then((rows) => rows.map(({ text_content, text_read_at, ...file }) => file));

async function uploaded(person: TestPerson, slug: string, filename: string, content: Buffer) {
  const response = await upload(ctx, person, slug, { filename, content });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().file as {
    id: string;
    name: string;
    mimeType: string;
    sizeBytes: number;
    downloadUrl: string;
    previewUrl: string | null;
    uploadedBy: { id: string; displayName: string };
  };
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
  member = await createPerson(ctx, { displayName: 'Camille Membre' });
  outsider = await createPerson(ctx);
  animateur = await createPerson(ctx);
  admin = await createPerson(ctx, { role: 'admin' });
  membersSpace = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
  publicSpace = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
  privateSpace = await createSpace(db(), { visibility: 'private', joinPolicy: 'invite' });
  for (const space of [membersSpace, publicSpace, privateSpace]) {
    await addMembership(db(), space.id, member.id);
    await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
  }
});
afterAll(async () => {
  await ctx.close();
  await dataDir.remove();
});

describe('upload and download', () => {
  it('round-trips a PDF for members, byte for byte, with safe headers', async () => {
    const pdf = samples.pdf();
    const file = await uploaded(member, membersSpace.slug, 'Compte rendu été 2026.pdf', pdf);
    expect(file).toMatchObject({
      name: 'Compte rendu été 2026.pdf',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      downloadUrl: `/api/files/${file.id}/download`,
      previewUrl: null,
      uploadedBy: { id: member.id, displayName: 'Camille Membre' },
    });
    const row = await db().selectFrom('files').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(sha256(pdf));
    expect(await stored()).toContain(row.storage_key);

    const response = await get(animateur, file.downloadUrl);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(pdf)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-length']).toBe(String(pdf.length));
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Compte rendu ete 2026.pdf"; filename*=UTF-8''Compte%20rendu%20%C3%A9t%C3%A9%202026.pdf`,
    );
    expect(String(response.headers['content-security-policy'])).toContain('sandbox');
  });

  it("refuses a members-only space's file to non-members (403) and anonymous visitors (401)", async () => {
    const file = await uploaded(member, membersSpace.slug, 'interne.pdf', samples.pdf());
    const refusedOutsider = await get(outsider, file.downloadUrl);
    expect(refusedOutsider.statusCode).toBe(403);
    expect(refusedOutsider.json().error.code).toBe('forbidden');
    expect(refusedOutsider.body).not.toContain('%PDF');
    const refusedAnonymous = await get(null, file.downloadUrl);
    expect(refusedAnonymous.statusCode).toBe(401);
    expect(refusedAnonymous.json().error.code).toBe('unauthenticated');
    expect((await get(admin, file.downloadUrl)).statusCode).toBe(200);
  });

  it("hides a private space's file from outsiders like an unknown one (404)", async () => {
    const file = await uploaded(member, privateSpace.slug, 'secret.pdf', samples.pdf());
    expect((await get(outsider, file.downloadUrl)).statusCode).toBe(404);
    expect((await get(null, file.downloadUrl)).statusCode).toBe(404);
    expect((await get(member, file.downloadUrl)).statusCode).toBe(200);
  });

  it("lets everyone read a public space's files, as its threads", async () => {
    const file = await uploaded(member, publicSpace.slug, 'ouvert.pdf', samples.pdf());
    expect((await get(null, file.downloadUrl)).statusCode).toBe(200);
    expect((await get(outsider, file.downloadUrl)).statusCode).toBe(200);
    // …but only members add to it.
    expect(
      (await upload(ctx, outsider, publicSpace.slug, { filename: 'x.pdf', content: samples.pdf() })).statusCode,
    ).toBe(403);
  });

  it('answers 404 for unknown and malformed file ids', async () => {
    expect((await get(member, '/api/files/00000000-0000-4000-8000-000000000000/download')).statusCode).toBe(404);
    expect((await get(member, '/api/files/not-a-uuid/download')).statusCode).toBe(404);
  });
});

describe('refused uploads', () => {
  it('refuses a file over the limit with 413 file_too_large and leaves nothing on disk', async () => {
    const before = { files: await fileRows(), disk: await everything() };
    const tooLarge = Buffer.concat([samples.pdf(), Buffer.alloc(FILE_MAX_BYTES + 1 - samples.pdf().length, 0x20)]);
    const response = await upload(ctx, member, membersSpace.slug, { filename: 'gros.pdf', content: tooLarge });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('file_too_large');
    expect(await fileRows()).toEqual(before.files);
    expect(await everything()).toEqual(before.disk);
  });

  it('accepts a file of exactly the limit', async () => {
    const exactly = Buffer.concat([samples.pdf(), Buffer.alloc(FILE_MAX_BYTES - samples.pdf().length, 0x20)]);
    const file = await uploaded(member, membersSpace.slug, 'limite.pdf', exactly);
    expect(file.sizeBytes).toBe(FILE_MAX_BYTES);
    expect((await send(member, 'DELETE', `/api/files/${file.id}`)).statusCode).toBe(204);
  });

  it.each([
    ['an executable named .pdf', 'rapport.pdf', samples.exe()],
    ['HTML named .pdf', 'rapport.pdf', samples.html()],
    ['SVG with a script', 'logo.svg', samples.svg()],
    ['a Word document with macros', 'budget.docm', samples.docm()],
    ['a plain zip', 'archive.zip', samples.plainZip()],
    ['an empty file', 'vide.pdf', Buffer.alloc(0)],
  ])('refuses %s with 415 file_type_forbidden, leaving nothing behind', async (_label, filename, content) => {
    const before = { files: await fileRows(), disk: await everything() };
    const response = await upload(ctx, member, membersSpace.slug, {
      filename,
      content,
      contentType: 'application/pdf',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('file_type_forbidden');
    expect(await fileRows()).toEqual(before.files);
    expect(await everything()).toEqual(before.disk);
  });

  it('trusts the content, not the name: a PNG named .pdf is an image/png', async () => {
    const file = await uploaded(member, membersSpace.slug, 'scan.pdf', await samples.png());
    expect(file.mimeType).toBe('image/png');
    expect(file.name).toBe('scan.pdf.png');
    const response = await get(member, file.downloadUrl);
    expect(response.headers['content-type']).toBe('image/png');
  });

  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['odt', 'application/vnd.oasis.opendocument.text'],
    ['ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['odp', 'application/vnd.oasis.opendocument.presentation'],
  ] as const)('accepts a %s office document', async (kind, type) => {
    const file = await uploaded(member, membersSpace.slug, `document.${kind}`, samples[kind]());
    expect(file).toMatchObject({ mimeType: type, name: `document.${kind}`, previewUrl: null });
  });

  it('answers 415 unsupported_media_type to a JSON body and 400 to a form without a file part', async () => {
    const json = await send(member, 'POST', `/api/spaces/${membersSpace.slug}/files`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
    const noFile = await upload(ctx, member, membersSpace.slug, { parts: [{ name: 'title', content: 'bonjour' }] });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('invalid_input');
    const wrongField = await upload(ctx, member, membersSpace.slug, {
      parts: [{ name: 'document', filename: 'x.pdf', content: samples.pdf() }],
    });
    expect(wrongField.statusCode).toBe(400);
  });
});

describe('names cannot reach the file system', () => {
  it.each([
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\x', 'x.pdf'],
    ['..\\..\\..\\Windows\\win.ini', 'win.ini.pdf'],
    ['rapport\u0000.exe', 'rapport.exe.pdf'],
    ['r\u00e9sum\u00e9\u202Efdp.exe', 'résuméfdp.exe.pdf'],
    ['/', 'fichier.pdf'],
  ])('stores %j under a generated key and shows it as %j', async (raw, shown) => {
    const before = await everything();
    const file = await uploaded(member, membersSpace.slug, raw, samples.pdf());
    expect(file.name).toBe(shown);
    const row = await db().selectFrom('files').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row.storage_key).toBe(file.id);
    const added = (await everything()).filter((path) => !before.includes(path));
    expect(added).toEqual([join('files', file.id)]);
    const response = await get(member, file.downloadUrl);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-disposition'])).not.toMatch(/[\r\n\u0000]/);
  });
});

describe('previews', () => {
  it('makes a 480 px WebP preview for an image and serves it inline', async () => {
    const png = await samples.png(1200, 800);
    const file = await uploaded(member, membersSpace.slug, 'atelier.png', png);
    expect(file.previewUrl).toBe(`/api/files/${file.id}/preview`);
    expect(await stored()).toEqual(expect.arrayContaining([file.id, `${file.id}.preview`]));
    const response = await get(member, file.previewUrl as string);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe('inline; filename=atelier.webp');
    const meta = await sharp(response.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 480, 320]);
    expect((await get(outsider, file.previewUrl as string)).statusCode).toBe(403);
  });

  it.each(['jpeg', 'webp', 'gif'] as const)('previews %s images too', async (kind) => {
    const file = await uploaded(member, membersSpace.slug, `image.${kind}`, await samples[kind]());
    expect(file.previewUrl).not.toBeNull();
    expect((await get(member, file.previewUrl as string)).headers['content-type']).toBe('image/webp');
  });

  it('has no preview for documents (404)', async () => {
    const file = await uploaded(member, membersSpace.slug, 'texte.pdf', samples.pdf());
    expect((await get(member, `/api/files/${file.id}/preview`)).statusCode).toBe(404);
  });
});

describe('deleting files', () => {
  it('removes the bytes and the preview, and the file disappears everywhere', async () => {
    const file = await uploaded(member, membersSpace.slug, 'a-retirer.png', await samples.png());
    const refused = await send(outsider, 'DELETE', `/api/files/${file.id}`);
    expect(refused.statusCode).toBe(403);
    expect(await stored()).toEqual(expect.arrayContaining([file.id, `${file.id}.preview`]));

    expect((await send(member, 'DELETE', `/api/files/${file.id}`)).statusCode).toBe(204);
    const left = await stored();
    expect(left).not.toContain(file.id);
    expect(left).not.toContain(`${file.id}.preview`);
    expect((await get(member, file.downloadUrl)).statusCode).toBe(404);
    expect((await send(member, 'DELETE', `/api/files/${file.id}`)).statusCode).toBe(404);
    const listing = (await get(member, `/api/spaces/${membersSpace.slug}/resources`)).json();
    expect(listing.files.map((f: { id: string }) => f.id)).not.toContain(file.id);
  });

  it("lets an animateur·ice remove a member's file, but not a member someone else's", async () => {
    const byMember = await uploaded(member, membersSpace.slug, 'membre.pdf', samples.pdf());
    const byAnimateur = await uploaded(animateur, membersSpace.slug, 'animation.pdf', samples.pdf());
    expect((await send(member, 'DELETE', `/api/files/${byAnimateur.id}`)).statusCode).toBe(403);
    expect((await send(animateur, 'DELETE', `/api/files/${byMember.id}`)).statusCode).toBe(204);
    expect((await send(admin, 'DELETE', `/api/files/${byAnimateur.id}`)).statusCode).toBe(204);
  });
});

describe('links', () => {
  const linksUrl = () => `/api/spaces/${membersSpace.slug}/links`;

  it('adds a link with a title and description, and deletes it', async () => {
    const response = await send(member, 'POST', linksUrl(), {
      url: 'https://podcast.exemple.fr/episode-12',
      title: 'Podcast : la sobriété foncière',
      description: 'Épisode 12, avec la commune de Loos-en-Gohelle.',
    });
    expect(response.statusCode).toBe(201);
    const { link } = response.json();
    expect(link).toMatchObject({
      url: 'https://podcast.exemple.fr/episode-12',
      title: 'Podcast : la sobriété foncière',
      createdBy: { id: member.id, displayName: 'Camille Membre' },
    });
    expect((await send(outsider, 'DELETE', `/api/links/${link.id}`)).statusCode).toBe(403);
    expect((await send(member, 'DELETE', `/api/links/${link.id}`)).statusCode).toBe(204);
    expect((await send(member, 'DELETE', `/api/links/${link.id}`)).statusCode).toBe(404);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://exemple.fr/fichier',
    'file:///etc/passwd',
    '//exemple.fr/sans-protocole',
    'pas une adresse',
  ])('refuses %j with 400 invalid_input', async (url) => {
    const before = await db().selectFrom('links').selectAll().execute();
    const response = await send(member, 'POST', linksUrl(), { url, title: 'Lien' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(await db().selectFrom('links').selectAll().execute()).toEqual(before);
  });

  it('refuses an empty title and unknown fields', async () => {
    expect((await send(member, 'POST', linksUrl(), { url: 'https://exemple.fr', title: '  ' })).statusCode).toBe(400);
    expect(
      (await send(member, 'POST', linksUrl(), { url: 'https://exemple.fr', title: 'Lien', createdBy: admin.id }))
        .statusCode,
    ).toBe(400);
  });
});

describe('the "Ressources" listing', () => {
  it('lists documents, files and links, each newest first', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db(), space.id, member.id);
    const document = await createDocument(
      { db: db() },
      { spaceId: space.id, title: 'Notes communes', authorId: member.id },
    );
    const first = await uploaded(member, space.slug, 'premier.pdf', samples.pdf());
    const second = await uploaded(member, space.slug, 'second.png', await samples.png());
    const link = (
      await send(member, 'POST', `/api/spaces/${space.slug}/links`, { url: 'https://exemple.fr/video', title: 'Vidéo' })
    ).json().link;

    const response = await get(member, `/api/spaces/${space.slug}/resources`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.documents.map((d: { id: string }) => d.id)).toEqual([document.id]);
    expect(body.files.map((f: { id: string }) => f.id)).toEqual([second.id, first.id]);
    expect(body.files[0].previewUrl).toBe(second.previewUrl);
    expect(body.links.map((l: { id: string }) => l.id)).toEqual([link.id]);

    expect((await get(outsider, `/api/spaces/${space.slug}/resources`)).statusCode).toBe(403);
    expect((await get(null, `/api/spaces/${space.slug}/resources`)).statusCode).toBe(401);
  });
});

describe('the API document', () => {
  it('describes every resources route', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/spaces/{slug}/files',
        '/api/files/{id}/download',
        '/api/files/{id}/preview',
        '/api/files/{id}',
        '/api/spaces/{slug}/links',
        '/api/links/{id}',
        '/api/spaces/{slug}/resources',
      ]),
    );
  });
});

describe('live resources', () => {
  it('announces every file and link shared or removed in the space’s room, and nothing for a refusal', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    await addMembership(db(), space.id, member.id);
    const announced = async () =>
      (await ctx.app.realtime.replay(`space:${space.id}`, 0)).events
        .filter((row) => row.type === 'resources.changed')
        .map((row) => row.data);
    const file = await uploaded(member, space.slug, 'ordre-du-jour.pdf', samples.pdf());
    const link = await send(member, 'POST', `/api/spaces/${space.slug}/links`, {
      url: 'https://exemple.fr/recit',
      title: 'Un récit',
    });
    expect(link.statusCode).toBe(201);
    expect(await announced()).toHaveLength(2);
    expect((await send(outsider, 'DELETE', `/api/files/${file.id}`)).statusCode).toBe(403);
    expect(await announced()).toHaveLength(2);
    expect((await send(member, 'DELETE', `/api/files/${file.id}`)).statusCode).toBe(204);
    expect((await send(member, 'DELETE', `/api/links/${link.json().link.id}`)).statusCode).toBe(204);
    expect(await announced()).toEqual(Array(4).fill({ spaceId: space.id }));
  });
});
