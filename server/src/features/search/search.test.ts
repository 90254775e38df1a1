import type { SearchResults } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

/**
 * Search through the API: French words in any form, the glossary, phrases and exclusions,
 * ranking and pages, bad input — and never a result the asker may not read.
 */

let ctx: TestContext;
let author: TestPerson;
let publicSlug: string;
let privateSlug: string;

beforeAll(async () => {
  ctx = await createTestApp();
  author = await createPerson(ctx, { displayName: 'Camille Roux' });
  const db = ctx.database.db;
  const open = await createSpace(db, { visibility: 'public', joinPolicy: 'open', title: 'Chantier énergie' });
  const closed = await createSpace(db, { visibility: 'private', joinPolicy: 'invite', title: 'Cohorte secrète' });
  publicSlug = open.slug;
  privateSlug = closed.slug;
  await addMembership(db, open.id, author.id, { role: 'animateur' });
  await addMembership(db, closed.id, author.id, { role: 'animateur' });
  const pcaet = await createThread(ctx, author, publicSlug, {
    title: 'Notre PCAET en 2027',
    body: '<p>Les <strong>réseaux</strong> de chaleur et les élu·es du territoire.</p>',
  });
  await createPost(ctx, author, pcaet.thread.id, '<p>Les acteur·ices locaux financent le bois énergie.</p>');
  await createThread(ctx, author, privateSlug, {
    title: 'Plan climat confidentiel',
    body: '<p>Un réseau de chaleur que seule la cohorte connaît.</p>',
  });
});
afterAll(() => ctx?.close());

const search = async (person: TestPerson | null, query: string) => {
  const response = await request(ctx, person, 'GET', `/api/search?${query}`);
  return { status: response.statusCode, body: response.json() as SearchResults & { error?: { code: string } } };
};
const titles = (body: SearchResults) => body.items.map((item) => `${item.type}:${item.title}`);

