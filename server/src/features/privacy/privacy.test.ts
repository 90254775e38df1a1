import { FORMER_MEMBER_NAME } from '@atelier/contract';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread } from '../../test/factories/discussions';
import { createCommentThread, createDocument } from '../../test/factories/documents';
import { createEvent, createRegistration } from '../../test/factories/events';
import { createPerson, type TestPerson, uniqueSuffix } from '../../test/factories/people';
import { createQuestion } from '../../test/factories/questions';
import { upload } from '../../test/factories/resources';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { filesUnder, multipart, samples, tempDataDir } from '../../test/files';
import { request } from '../../test/http';
import { mailsTo } from '../../test/outbox';
import { request as ask, connect, listen } from '../../test/sockets';

let ctx: TestContext;
let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
const db = () => ctx.database.db;

beforeAll(async () => {
  dataDir = await tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir.path });
});
afterAll(async () => {
  await ctx.close();
  await dataDir.remove();
});

/**
 * A person with a life on the platform: a thread and a reply (one edited), a reaction to
 * someone else's post, a seat at a full event with someone waiting, a question, a file; and
 * that someone else, whose text, name and address must never show in the person's export.
 */
async function livedIn() {
  const suffix = uniqueSuffix();
  const person = await createPerson(ctx, { displayName: `Camille Sujet ${suffix}` });
  const other = await createPerson(ctx, { displayName: `Dominique Autre ${suffix}` });
  const waiting = await createPerson(ctx);
  const space = await createSpace(db(), {
    visibility: 'public',
    joinPolicy: 'open',
    title: `Mise en récits ${suffix}`,
  });
  for (const someone of [person, other, waiting]) await addMembership(db(), space.id, someone.id);
  const organisation = await db()
    .insertInto('organisations')
    .values({ slug: `ressourcerie-${suffix}`, name: `Ressourcerie ${suffix}`, kind: 'entreprise' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('organisation_members')
    .values({ organisation_id: organisation.id, user_id: person.id, status: 'pending' })
    .execute();
  const { thread, post: first } = await createThread(ctx, person, space.slug, {
    title: `Le fil de Camille ${suffix}`,
    body: `<p>Premier jet de Camille ${suffix}</p>`,
  });
  const edited = await request(ctx, person, 'PATCH', `/api/posts/${first.id}`, {
    body: `<p>Version finale de Camille ${suffix}</p>`,
  });
  expect(edited.statusCode).toBe(200);
  const theirs = await createPost(ctx, other, thread.id, `<p>Texte secret de Dominique ${suffix}</p>`);
  const mine = await createPost(ctx, person, thread.id, `<p>Réponse de Camille ${suffix}</p>`);
  const reacted = await request(ctx, person, 'PUT', `/api/posts/${theirs.id}/reactions/${encodeURIComponent('👍')}`);
  expect(reacted.statusCode).toBe(200);
  const event = await createEvent(db(), { capacity: 1, title: `Initiation ${suffix}` });
  await createRegistration(db(), event.id, person.id, 'registered');
  await createRegistration(db(), event.id, waiting.id, 'waitlisted');
  await createQuestion(ctx, person, event.id, `Question de Camille ${suffix}`);
  const png = await samples.png();
  const uploaded = await upload(ctx, person, space.slug, { filename: 'carte.png', content: png });
  expect(uploaded.statusCode).toBe(201);
  // A comment thread on a document, answered by the other and resolved by the person.
  const documentId = await createDocument(ctx, other, space.slug, `Programme ${suffix}`);
  const comment = await createCommentThread(ctx, person, documentId, `Commentaire de Camille ${suffix}`);
  const replied = await request(ctx, other, 'POST', `/api/comments/${comment.id}/replies`, { body: 'Vu, merci.' });
  expect(replied.statusCode).toBe(201);
  expect((await request(ctx, person, 'POST', `/api/comments/${comment.id}/resolve`)).statusCode).toBe(200);
  return { person, other, waiting, space, thread, first, mine, theirs, event, suffix, png, documentId, comment };
}

const exportLinkOf = async (person: TestPerson) => {
  let token = '';
  await expect
    .poll(
      async () => {
        const mail = (await mailsTo(db(), person.email)).find((m) => m.subject.includes('Vos données sont prêtes'));
        token = /\/api\/me\/export\?token=([A-Za-z0-9_-]+)/.exec(mail?.text_body ?? '')?.[1] ?? '';
        return token;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return token;
};

describe('export of one’s data', () => {
  it('is built in the queue, mailed as a link, and holds what is about the person only', async () => {
    const life = await livedIn();
    const { person, other } = life;
    const asked = await request(ctx, person, 'POST', '/api/me/export');
    expect(asked.statusCode).toBe(202);
    expect(new Date(asked.json().expiresAt).getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    const token = await exportLinkOf(person);

    // The mailed link works without a session; the session works without the link.
    const byToken = await request(ctx, null, 'GET', `/api/me/export?token=${token}`);
    expect(byToken.statusCode).toBe(200);
    expect(byToken.headers['content-type']).toBe('application/zip');
    expect(byToken.headers['content-disposition']).toContain('attachment');
    const bySession = await request(ctx, person, 'GET', '/api/me/export');
    expect(bySession.statusCode).toBe(200);

    const files = unzipSync(new Uint8Array(byToken.rawPayload));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const all = Object.keys(files)
      .filter((name) => name.endsWith('.json'))
      .map(text)
      .join('\n');
    expect(JSON.parse(text('profile.json'))).toMatchObject({ email: person.email, display_name: person.displayName });
    const posts = JSON.parse(text('posts.json'));
    expect(posts.map((post: { body: string }) => post.body)).toEqual([
      `<p>Version finale de Camille ${life.suffix}</p>`,
      `<p>Réponse de Camille ${life.suffix}</p>`,
    ]);
    expect(posts[0].revisions.map((revision: { body: string }) => revision.body)).toEqual([
      `<p>Premier jet de Camille ${life.suffix}</p>`,
    ]);
    expect(posts[0].thread_title).toBe(`Le fil de Camille ${life.suffix}`);
    expect(JSON.parse(text('document-comments.json'))).toMatchObject([
      {
        document_title: `Programme ${life.suffix}`,
        body: `Commentaire de Camille ${life.suffix}`,
        quote: 'un passage',
      },
    ]);
    expect(JSON.parse(text('reactions.json'))).toMatchObject([{ post_id: life.theirs.id, emoji: '👍' }]);
    expect(JSON.parse(text('registrations.json'))).toMatchObject([{ event_id: life.event.id, status: 'registered' }]);
    expect(JSON.parse(text('questions.json'))).toMatchObject([{ body: `Question de Camille ${life.suffix}` }]);
    expect(JSON.parse(text('memberships.json'))).toMatchObject([{ space_title: `Mise en récits ${life.suffix}` }]);
    expect(JSON.parse(text('organisations.json'))).toMatchObject([
      { organisation: `Ressourcerie ${life.suffix}`, status: 'pending', referent: false },
    ]);
    const [file] = JSON.parse(text('files.json'));
    expect(file).toMatchObject({ name: 'carte.png', mime_type: 'image/png' });
    expect(Buffer.from(files[file.path]!).equals(life.png)).toBe(true);
    expect(all).not.toContain('password_hash');

    // Nothing of the other person: not their text, name or address.
    for (const theirs of [`Texte secret de Dominique ${life.suffix}`, other.displayName, other.email, other.id]) {
      expect(all).not.toContain(theirs);
    }

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export')
      .where('actor_id', '=', person.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers 401 to anonymous visitors, 400 to a malformed token, 404 to an unknown one or no export', async () => {
    const person = await createPerson(ctx);
    expect((await request(ctx, null, 'POST', '/api/me/export')).statusCode).toBe(401);
    expect((await request(ctx, null, 'GET', '/api/me/export')).statusCode).toBe(401);
    const malformed = await request(ctx, null, 'GET', '/api/me/export?token=../x');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_input');
    const unknown = await request(ctx, null, 'GET', `/api/me/export?token=${'a'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect((await request(ctx, person, 'GET', '/api/me/export')).statusCode).toBe(404);
  });

  it('gives each person their own export only, and none once expired', async () => {
    const person = await createPerson(ctx);
    const someoneElse = await createPerson(ctx);
    expect((await request(ctx, person, 'POST', '/api/me/export')).statusCode).toBe(202);
    const token = await exportLinkOf(person);
    expect((await request(ctx, someoneElse, 'GET', '/api/me/export')).statusCode).toBe(404);
    await sql`update exports set expires_at = now() - interval '1 minute' where user_id = ${person.id}`.execute(db());
    expect((await request(ctx, null, 'GET', `/api/me/export?token=${token}`)).statusCode).toBe(404);
    expect((await request(ctx, person, 'GET', '/api/me/export')).statusCode).toBe(404);
  });
});

/** Every text, uuid, json and array column of every table, searched for each value. */
async function rowsNaming(values: string[]) {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'uuid', 'jsonb', 'json', 'ARRAY')`.execute(db());
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns.rows) {
    for (const value of values) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
        where strpos(lower(${sql.ref(column)}::text), lower(${value})) > 0`.execute(db());
      if (Number(rows[0]!.n) > 0) found.push(`${table}.${column}`);
    }
  }
  return [...new Set(found)].sort();
}

describe('erasure of one’s account', () => {
  it('refuses without the typed confirmation, and anonymous visitors', async () => {
    const person = await createPerson(ctx);
    expect((await request(ctx, null, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' })).statusCode).toBe(401);
    for (const body of [
      {},
      { confirm: 'supprimer' },
      { confirm: 'SUPPRIMER', deletePosts: 'oui' },
      { confirm: 'SUPPRIMER', x: 1 },
    ]) {
      const refused = await request(ctx, person, 'DELETE', '/api/me', body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('invalid_input');
    }
    expect((await request(ctx, person, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it('erases the account: posts stay as « ancien·ne membre », the waitlist moves up, and only the audit log names them', async () => {
    const life = await livedIn();
    const { person, other, waiting } = life;
    expect((await request(ctx, person, 'POST', '/api/me/export')).statusCode).toBe(202);
    await exportLinkOf(person);
    const picture = multipart([{ name: 'file', filename: 'moi.png', contentType: 'image/png', content: life.png }]);
    const pictured = await ctx.app.inject({
      method: 'PUT',
      url: '/api/me/avatar',
      headers: { ...person.headers, 'content-type': picture.contentType },
      payload: picture.payload,
    });
    expect(pictured.statusCode).toBe(200);
    const stored = await db()
      .selectFrom('users')
      .select('avatar_key')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    const [exported] = await db()
      .selectFrom('exports')
      .select('storage_key')
      .where('user_id', '=', person.id)
      .execute();
    const storedKeys = [stored.avatar_key!, exported!.storage_key!];
    const storedNow = async () =>
      (await filesUnder(dataDir.path)).filter((path) => storedKeys.some((key) => path.endsWith(key)));
    expect(await storedNow()).toHaveLength(2);

    const erased = await request(ctx, person, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' });
    expect(erased.statusCode).toBe(204);
    expect(erased.cookies.find((cookie) => cookie.name.endsWith('atelier_session'))?.value).toBe('');
    expect((await request(ctx, person, 'GET', '/api/me')).statusCode).toBe(401);
    // Their picture and their export's ZIP left the storage.
    expect(await storedNow()).toEqual([]);

    // Others still read the thread, signed by the former member.
    const detail = (await request(ctx, other, 'GET', `/api/threads/${life.thread.id}`)).json();
    const authors = detail.posts.items.map((post: { author: { displayName: string } }) => post.author.displayName);
    expect(authors).toEqual([FORMER_MEMBER_NAME, other.displayName, FORMER_MEMBER_NAME]);
    expect(detail.posts.items[2].body).toContain(`Réponse de Camille ${life.suffix}`);
    // And the comment thread on the document, resolved by the former member.
    const comments = (await request(ctx, other, 'GET', `/api/documents/${life.documentId}/comments`)).json();
    expect(comments.items).toMatchObject([
      {
        id: life.comment.id,
        author: { displayName: FORMER_MEMBER_NAME },
        body: `Commentaire de Camille ${life.suffix}`,
        resolvedBy: { displayName: FORMER_MEMBER_NAME },
        replies: [{ author: { id: other.id }, body: 'Vu, merci.' }],
      },
    ]);

    // The seat went to the person waiting, who was told.
    const seat = await db()
      .selectFrom('registrations')
      .select('status')
      .where('event_id', '=', life.event.id)
      .where('user_id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(seat.status).toBe('registered');
    await expect.poll(async () => (await mailsTo(db(), waiting.email)).length).toBeGreaterThan(0);

    expect(await rowsNaming([person.id, person.email, person.displayName])).toEqual([
      'audit_log.actor_name',
      'audit_log.subject_id',
      'audit_log.target_name',
      'audit_log.target_user_id',
    ]);
    const [entry] = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'erasure')
      .where('target_user_id', '=', person.id)
      .execute();
    expect(entry).toMatchObject({ actor_id: null, actor_name: person.displayName, target_name: person.displayName });
  });

  it('closes the person’s live connections', async () => {
    const url = await listen(ctx);
    const person = await createPerson(ctx);
    const socket = await connect(url, { cookie: person.headers.cookie ?? '' });
    try {
      expect(await ask(socket, 'subscribe', { room: `user:${person.id}` })).toMatchObject({ ok: true });
      const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      expect((await request(ctx, person, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' })).statusCode).toBe(204);
      expect(await closed).toBe('io server disconnect');
    } finally {
      socket.close();
    }
  });

  it('deletes the posts too when asked', async () => {
    const life = await livedIn();
    const erased = await request(ctx, life.person, 'DELETE', '/api/me', { confirm: 'SUPPRIMER', deletePosts: true });
    expect(erased.statusCode).toBe(204);
    const posts = await db()
      .selectFrom('posts')
      .select(['body', 'deleted_at'])
      .where('id', 'in', [life.first.id, life.mine.id])
      .execute();
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(post).toMatchObject({ body: '', deleted_at: expect.any(Date) });
    const kept = await db()
      .selectFrom('posts')
      .select('body')
      .where('id', '=', life.theirs.id)
      .executeTakeFirstOrThrow();
    expect(kept.body).toContain('Texte secret de Dominique');
    expect(await rowsNaming([life.person.id, life.person.displayName])).toEqual([
      'audit_log.actor_name',
      'audit_log.subject_id',
      'audit_log.target_name',
      'audit_log.target_user_id',
    ]);
  });
});
