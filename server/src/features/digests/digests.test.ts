import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost, createThread } from '../../test/factories/discussions';
import { createDocument } from '../../test/factories/documents';
import { createEvent, createRegistration } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { insertVersion } from '../documents/versions.queries';
import { setSpaceMode } from '../mail-settings/mail-settings.queries';
import { insertFile, insertLink } from '../resources/resources.queries';
import { seedAlliance } from '../seed/seed.service';
import { digestsDepsOf } from './digests.deps';
import { listDigestCandidates } from './digests.queries';
import { planNextRun, sendDigests } from './digests.service';
import { nextRunAt, periodKey } from './schedule';

/**
 * Digests end to end: fixtures written as people would write them, runs started by the admin
 * route, and the job workers of a real app sending to the outbox.
 */

let ctx: JobsTestApp;
const db = () => ctx.database.db;
const publicUrl = () => ctx.config.publicUrl;

/** Every digest job due has run (a scheduled run waiting for tomorrow's 07:00 is not due). */
async function digestsSettled() {
  const pending = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from pgboss.job
        where name in ('digests.run', 'digests.send') and state in ('created', 'retry', 'active')
          and start_after <= now()`.execute(db())
    ).rows[0]?.n;
  await expect.poll(pending, { timeout: 30_000 }).toBe(0);
  const failed = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
    where name in ('digests.run', 'digests.send') and state = 'failed'`.execute(db());
  expect(failed.rows[0]?.n).toBe(0);
}

async function runNow(admin: TestPerson, period: 'daily' | 'weekly') {
  const response = await request(ctx, admin, 'POST', '/api/admin/digests/run', { period });
  expect(response.statusCode, response.body).toBe(202);
  await digestsSettled();
}

/** The digests in the outbox for a person, oldest first, with their headers. */
const digestsTo = (person: TestPerson) =>
  db()
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body', 'html_body', 'headers'])
    .where('to_address', '=', person.email)
    .where((eb) => eb.or([eb('subject', 'like', 'Votre résumé%'), eb('subject', 'like', 'Your % digest%')]))
    .orderBy('created_at')
    .execute();

/** Moves a row into the past, as if it had been written `days` ago. */
const age = (table: 'threads' | 'documents', id: string, days: number) =>
  sql`update ${sql.table(table)} set created_at = now() - make_interval(days => ${days})
    ${table === 'threads' ? sql`, last_post_at = now() - make_interval(days => ${days})` : sql``}
    where id = ${id}`.execute(db());

const spaceTitle = (title: string) => `${title} ${Date.now().toString(36)}`;