describe('GET /api/search', () => {
  it('finds "plan climat reseau": the PCAET thread through the glossary, plural and accents folded', async () => {
    const { status, body } = await search(null, 'q=plan+climat+reseau');
    expect(status).toBe(200);
    expect(titles(body)).toContain('post:Notre PCAET en 2027');
    expect(body.expandedWith).toContain('PCAET');
    const post = body.items.find((item) => item.type === 'post');
    expect(post?.url).toMatch(new RegExp(`^/espaces/${publicSlug}/fils/[0-9a-f-]{36}#message-[0-9a-f-]{36}$`));
    expect(post?.space).toEqual({ slug: publicSlug, title: 'Chantier énergie' });
    expect(post?.excerpt).toContain('<mark>réseaux</mark>');
  });

  it('never shows a private space’s content to someone outside it, and shows it to its members and admins', async () => {
    const outsider = await createPerson(ctx);
    const admin = await createPerson(ctx, { role: 'admin' });
    for (const person of [null, outsider]) {
      const { body } = await search(person, 'q=confidentiel');
      expect(body.items).toEqual([]);
      const space = await search(person, 'q=secrete&type=space');
      expect(space.body.items).toEqual([]);
    }
    for (const person of [author, admin]) {
      const { body } = await search(person, 'q=confidentiel');
      expect(titles(body)).toContain('thread:Plan climat confidentiel');
    }
    // Narrowed to a space one may not know of: as if it did not exist.
    expect((await search(outsider, `q=reseau&space=${privateSlug}`)).status).toBe(404);
    expect((await search(author, `q=reseau&space=${privateSlug}`)).body.items.length).toBeGreaterThan(0);
  });

  it('reads inclusive writing both ways and "elu" without its accent', async () => {
    expect(titles((await search(null, 'q=actrice')).body)).toContain('post:Notre PCAET en 2027');
    expect(titles((await search(null, 'q=acteur')).body)).toContain('post:Notre PCAET en 2027');
    expect(titles((await search(null, 'q=elu')).body)).toContain('post:Notre PCAET en 2027');
  });

  it('keeps a phrase whole and leaves out -words', async () => {
    expect(titles((await search(null, 'q=%22bois+%C3%A9nergie%22')).body)).toContain('post:Notre PCAET en 2027');
    expect((await search(null, 'q=%22%C3%A9nergie+bois%22')).body.items).toEqual([]);
    expect(titles((await search(null, 'q=acteur+-bois')).body)).not.toContain('post:Notre PCAET en 2027');
  });

  it('ranks a title above a body and filters by type', async () => {
    const { body } = await search(null, 'q=pcaet');
    expect(body.items[0]).toMatchObject({ type: 'thread', title: 'Notre PCAET en 2027' });
    // Its posts hold "PCAET" only through the thread's title: the thread stands for them.
    expect(titles(body).filter((title) => title === 'post:Notre PCAET en 2027')).toEqual([]);
    const threads = await search(null, 'q=pcaet&type=thread');
    expect(threads.body.items.every((item) => item.type === 'thread')).toBe(true);
  });

  it('finds people of the directory for members only, despite a typo in the name', async () => {
    await ctx.database.db.updateTable('users').set({ listed_in_directory: true }).where('id', '=', author.id).execute();
    const member = await createPerson(ctx);
    expect(titles((await search(member, 'q=Camile&type=person')).body)).toEqual(['person:Camille Roux']);
    expect((await search(null, 'q=Camille&type=person')).body.items).toEqual([]);
  });

  it('walks the results page by page without a repeat', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    await addMembership(ctx.database.db, space.id, author.id);
    const { thread } = await createThread(ctx, author, space.slug, { title: 'Agroforesterie', body: '<p>haie</p>' });
    for (let i = 0; i < 24; i++) await createPost(ctx, author, thread.id, `<p>Une haie champêtre n°${i}</p>`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: SearchResults } = await search(
        null,
        `q=haie&space=${space.slug}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('drops a deleted post from the results at once', async () => {
    const { thread } = await createThread(ctx, author, publicSlug, { title: 'Éphémère', body: '<p>Tourbière</p>' });
    const post = await createPost(ctx, author, thread.id, '<p>Tourbière restaurée</p>');
    expect((await search(null, 'q=tourbiere+restauree')).body.items).toHaveLength(1);
    expect((await request(ctx, author, 'DELETE', `/api/posts/${post.id}`)).statusCode).toBeLessThan(300);
    expect((await search(null, 'q=tourbiere+restauree')).body.items).toEqual([]);
  });

  it('answers bad input with 400, hostile input with results or nothing, never a 5xx', async () => {
    for (const q of ['', 'a', 'x'.repeat(10_000), 'tab\there', '-bois']) {
      const { status, body } = await search(null, `q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(400);
      expect(body.error?.code).toBe('invalid_input');
    }
    for (const q of [
      '&|!:*()',
      "'; drop table posts; --",
      'réseau <script>',
      '🌱 é\u0301lu \u202e',
      ':*',
      '!!',
      '""',
    ]) {
      const { status, body } = await search(null, `q=${encodeURIComponent(q)}`);
      expect([200, 400], q).toContain(status);
      if (status === 200) for (const item of body.items) expect(item.excerpt).not.toMatch(/<(?!\/?mark>)/);
    }
    expect((await search(null, 'q=reseau&cursor=forged')).status).toBe(400);
    expect((await search(null, 'q=reseau&type=nothing')).status).toBe(400);
  });

  it('escapes what people wrote in the excerpt, keeping only <mark>', async () => {
    await createThread(ctx, author, publicSlug, {
      title: 'Balises',
      body: '<p>Le code &lt;img src=x onerror=alert(1)&gt; du méthaniseur</p>',
    });
    const { body } = await search(null, 'q=methaniseur');
    const [item] = body.items;
    expect(item?.excerpt).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(item?.excerpt).toContain('<mark>méthaniseur</mark>');
  });
});
