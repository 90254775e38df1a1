import { COLLAB_CLOSE_CODES, COLLAB_PATH } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createTestApp, type TestContext } from '../../../test/app';
import { appendParagraph, openProvider, paragraphs, settled, type TestProvider } from '../../../test/collab';
import { createDocument } from '../../../test/factories/documents';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { listen } from '../../../test/sockets';
import { loadStoredDoc } from '../storage.queries';

describe('/collab', () => {
  let ctx: TestContext;
  let url: string;
  let member: TestPerson;
  let other: TestPerson;
  let outsider: TestPerson;
  let publicSlug: string;
  let membersSlug: string;
  const providers: TestProvider[] = [];
  const open = (...args: Parameters<typeof openProvider>) => {
    const provider = openProvider(...args);
    providers.push(provider);
    return provider;
  };
  /** The paragraphs of the document as stored (none before its first write). */
  const storedParagraphs = async (id: string) => {
    const doc = await loadStoredDoc(ctx.database.db, id);
    return doc ? paragraphs(doc) : [];
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
    member = await createPerson(ctx, { displayName: 'Awa Membre' });
    other = await createPerson(ctx, { displayName: 'Basile Membre' });
    outsider = await createPerson(ctx, { displayName: 'Chloé Extérieure' });
    const publicSpace = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    const membersSpace = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    publicSlug = publicSpace.slug;
    membersSlug = membersSpace.slug;
    for (const space of [publicSpace, membersSpace]) {
      await addMembership(ctx.database.db, space.id, member.id);
      await addMembership(ctx.database.db, space.id, other.id);
    }
  });

  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    await ctx?.close();
  });

  it('lets two members write at once and converge, and stores what they wrote', async () => {
    const id = await createDocument(ctx, member, membersSlug);
    const a = open(url, id, member);
    const b = open(url, id, other);
    await Promise.all([settled(a), settled(b)]);
    appendParagraph(a.doc, 'Awa : objectifs du chantier');
    appendParagraph(b.doc, 'Basile : calendrier');
    await expect.poll(() => [paragraphs(a.doc).length, paragraphs(b.doc).length]).toEqual([2, 2]);
    expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc));
    await Promise.all([settled(a), settled(b)]);
    a.destroy();
    b.destroy();
    await expect
      .poll(async () => (await storedParagraphs(id)).sort())
      .toEqual(['Awa : objectifs du chantier', 'Basile : calendrier']);
    // The derived data follows, debounced (stored at once once the last editor leaves).
    const derived = () =>
      ctx.database.db
        .selectFrom('documents')
        .select(['plain_text', 'last_edited_by'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    await expect.poll(async () => (await derived()).plain_text).toContain('Basile : calendrier');
    const row = await derived();
    expect(row.plain_text).toContain('Awa : objectifs du chantier');
    expect([member.id, other.id]).toContain(row.last_edited_by);
  });

  it('gives readers a read-only connection whose updates are never applied, shown nor stored', async () => {
    const id = await createDocument(ctx, member, publicSlug);
    const writer = open(url, id, member);
    await settled(writer);
    appendParagraph(writer.doc, 'Texte du chantier');
    await settled(writer);

    const anonymous = open(url, id, null);
    const nonMember = open(url, id, outsider);
    await expect.poll(() => [anonymous.provider.isSynced, nonMember.provider.isSynced]).toEqual([true, true]);
    await expect.poll(() => [paragraphs(anonymous.doc).length, paragraphs(nonMember.doc).length]).toEqual([1, 1]);
    expect(anonymous.provider.authorizedScope).toBe('readonly');
    expect(nonMember.provider.authorizedScope).toBe('readonly');

    appendParagraph(anonymous.doc, 'Vandalisme anonyme');
    appendParagraph(nonMember.doc, 'Ajout non autorisé');
    // The member writes after them: once the member's change reaches the reader, any change
    // of the reader's that the server had accepted would have reached the member too.
    appendParagraph(writer.doc, 'Suite du chantier');
    await expect.poll(() => paragraphs(nonMember.doc)).toContain('Suite du chantier');
    await settled(writer);
    expect(paragraphs(writer.doc)).toEqual(['Texte du chantier', 'Suite du chantier']);

    for (const provider of [writer, anonymous, nonMember]) provider.destroy();
    await expect.poll(() => storedParagraphs(id)).toEqual(['Texte du chantier', 'Suite du chantier']);
    const fresh = open(url, id, other);
    await settled(fresh);
    expect(paragraphs(fresh.doc)).toEqual(['Texte du chantier', 'Suite du chantier']);
  });

  it('closes refused connections with the contract codes', async () => {
    const id = await createDocument(ctx, member, membersSlug);
    const unknown = open(url, '00000000-0000-4000-8000-000000000000', member);
    const garbage = open(url, 'pas-un-identifiant', member);
    const anonymous = open(url, id, null);
    const nonMember = open(url, id, outsider);
    expect(await unknown.closed).toBe(COLLAB_CLOSE_CODES.not_found);
    expect(await garbage.closed).toBe(COLLAB_CLOSE_CODES.not_found);
    expect(await anonymous.closed).toBe(COLLAB_CLOSE_CODES.unauthenticated);
    expect(await nonMember.closed).toBe(COLLAB_CLOSE_CODES.forbidden);
    expect(nonMember.refusal()).toBe('forbidden');
    expect(paragraphs(nonMember.doc)).toEqual([]);
  });

  it('answers a document of a private space like an unknown one, to anonymous visitors too', async () => {
    const privateSpace = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    await addMembership(ctx.database.db, privateSpace.id, member.id);
    const id = await createDocument(ctx, member, privateSpace.slug);
    const anonymous = open(url, id, null);
    const outside = open(url, id, outsider);
    expect(await anonymous.closed).toBe(COLLAB_CLOSE_CODES.not_found);
    expect(await outside.closed).toBe(COLLAB_CLOSE_CODES.not_found);
  });

  it('refuses websocket upgrades from another site', async () => {
    const id = await createDocument(ctx, member, membersSlug);
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${COLLAB_PATH}`, {
        headers: { origin: 'https://evil.example', cookie: member.headers.cookie as string },
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error(`opened a socket for ${id} from another origin`)));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('merges edits made offline when the provider reconnects', async () => {
    const id = await createDocument(ctx, member, membersSlug);
    const online = open(url, id, member);
    const offlineDoc = new Y.Doc();
    const traveller = open(url, id, other, { doc: offlineDoc });
    await Promise.all([settled(online), settled(traveller)]);
    traveller.destroy();
    appendParagraph(offlineDoc, 'Écrit dans le train');
    appendParagraph(online.doc, 'Écrit au bureau');
    await settled(online);
    const back = open(url, id, other, { doc: offlineDoc });
    await expect.poll(() => [paragraphs(online.doc).length, paragraphs(offlineDoc).length]).toEqual([2, 2]);
    await settled(back);
    expect(paragraphs(online.doc).sort()).toEqual(['Écrit au bureau', 'Écrit dans le train']);
    expect(paragraphs(offlineDoc)).toEqual(paragraphs(online.doc));
  });

  it('persists every edit of 40 editors writing at once', async () => {
    const id = await createDocument(ctx, member, publicSlug);
    const editors = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const person = await createPerson(ctx, { displayName: `Éditrice ${i}` });
        const space = await ctx.database.db
          .selectFrom('spaces')
          .select('id')
          .where('slug', '=', publicSlug)
          .executeTakeFirstOrThrow();
        await addMembership(ctx.database.db, space.id, person.id);
        return open(url, id, person);
      }),
    );
    await Promise.all(editors.map((editor) => settled(editor, 'editor synced')));
    editors.forEach((editor, i) => {
      appendParagraph(editor.doc, `Contribution ${i}`);
    });
    await Promise.all(editors.map((editor) => settled(editor, 'edit acknowledged')));
    for (const editor of editors) editor.destroy();
    await expect
      .poll(async () => (await storedParagraphs(id)).sort())
      .toEqual(Array.from({ length: 40 }, (_, i) => `Contribution ${i}`).sort());
  });

  it('delivers a restored version live to connected editors', async () => {
    const id = await createDocument(ctx, member, membersSlug);
    const editor = open(url, id, other);
    await settled(editor);
    appendParagraph(editor.doc, 'Version du 3 mars');
    await settled(editor);
    const saved = await ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${id}/versions`,
      headers: member.headers,
      payload: { name: 'version validée en chantier' },
    });
    expect(saved.statusCode).toBe(201);
    appendParagraph(editor.doc, 'Brouillon à abandonner');
    await settled(editor);
    const restored = await ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${id}/versions/${saved.json().version.id}/restore`,
      headers: member.headers,
    });
    expect(restored.statusCode).toBe(201);
    await expect.poll(() => paragraphs(editor.doc)).toEqual(['Version du 3 mars']);
    const text = await ctx.app.inject({ method: 'GET', url: `/api/documents/${id}/text`, headers: member.headers });
    expect(text.json().text).toBe('Version du 3 mars');
  });
});