describe('digests', () => {
  let admin: TestPerson;
  let camille: TestPerson; // daily in « commun », default weekly in « voisin »
  let eden: TestPerson; // English, daily in « commun »
  let zoe: TestPerson; // daily in « commun » and, by default, in the cohort « atelier bis »
  let dominique: TestPerson; // writes everything; default weekly everywhere
  let gardien: TestPerson; // animates the private space
  let leaver: TestPerson; // was daily in the private space, left
  let applicant: TestPerson; // pending in the private space
  let quiet: TestPerson; // daily in a space where nothing happens
  let commun: { id: string; slug: string; title: string };
  let voisin: { id: string; slug: string; title: string };
  let bis: { id: string; slug: string; title: string };
  let secret: { id: string; slug: string; title: string };
  const made: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createJobsTestApp();
    await seedAlliance(db());
    admin = await createPerson(ctx, { role: 'admin' });
    camille = await createPerson(ctx, { displayName: 'Camille Lectrice' });
    eden = await createPerson(ctx, { displayName: 'Eden Reader', locale: 'en' });
    zoe = await createPerson(ctx, { displayName: 'Zoé Deux-Espaces' });
    dominique = await createPerson(ctx, { displayName: 'Dominique Autrice' });
    gardien = await createPerson(ctx, { displayName: 'Gardien Secret' });
    leaver = await createPerson(ctx, { displayName: 'Partie Ailleurs' });
    applicant = await createPerson(ctx, { displayName: 'En Attente' });
    quiet = await createPerson(ctx, { displayName: 'Calme Plat' });

    const space = async (values: Parameters<typeof createSpace>[1] & { title: string }) => ({
      ...(await createSpace(db(), values)),
      title: values.title,
    });
    commun = await space({ visibility: 'members', joinPolicy: 'request', title: spaceTitle('Chantier commun') });
    voisin = await space({ visibility: 'members', joinPolicy: 'request', title: spaceTitle('Chantier voisin') });
    bis = await space({
      visibility: 'members',
      joinPolicy: 'request',
      kind: 'cohorte',
      title: spaceTitle('Atelier bis'),
    });
    secret = await space({ visibility: 'private', joinPolicy: 'invite', title: spaceTitle('Chantier secret') });
    const calme = await space({ visibility: 'public', joinPolicy: 'open', title: spaceTitle('Chantier calme') });

    for (const person of [camille, eden, zoe, dominique]) await addMembership(db(), commun.id, person.id);
    for (const person of [camille, dominique]) await addMembership(db(), voisin.id, person.id);
    for (const person of [zoe, dominique]) await addMembership(db(), bis.id, person.id);
    await addMembership(db(), secret.id, gardien.id, { role: 'animateur' });
    await addMembership(db(), secret.id, leaver.id);
    await addMembership(db(), secret.id, applicant.id, { status: 'pending' });
    await addMembership(db(), calme.id, quiet.id);
    for (const person of [camille, eden, zoe]) await setSpaceMode(db(), person.id, commun.id, 'daily');
    for (const person of [leaver, applicant]) await setSpaceMode(db(), person.id, secret.id, 'daily');
    await setSpaceMode(db(), quiet.id, calme.id, 'daily');

    // « commun »: a new thread with a reply, an old quiet one, documents, resources, events.
    const { thread } = await createThread(ctx, dominique, commun.slug, { title: 'Feuille de route' });
    await createPost(ctx, dominique, thread.id, '<p>Deuxième message</p>');
    made.thread = thread.id;
    const old = await createThread(ctx, dominique, commun.slug, { title: 'Vieux fil' });
    await age('threads', old.thread.id, 3);
    made.document = await createDocument(ctx, dominique, commun.slug, 'Notes de séance');
    made.versioned = await createDocument(ctx, dominique, commun.slug, 'Charte du chantier');
    await age('documents', made.versioned, 3);
    await insertVersion(db(), {
      documentId: made.versioned,
      kind: 'named',
      name: 'Relue par le bureau',
      state: new Uint8Array([0, 0]),
      plainText: '',
      createdBy: dominique.id,
    });
    await insertFile(db(), {
      id: randomUUID(),
      spaceId: commun.id,
      uploadedBy: dominique.id,
      name: 'compte-rendu.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 120,
      storageKey: `test/${randomUUID()}`,
      sha256: 'a'.repeat(64),
      hasPreview: false,
    });
    await insertLink(db(), {
      spaceId: commun.id,
      createdBy: dominique.id,
      url: 'https://exemple.fr/guide',
      title: 'Guide des communs',
      description: '',
    });
    const atelier = await createEvent(db(), { spaceId: commun.id, title: 'Atelier récit', createdBy: dominique.id });
    await createRegistration(db(), atelier.id, camille.id);
    made.event = atelier.id;
    const full = await createEvent(db(), {
      spaceId: commun.id,
      title: 'Atelier complet',
      capacity: 1,
      startsInHours: 72,
      createdBy: dominique.id,
    });
    await createRegistration(db(), full.id, dominique.id);

    await createThread(ctx, dominique, voisin.slug, { title: 'Hors sujet' });
    await createThread(ctx, dominique, bis.slug, { title: 'Cohorte en route' });
    await createThread(ctx, gardien, secret.slug, { title: 'Dossier confidentiel' });
    // Leaving before the run: the private space's news must not follow.
    expect((await request(ctx, leaver, 'DELETE', `/api/spaces/${secret.slug}/membership`)).statusCode).toBe(204);
  });
  afterAll(() => ctx?.close());

  describe('POST /api/admin/digests/run', () => {
    it('is for admins: 401 without a session, 403 for a member, 400 for an unknown period', async () => {
      expect((await request(ctx, null, 'POST', '/api/admin/digests/run', { period: 'daily' })).statusCode).toBe(401);
      const refused = await request(ctx, camille, 'POST', '/api/admin/digests/run', { period: 'daily' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
      expect((await request(ctx, admin, 'POST', '/api/admin/digests/run', { period: 'monthly' })).statusCode).toBe(400);
      // Nothing was started by the refused calls.
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
        where name = 'digests.run' and (data->>'scheduled')::boolean = false`.execute(db());
      expect(rows[0]?.n).toBe(0);
    });
  });

  // The tests below read what this block's first test sent: they run in order.
  describe('a daily run', () => {
    it('sends one grouped digest with what is new in the daily spaces, and nothing of the others', async () => {
      await runNow(admin, 'daily');
      const mails = await digestsTo(camille);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail?.subject).toBe('Votre résumé du jour — Atelier des transitions');
      const text = mail?.text_body ?? '';
      const base = `${publicUrl()}/espaces/${commun.slug}`;
      for (const expected of [
        'Bonjour Camille Lectrice,',
        commun.title,
        '« Feuille de route » — nouveau fil de Dominique Autrice · 2 messages non lus',
        `${base}/fils/${made.thread}`,
        '« Notes de séance » — nouveau document de Dominique Autrice',
        `${base}/documents/${made.document}`,
        '« Charte du chantier » — nouvelle version « Relue par le bureau »',
        'Fichier « compte-rendu.pdf » — partagé par Dominique Autrice',
        'Lien « Guide des communs » — partagé par Dominique Autrice',
        `${base}?onglet=documents`,
        '« Atelier récit » — nouveau · ',
        'vous êtes inscrit·e',
        `${publicUrl()}/evenements/${made.event}`,
        '« Atelier complet » — ',
        'complet — liste d’attente',
        `Ne plus recevoir ce résumé pour ${commun.title}`,
        'Prochaine permanence',
      ]) {
        expect(text).toContain(expected);
      }
      for (const absent of [voisin.title, 'Hors sujet', 'Vieux fil', secret.title, 'Dossier confidentiel']) {
        expect(text).not.toContain(absent);
      }
      expect(mail?.html_body).toContain('<html lang="fr"');
      expect(mail?.html_body).toContain(`href="${base}/fils/${made.thread}"`);
    });

    it('carries the unsubscribe headers of the space’s list, and its page link in the body', async () => {
      const [mail] = await digestsTo(camille);
      const headers = mail?.headers ?? {};
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const token = headers['List-Unsubscribe']?.match(/^<(.+)\/api\/unsubscribe\/([^>]+)>$/);
      expect(token?.[1]).toBe(publicUrl());
      expect(mail?.text_body).toContain(`${publicUrl()}/desabonnement/${token?.[2]}`);
      // The token names this space's list: using it turns this space's digest off.
      const off = await ctx.app.inject({ method: 'POST', url: `/api/unsubscribe/${token?.[2]}` });
      expect(off.json()).toMatchObject({ list: { kind: 'space', space: { slug: commun.slug } }, current: 'off' });
      await setSpaceMode(db(), camille.id, commun.id, 'daily');
    });

    it('groups several spaces in one mail: the first one’s list in the headers, one unsubscribe link each', async () => {
      const mails = await digestsTo(zoe);
      expect(mails).toHaveLength(1);
      const text = mails[0]?.text_body ?? '';
      // A cohort is daily by default; spaces come in title order.
      expect(text.indexOf(bis.title)).toBeLessThan(text.indexOf(commun.title));
      expect(text).toContain('« Cohorte en route »');
      expect(text).toContain('« Feuille de route »');
      const pages = [...text.matchAll(/Ne plus recevoir ce résumé pour (.+)\n\s+(\S+\/desabonnement\/(\S+))/g)];
      expect(pages.map((match) => match[1])).toEqual([bis.title, commun.title]);
      expect(mails[0]?.headers?.['List-Unsubscribe']).toBe(`<${publicUrl()}/api/unsubscribe/${pages[0]?.[3]}>`);
    });

    it('writes in the person’s language', async () => {
      const [mail] = await digestsTo(eden);
      expect(mail?.subject).toBe('Your daily digest — Atelier des transitions');
      expect(mail?.text_body).toContain('Hello Eden Reader,');
      expect(mail?.text_body).toContain('“Feuille de route” — new thread by Dominique Autrice · 2 unread messages');
      expect(mail?.text_body).toContain('“Atelier récit” — new · ');
      expect(mail?.text_body).toContain('seats available — register on the event page');
      expect(mail?.text_body).toContain(`Stop this digest for ${commun.title}`);
      expect(mail?.html_body).toContain('<html lang="en"');
    });

    it('sends nothing when nothing is new, nor to whoever left or waits at a private space’s door', async () => {
      for (const person of [quiet, leaver, applicant, gardien]) expect(await digestsTo(person)).toEqual([]);
      // Dominique wrote all there is, and is weekly by default: no daily digest.
      expect(await digestsTo(dominique)).toEqual([]);
    });

    it('sends nothing more when the same period runs again', async () => {
      const allDigests = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from mail_outbox
            where subject like 'Votre résumé%' or subject like 'Your % digest%'`.execute(db())
        ).rows[0]?.n;
      const before = await allDigests();
      await createThread(ctx, dominique, commun.slug, { title: 'Arrivé après le résumé' });
      await runNow(admin, 'daily');
      expect(await allDigests()).toBe(before);
      for (const person of [camille, eden, zoe]) expect(await digestsTo(person)).toHaveLength(1);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from digest_deliveries
        where period = 'daily' and period_key = ${periodKey('daily', new Date())}`.execute(db());
      expect(rows[0]?.n).toBe(3);
    });
  });

  describe('a weekly run', () => {
    it('tells the weekly people about their weekly spaces only', async () => {
      await runNow(admin, 'weekly');
      const mails = (await digestsTo(camille)).filter((mail) => mail.subject.includes('semaine'));
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe('Votre résumé de la semaine — Atelier des transitions');
      expect(mails[0]?.text_body).toContain(voisin.title);
      expect(mails[0]?.text_body).toContain('« Hors sujet »');
      expect(mails[0]?.text_body).not.toContain(commun.title);
      // What one wrote oneself is not news: Dominique, weekly everywhere, gets nothing.
      expect(await digestsTo(dominique)).toEqual([]);
    });
  });

  describe('at send time', () => {
    it('judges membership when the batch runs, not when the run listed the people', async () => {
      const [late, stays] = [await createPerson(ctx), await createPerson(ctx)];
      const hidden = await createSpace(db(), { visibility: 'private', joinPolicy: 'invite' });
      for (const person of [late, stays]) {
        await addMembership(db(), hidden.id, person.id);
        await setSpaceMode(db(), person.id, hidden.id, 'daily');
      }
      await addMembership(db(), hidden.id, gardien.id, { role: 'animateur' });
      await createThread(ctx, gardien, hidden.slug, { title: 'Réservé aux membres' });

      const at = new Date();
      const key = periodKey('daily', at);
      const listed = await listDigestCandidates(db(), { period: 'daily', periodKey: key, afterId: null, limit: 1000 });
      expect(listed.map((row) => row.id)).toEqual(expect.arrayContaining([late.id, stays.id]));
      await db().deleteFrom('memberships').where('space_id', '=', hidden.id).where('user_id', '=', late.id).execute();

      const deps = digestsDepsOf(ctx.app, { publicUrl: publicUrl() });
      await sendDigests(deps, { period: 'daily', at: at.toISOString(), userIds: [late.id, stays.id] });
      expect(await digestsTo(late)).toEqual([]);
      const [mail] = await digestsTo(stays);
      expect(mail?.text_body).toContain('« Réservé aux membres »');
    });
  });

  describe('the schedule', () => {
    const scheduled = async (period: 'daily' | 'weekly') =>
      (
        await sql<{ start_after: Date; singleton_key: string }>`select start_after, singleton_key from pgboss.job
          where name = 'digests.run' and state = 'created' and (data->>'scheduled')::boolean
            and data->>'period' = ${period}`.execute(db())
      ).rows;

    it('keeps one waiting run per period at the next 07:00 Paris, however often it is planned', async () => {
      for (const period of ['daily', 'weekly'] as const) {
        const runs = await scheduled(period);
        expect(runs).toHaveLength(1);
        expect(new Date(runs[0]!.start_after)).toEqual(nextRunAt(period, new Date()));
      }
      // Other processes starting, all at once: still one run each.
      const deps = digestsDepsOf(ctx.app, { publicUrl: publicUrl() });
      await Promise.all([planNextRun(deps, 'daily'), planNextRun(deps, 'daily'), planNextRun(deps, 'weekly')]);
      expect(await scheduled('daily')).toHaveLength(1);
      expect(await scheduled('weekly')).toHaveLength(1);
    });

    it('plans a run not planned yet exactly once when several processes race for it', async () => {
      const deps = digestsDepsOf(ctx.app, { publicUrl: publicUrl() });
      const after = new Date(Date.now() + 3 * 24 * 3_600_000);
      const planned = await Promise.all([1, 2, 3, 4].map(() => planNextRun(deps, 'daily', after)));
      expect(new Set(planned.map((at) => at.getTime())).size).toBe(1);
      const key = `daily:${planned[0]?.toISOString()}`;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
        where name = 'digests.run' and singleton_key = ${key}`.execute(db());
      expect(rows[0]?.n).toBe(1);
    });
  });
});
