import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { appendParagraph } from '../../test/collab';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { changeContent, createDocument, listSpaceDocuments } from './documents.service';

type Who = 'anonymous' | 'member' | 'nonMember' | 'animateur' | 'admin';

describe('documents HTTP routes', () => {
  let ctx: TestContext;
  let people: Record<Exclude<Who, 'anonymous'>, TestPerson>;
  let space: { id: string; slug: string };
  let publicSpace: { id: string; slug: string };
  let privateSpace: { id: string; slug: string };
  const headersOf = (who: Who) => (who === 'anonymous' ? {} : people[who].headers);
  const call = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: headersOf(who), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ctx = await createTestApp();
    const db = ctx.database.db;
    people = {
      member: await createPerson(ctx, { displayName: 'Membre' }),
      nonMember: await createPerson(ctx, { displayName: 'Extérieur' }),
      animateur: await createPerson(ctx, { displayName: 'Animatrice' }),
      admin: await createPerson(ctx, { role: 'admin', displayName: 'Admin' }),
    };
    space = await createSpace(db, { visibility: 'members', joinPolicy: 'request' });
    publicSpace = await createSpace(db, { visibility: 'public', joinPolicy: 'open' });
    privateSpace = await createSpace(db, { visibility: 'private', joinPolicy: 'invite' });
    for (const s of [space, publicSpace, privateSpace]) {
      await addMembership(db, s.id, people.member.id);
      await addMembership(db, s.id, people.animateur.id, { role: 'animateur' });
    }
  });
  afterAll(async () => ctx?.close());

  const newDoc = async (spaceId: string | null = space.id, authorId = people.member.id) =>
    (await createDocument({ db: ctx.database.db }, { spaceId, title: 'Feuille de route', authorId })).id;

  // Who may call each route in each kind of space: documents.matrix.test.ts.

  it('creates a document with its title, in its space, editable by its author', async () => {
    const response = await call('member', 'POST', `/api/spaces/${space.slug}/documents`, { title: 'Doc de membre' });
    expect(response.statusCode).toBe(201);
    expect(response.json().document).toMatchObject({
      title: 'Doc de membre',
      spaceId: space.id,
      canEdit: true,
      lastEditedAt: null,
    });
  });

  it('lets everyone read alliance documents and only admins edit them', async () => {
    const read: Record<Who, number> = { anonymous: 200, member: 200, nonMember: 200, animateur: 200, admin: 200 };
    const edit: Record<Who, number> = { anonymous: 401, member: 403, nonMember: 403, animateur: 403, admin: 200 };
    const id = await newDoc(null, people.admin.id);
    for (const who of Object.keys(read) as Who[]) {
      expect((await call(who, 'GET', `/api/documents/${id}`)).statusCode, who).toBe(read[who]);
      expect((await call(who, 'GET', `/api/documents/${id}/text`)).statusCode, who).toBe(read[who]);
      expect((await call(who, 'GET', `/api/documents/${id}/versions`)).statusCode, who).toBe(read[who]);
      const renamed = await call(who, 'PATCH', `/api/documents/${id}`, { title: `Renommé par ${who}` });
      expect(renamed.statusCode, who).toBe(edit[who]);
      const version = await call(who, 'POST', `/api/documents/${id}/versions`, { name: 'version validée' });
      expect(version.statusCode, who).toBe(edit[who] === 200 ? 201 : edit[who]);
    }
    expect((await call('animateur', 'DELETE', `/api/documents/${id}`)).statusCode).toBe(403);
    expect((await call('admin', 'DELETE', `/api/documents/${id}`)).statusCode).toBe(204);
  });

  it('lists a space documents with canEdit per caller, and listSpaceDocuments hides them from non-readers', async () => {
    const id = await newDoc();
    const asMember = await call('member', 'GET', `/api/spaces/${space.slug}/documents`);
    expect(asMember.statusCode).toBe(200);
    expect(asMember.json().items.map((d: { id: string }) => d.id)).toContain(id);
    expect(asMember.json().items.every((d: { canEdit: boolean }) => d.canEdit)).toBe(true);
    expect((await call('nonMember', 'GET', `/api/spaces/${space.slug}/documents`)).statusCode).toBe(403);
    const readOnly = await listSpaceDocuments(
      { db: ctx.database.db },
      { spaceId: publicSpace.id, actor: { id: people.nonMember.id, role: 'member' } },
    );
    expect(readOnly.every((d) => !d.canEdit)).toBe(true);
    const hidden = await listSpaceDocuments(
      { db: ctx.database.db },
      { spaceId: space.id, actor: { id: people.nonMember.id, role: 'member' } },
    );
    expect(hidden).toEqual([]);
  });

  it('deletes softly: a deleted document is gone for everyone', async () => {
    const id = await newDoc(space.id, people.member.id);
    expect((await call('member', 'DELETE', `/api/documents/${id}`)).statusCode).toBe(204);
    for (const who of ['member', 'admin'] as const) {
      expect((await call(who, 'GET', `/api/documents/${id}`)).statusCode, who).toBe(404);
    }
    expect((await call('member', 'DELETE', `/api/documents/${id}`)).statusCode).toBe(404);
  });

  it('exports Markdown and HTML as attachments, with sanitized content', async () => {
    const id = await newDoc();
    await changeContent(
      { db: ctx.database.db },
      {
        documentId: id,
        actorId: people.member.id,
        change: (doc) => {
          appendParagraph(doc, 'Objectif : 100 % des communes');
          appendParagraph(doc, '<script>alert(1)</script>');
          appendParagraph(doc, '<img src=x onerror=alert(1)> &amp;');
        },
      },
    );
    const md = await call('member', 'GET', `/api/documents/${id}/export?format=markdown`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toMatch(/^attachment; filename="Feuille de route\.md"/);
    expect(md.body).toContain('# Feuille de route');
    expect(md.body).toContain('Objectif : 100 % des communes');
    // Typed text that reads like HTML stays text in Markdown, which would render raw HTML.
    expect(md.body).not.toMatch(/(^|[^\\])<(script|img)/);
    expect(md.body).toContain('\\<img src=x onerror=alert(1)> \\&amp;');
    const html = await call('member', 'GET', `/api/documents/${id}/export?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<p>Objectif : 100 % des communes</p>');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('&lt;script&gt;');
    const text = await call('member', 'GET', `/api/documents/${id}/text`);
    expect(text.json()).toEqual({
      text: 'Objectif : 100 % des communes\n<script>alert(1)</script>\n<img src=x onerror=alert(1)> &amp;',
    });
    const doc = await call('member', 'GET', `/api/documents/${id}`);
    expect(doc.json().document.lastEditedBy).toEqual({ id: people.member.id, displayName: 'Membre' });
  });

  it('keeps named versions, shows them, and restores one as a new change', async () => {
    const id = await newDoc();
    const deps = { db: ctx.database.db };
    await changeContent(deps, {
      documentId: id,
      actorId: people.member.id,
      change: (d) => appendParagraph(d, 'Première rédaction'),
    });
    const saved = await call('member', 'POST', `/api/documents/${id}/versions`, {
      name: 'version validée en chantier',
    });
    expect(saved.statusCode).toBe(201);
    const versionId = saved.json().version.id;
    expect(saved.json().version).toMatchObject({
      kind: 'named',
      name: 'version validée en chantier',
      createdBy: { id: people.member.id },
    });
    await changeContent(deps, {
      documentId: id,
      actorId: people.member.id,
      change: (d) => appendParagraph(d, 'Ajout après validation'),
    });
    expect((await call('member', 'GET', `/api/documents/${id}/text`)).json().text).toBe(
      'Première rédaction\nAjout après validation',
    );

    const detail = await call('nonMember', 'GET', `/api/documents/${id}/versions/${versionId}`);
    expect(detail.statusCode).toBe(403);
    const shown = await call('member', 'GET', `/api/documents/${id}/versions/${versionId}`);
    expect(shown.json()).toMatchObject({ html: '<p>Première rédaction</p>', text: 'Première rédaction' });

    expect((await call('nonMember', 'POST', `/api/documents/${id}/versions/${versionId}/restore`)).statusCode).toBe(
      403,
    );
    const restored = await call('member', 'POST', `/api/documents/${id}/versions/${versionId}/restore`);
    expect(restored.statusCode).toBe(201);
    expect(restored.json().version.kind).toBe('restore');
    expect((await call('member', 'GET', `/api/documents/${id}/text`)).json().text).toBe('Première rédaction');
    const list = await call('member', 'GET', `/api/documents/${id}/versions`);
    // The content the restore replaced was kept first as an automatic version.
    expect(list.json().items.map((v: { kind: string }) => v.kind)).toEqual(['restore', 'auto', 'named']);
    const kept = list.json().items[1].id;
    expect((await call('member', 'GET', `/api/documents/${id}/versions/${kept}`)).json().text).toBe(
      'Première rédaction\nAjout après validation',
    );
    // History is not rewritten: the restore version holds the old text as a later state.
    const restoredDetail = await call('member', 'GET', `/api/documents/${id}/versions/${restored.json().version.id}`);
    expect(restoredDetail.json().text).toBe('Première rédaction');
    expect((await call('member', 'GET', `/api/documents/${id}/versions/${versionId}`)).json().text).toBe(
      'Première rédaction',
    );
  });

  it('answers bad input with 4xx and stable codes', async () => {
    const id = await newDoc();
    const long = 'x'.repeat(201);
    const cases: Array<[Who, 'GET' | 'POST' | 'PATCH', string, object | undefined, number, string]> = [
      ['member', 'POST', `/api/spaces/${space.slug}/documents`, { title: long }, 400, 'invalid_input'],
      ['member', 'POST', `/api/spaces/${space.slug}/documents`, { title: '   ' }, 400, 'invalid_input'],
      ['member', 'POST', `/api/spaces/${space.slug}/documents`, { title: 'a', extra: 1 }, 400, 'invalid_input'],
      ['member', 'POST', '/api/spaces/inconnu/documents', { title: 'Titre' }, 404, 'not_found'],
      ['member', 'PATCH', `/api/documents/${id}`, { title: long }, 400, 'invalid_input'],
      ['member', 'GET', '/api/documents/pas-un-uuid', undefined, 404, 'not_found'],
      ['member', 'GET', '/api/documents/00000000-0000-4000-8000-000000000000/text', undefined, 404, 'not_found'],
      ['member', 'GET', `/api/documents/${id}/export?format=pdf`, undefined, 400, 'invalid_input'],
      ['member', 'GET', `/api/documents/${id}/export`, undefined, 400, 'invalid_input'],
      ['member', 'GET', `/api/documents/${id}/versions/pas-un-uuid`, undefined, 404, 'not_found'],
      [
        'member',
        'POST',
        `/api/documents/${id}/versions/00000000-0000-4000-8000-000000000000/restore`,
        undefined,
        404,
        'not_found',
      ],
      ['member', 'POST', `/api/documents/${id}/versions`, { name: '' }, 400, 'invalid_input'],
    ];
    for (const [who, method, url, payload, status, code] of cases) {
      const response = await call(who, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(status);
      expect(response.json().error.code, `${method} ${url}`).toBe(code);
    }
  });
});
