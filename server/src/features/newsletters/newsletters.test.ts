import { NEWSLETTER_BODY_MAX_CHARS, type Newsletter, type NotificationSettings } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';

/**
 * Infolettres end to end through the API: what a body may hold, who receives an issue (once),
 * sending twice, leaving a space's infolettres from the mail, and the archive's order.
 */

let ctx: JobsTestApp;
beforeAll(async () => {
  ctx = await createJobsTestApp();
});
afterAll(() => ctx?.close());

const db = () => ctx.database.db;

/** A space of the given visibility with an animateur·ice, who writes its infolettres. */
async function spaceWithAnimateur(visibility: 'public' | 'members' | 'private' = 'private') {
  const joinPolicy = { public: 'open', members: 'request', private: 'invite' } as const;
  const space = await createSpace(db(), { visibility, joinPolicy: joinPolicy[visibility], title: 'Mise en récits' });
  const animateur = await createPerson(ctx, { displayName: 'Anne Animatrice' });
  await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
  return { space, animateur };
}

const draftIn = async (slug: string, who: TestPerson, body: object) =>
  request(ctx, who, 'POST', `/api/spaces/${slug}/newsletters`, body);

async function draft(slug: string, who: TestPerson, subject = 'Les nouvelles de décembre') {
  const response = await draftIn(slug, who, { subject, body: '<p>Bonjour à toutes et tous.</p>' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().newsletter as Newsletter;
}

const read = async (who: TestPerson | null, id: string) => {
  const response = await request(ctx, who, 'GET', `/api/newsletters/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().newsletter as Newsletter;
};

/** Waits until the send job has written every mail and the outbox has dealt with each. */
async function settled(who: TestPerson, id: string) {
  await expect
    .poll(async () => {
      const issue = await read(who, id);
      return issue.status === 'sent' && (issue.sentCount ?? 0) + (issue.failedCount ?? 0) === issue.recipientCount;
    })
    .toBe(true);
  return read(who, id);
}

const mailsTo = (address: string, subject?: string) => {
  let query = db()
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body', 'html_body', 'headers'])
    .where('to_address', '=', address);
  if (subject) query = query.where('subject', '=', subject);
  return query.execute();
};

/** The token of the `List-Unsubscribe` header, as a mail client reads it. */
const tokenOf = (headers: Record<string, string> | null) => {
  const match = /\/api\/unsubscribe\/([^>]+)>$/.exec(headers?.['List-Unsubscribe'] ?? '');
  if (!match?.[1]) throw new Error(`no List-Unsubscribe header in ${JSON.stringify(headers)}`);
  return match[1];
};

describe('an infolettre’s subject and body', () => {
  it('refuses an empty body (post_empty), an oversized one (413) and a bad subject', async () => {
    const { space, animateur } = await spaceWithAnimateur();
    const cases: [object, number, string][] = [
      [{ subject: 'Vide', body: '' }, 400, 'post_empty'],
      [{ subject: 'Vide', body: '<p>  </p><script>alert(1)</script><p><br></p>' }, 400, 'post_empty'],
      [{ subject: 'Long', body: `<p>${'a'.repeat(NEWSLETTER_BODY_MAX_CHARS)}</p>` }, 413, 'post_too_large'],
      [{ subject: '', body: '<p>x</p>' }, 400, 'invalid_input'],
      [{ subject: '   ', body: '<p>x</p>' }, 400, 'invalid_input'],
      [{ subject: 'x'.repeat(201), body: '<p>x</p>' }, 400, 'invalid_input'],
      [{ subject: 'Ligne\nsuivante', body: '<p>x</p>' }, 400, 'invalid_input'],
      [{ subject: 'Sans corps' }, 400, 'invalid_input'],
      [{ subject: 'En trop', body: '<p>x</p>', status: 'sent' }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const response = await draftIn(space.slug, animateur, body);
      expect([response.statusCode, response.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    // 200 characters exactly is a subject; the limit is on the HTML, before sanitising.
    expect((await draftIn(space.slug, animateur, { subject: 'x'.repeat(200), body: '<p>x</p>' })).statusCode).toBe(201);
    const rows = await db().selectFrom('newsletters').select('id').where('space_id', '=', space.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps only safe HTML, and makes the site’s links absolute so that they work from a mail', async () => {
    const { space, animateur } = await spaceWithAnimateur();
    const hostile = [
      '<p onclick="steal()">Bonjour <strong>toutes</strong> <b>et</b> <i>tous</i>',
      '<script>alert(1)</script><img src=x onerror="alert(2)">',
      '<a href="javascript:alert(3)">piège</a> <a href="JaVaScRiPt&colon;alert(4)">piège 2</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD4=">données</a>',
      '<a href="/espaces/mise-en-recits/fils/1" target="_blank" rel="opener">le fil</a>',
      '<a href="//ailleurs.example/x">ailleurs</a> <a href="/\\ailleurs.example">ailleurs 2</a>',
      '<a href="https://exemple.fr/podcast">le podcast</a></p>',
      '<h2>Agenda</h2><iframe src="https://evil.example"></iframe><style>p{}</style>',
    ].join('');
    const response = await draftIn(space.slug, animateur, { subject: 'Nouvelles', body: hostile });
    expect(response.statusCode, response.body).toBe(201);
    const { body } = response.json().newsletter as Newsletter;
    for (const bad of [
      'script',
      'onerror',
      'onclick',
      '<img',
      'javascript',
      'data:',
      'iframe',
      'style',
      'target=',
      'opener"',
    ]) {
      expect(body.toLowerCase()).not.toContain(bad);
    }
    expect(body).toContain(
      `<a href="${ctx.config.publicUrl}/espaces/mise-en-recits/fils/1" rel="noopener nofollow ugc">le fil</a>`,
    );
    expect(body).toContain('<a href="https://exemple.fr/podcast" rel="noopener nofollow ugc">le podcast</a>');
    // Links that would leave the site without saying so lose their address, not their text.
    expect(body).toContain('<a rel="noopener nofollow ugc">ailleurs</a>');
    expect(body).not.toContain('ailleurs.example');
    expect(body).toContain('<strong>toutes</strong> <strong>et</strong> <em>tous</em>');
    expect(body).toContain('<p>Agenda</p>');

    // The same rules when the draft is edited.
    const edited = await request(ctx, animateur, 'PATCH', `/api/newsletters/${response.json().newsletter.id}`, {
      body: '<p>Encore <script>alert(5)</script><a href="/agenda">l’agenda</a></p>',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().newsletter.body).toBe(
      `<p>Encore <a href="${ctx.config.publicUrl}/agenda" rel="noopener nofollow ugc">l’agenda</a></p>`,
    );
    const emptied = await request(ctx, animateur, 'PATCH', `/api/newsletters/${response.json().newsletter.id}`, {
      body: '<script>x</script>',
    });
    expect(emptied.json().error.code).toBe('post_empty');
  });
});

describe('sending an infolettre', () => {
  it('mails every active member who did not opt out exactly once, and no one else', async () => {
    const { space, animateur } = await spaceWithAnimateur('private');
    const [reader, optedOut, pending, outsider, admin] = [
      await createPerson(ctx, { locale: 'en' }),
      await createPerson(ctx),
      await createPerson(ctx),
      await createPerson(ctx),
      await createPerson(ctx, { role: 'admin' }),
    ];
    await addMembership(db(), space.id, reader.id);
    await addMembership(db(), space.id, optedOut.id);
    await addMembership(db(), space.id, pending.id, { status: 'pending' });
    const optOut = await request(ctx, optedOut, 'PUT', `/api/spaces/${space.slug}/newsletters/subscription`, {
      subscribed: false,
    });
    expect(optOut.json()).toEqual({ subscribed: false });

    const issue = await draft(space.slug, animateur, 'Infolettre n° 1');
    expect(issue.recipientCount).toBe(2);
    const sent = await request(ctx, animateur, 'POST', `/api/newsletters/${issue.id}/send`);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ recipients: 2, newsletter: { status: 'sending', recipientCount: 2 } });

    const done = await settled(animateur, issue.id);
    expect(done).toMatchObject({ status: 'sent', recipientCount: 2, sentCount: 2, failedCount: 0 });
    expect(done.sentAt).not.toBeNull();
    for (const person of [reader, animateur]) expect(await mailsTo(person.email, 'Infolettre n° 1')).toHaveLength(1);
    for (const person of [optedOut, pending, outsider, admin]) expect(await mailsTo(person.email)).toEqual([]);

    const [mail] = await mailsTo(reader.email, 'Infolettre n° 1');
    const pageUrl = `${ctx.config.publicUrl}/espaces/${space.slug}/infolettres/${issue.id}`;
    expect(mail?.headers?.['List-Unsubscribe']).toMatch(/^<http.+\/api\/unsubscribe\/[^>]+>$/);
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // The reader's language frames the mail; the body is as the animateur·ice wrote it.
    expect(mail?.text_body).toContain(`Read online: ${pageUrl}`);
    expect(mail?.text_body).toContain('Bonjour à toutes et tous.');
    expect(mail?.text_body).toMatch(/Stop the newsletters of this space: http.+\/desabonnement\//);
    expect(mail?.html_body).toContain('<p style="margin:0 0 16px;">Bonjour à toutes et tous.</p>');
    expect(mail?.html_body).toContain(`href="${pageUrl}"`);
    expect(mail?.html_body).toMatch(/href="http[^"]+\/desabonnement\/[^"]+"/);

    // Sent is sent: no second send, no edit, no deletion.
    const again = await request(ctx, animateur, 'POST', `/api/newsletters/${issue.id}/send`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'conflict']);
    const edit = await request(ctx, animateur, 'PATCH', `/api/newsletters/${issue.id}`, { subject: 'Oups' });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'conflict']);
    await expect.poll(async () => (await mailsTo(reader.email)).length).toBe(1);
  });

  it('lets only one of two simultaneous sends through, and mails nobody twice', async () => {
    const { space, animateur } = await spaceWithAnimateur('members');
    const members = await Promise.all([createPerson(ctx), createPerson(ctx), createPerson(ctx)]);
    for (const member of members) await addMembership(db(), space.id, member.id);
    const issue = await draft(space.slug, animateur, 'Deux clics');
    const admin = await createPerson(ctx, { role: 'admin' });

    const answers = await Promise.all([
      request(ctx, animateur, 'POST', `/api/newsletters/${issue.id}/send`),
      request(ctx, admin, 'POST', `/api/newsletters/${issue.id}/send`),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 409]);
    const done = await settled(animateur, issue.id);
    expect(done.recipientCount).toBe(4);
    for (const person of [...members, animateur]) expect(await mailsTo(person.email, 'Deux clics')).toHaveLength(1);
    const deliveries = await db()
      .selectFrom('newsletter_deliveries')
      .select('user_id')
      .where('newsletter_id', '=', issue.id)
      .execute();
    expect(deliveries).toHaveLength(4);
  });
});

describe('leaving a space’s infolettres from the mail', () => {
  it('stops this space’s infolettres only, and « Annuler » puts them back', async () => {
    const { space, animateur } = await spaceWithAnimateur('public');
    const other = await createSpace(db(), { visibility: 'public', joinPolicy: 'open', title: 'Autre espace' });
    await addMembership(db(), other.id, animateur.id, { role: 'animateur' });
    const reader = await createPerson(ctx);
    await addMembership(db(), space.id, reader.id);
    await addMembership(db(), other.id, reader.id);

    const first = await draft(space.slug, animateur, 'Première');
    await request(ctx, animateur, 'POST', `/api/newsletters/${first.id}/send`);
    await settled(animateur, first.id);
    const [mail] = await mailsTo(reader.email, 'Première');
    const token = tokenOf(mail?.headers ?? null);

    // A mail client's one-click unsubscribe (RFC 8058): a form POST, no cookie, no CSRF token.
    const left = await ctx.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toEqual({
      list: { kind: 'newsletter', space: { slug: space.slug, title: 'Mise en récits' } },
      previous: 'each',
      current: 'off',
    });
    const settings = (
      await request(ctx, reader, 'GET', '/api/me/notification-settings')
    ).json() as NotificationSettings;
    expect(settings.spaces.map((s) => [s.slug, s.newsletter, s.mode])).toEqual([
      [other.slug, true, 'weekly'],
      [space.slug, false, 'weekly'],
    ]);
    const archive = await request(ctx, reader, 'GET', `/api/spaces/${space.slug}/newsletters`);
    expect(archive.json().subscribed).toBe(false);

    // The next issue of this space skips the reader; the other space's still reaches them.
    const second = await draft(space.slug, animateur, 'Deuxième');
    expect(second.recipientCount).toBe(1);
    await request(ctx, animateur, 'POST', `/api/newsletters/${second.id}/send`);
    const elsewhere = await draft(other.slug, animateur, 'Ailleurs');
    await request(ctx, animateur, 'POST', `/api/newsletters/${elsewhere.id}/send`);
    await settled(animateur, second.id);
    await settled(animateur, elsewhere.id);
    expect(await mailsTo(reader.email, 'Deuxième')).toEqual([]);
    expect(await mailsTo(reader.email, 'Ailleurs')).toHaveLength(1);

    // The landing page's undo: each or off only, then the reader is back in.
    const daily = await request(ctx, null, 'POST', `/api/unsubscribe/${token}/undo`, { mode: 'daily' });
    expect([daily.statusCode, daily.json().error.code]).toEqual([400, 'invalid_input']);
    const undo = await request(ctx, null, 'POST', `/api/unsubscribe/${token}/undo`, { mode: 'each' });
    expect(undo.json()).toMatchObject({ previous: 'off', current: 'each' });
    expect((await request(ctx, reader, 'GET', `/api/spaces/${space.slug}/newsletters`)).json().subscribed).toBe(true);
  });
});

describe('the archive', () => {
  it('lists drafts first for those who manage it, then issues newest first, page by page', async () => {
    const { space, animateur } = await spaceWithAnimateur('members');
    const member = await createPerson(ctx);
    await addMembership(db(), space.id, member.id);
    const ids: string[] = [];
    for (const subject of ['Un', 'Deux', 'Trois']) {
      const issue = await draft(space.slug, animateur, subject);
      await request(ctx, animateur, 'POST', `/api/newsletters/${issue.id}/send`);
      await settled(animateur, issue.id);
      ids.push(issue.id);
    }
    const pending = await draft(space.slug, animateur, 'Brouillon');

    const pages = async (who: TestPerson) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url = `/api/spaces/${space.slug}/newsletters?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await request(ctx, who, 'GET', url)).json() as {
          items: { id: string }[];
          nextCursor: string | null;
        };
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pages(member)).toEqual([ids[2], ids[1], ids[0]]);
    expect(await pages(animateur)).toEqual([pending.id, ids[2], ids[1], ids[0]]);

    const forged = await request(ctx, member, 'GET', `/api/spaces/${space.slug}/newsletters?cursor=bm9wZQ`);
    expect([forged.statusCode, forged.json().error.code]).toEqual([400, 'invalid_input']);
  });
});
