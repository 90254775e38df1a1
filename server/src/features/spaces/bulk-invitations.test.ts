import { BulkInvitationResultSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { mailsTo } from '../../test/outbox';

/**
 * A cohort invited from one CSV: every line checked and named when wrong, nothing sent while
 * any line is, then one invitation and one mail per person through the queue; the account
 * created from an invitation starts with what the file said of the person.
 */

let ctx: JobsTestApp;
let animateur: TestPerson;
let space: { id: string; slug: string };
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createJobsTestApp({ env: { PUBLIC_URL: 'https://atelier.exemple.fr' } });
  animateur = await createPerson(ctx, { displayName: 'Alix Animatrice' });
  space = await createSpace(db(), { visibility: 'private', joinPolicy: 'invite', title: 'Cohorte Occitanie 2027' });
  await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
});
afterAll(() => ctx?.close());

const bulk = (body: string | object, query = '', who: TestPerson | null = animateur) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/spaces/${space.slug}/invitations/bulk${query}`,
    headers: {
      ...(who?.headers ?? {}),
      ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : {}),
    },
    payload: body,
  });

/** A cohort of `n` territories' « 4 Fantastiques », as a French spreadsheet exports it. */
const cohortCsv = (n: number, tag: string) =>
  [
    'Courriel;Nom;Organisation;Territoire;Rôle 4F',
    ...Array.from({ length: n }, (_, index) => {
      const role = ['Élu·e', 'agent', 'État territorial', 'acteur·ice'][index % 4];
      return `p${index}.${tag}@exemple.fr;Personne ${index};Commune ${Math.floor(index / 4)};Territoire ${Math.floor(index / 4)};${role}`;
    }),
  ].join('\n');

describe('bulk invitations', () => {
  it('checks a file without sending, then invites a cohort of 60 through the queue', async () => {
    const csv = cohortCsv(60, 'cohorte');
    const dry = await bulk(csv, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(BulkInvitationResultSchema.parse(dry.json())).toEqual({ invited: 0, ready: 60, skipped: 0, errors: [] });
    expect(await mailsTo(db(), 'p0.cohorte@exemple.fr')).toEqual([]);

    const sent = await bulk(csv);
    expect(sent.json()).toEqual({ invited: 60, ready: 60, skipped: 0, errors: [] });
    // The queue sends them in any order: all 60 mails, then what one says.
    const cohortMails = async () =>
      Number(
        (
          await db()
            .selectFrom('mail_outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('to_address', 'like', 'p%.cohorte@exemple.fr')
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expect.poll(cohortMails, { timeout: 30_000 }).toBe(60);
    const [mail] = await mailsTo(db(), 'p1.cohorte@exemple.fr');
    expect(mail?.text_body).toContain('Bonjour Personne 1,');
    expect(mail?.text_body).toContain('Alix Animatrice vous invite à rejoindre');

    // The same file again mails nobody twice: everyone was invited here today.
    const again = await bulk(csv);
    expect(again.json()).toEqual({ invited: 0, ready: 0, skipped: 60, errors: [] });
  });

  it('names every line that is wrong, and sends nothing while one is', async () => {
    const csv = [
      'email,displayName,organisation,territory,role4F',
      'bonne.adresse@exemple.fr,Bonne Adresse,Ville de Test,Drôme,elu',
      'pas-une-adresse,Quelqu’un,,,',
      'bonne.adresse@exemple.fr,Doublon,,,',
      `long.nom@exemple.fr,${'x'.repeat(200)},,,`,
      'role.inconnu@exemple.fr,Rôle Inconnu,,,Super-héros',
      '"<script>alert(1)</script>@exemple.fr",Hostile,,,',
    ].join('\n');
    const response = await bulk(csv);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      invited: 0,
      ready: 1,
      skipped: 0,
      errors: [
        { line: 3, code: 'invalid_email' },
        { line: 4, code: 'duplicate_email' },
        { line: 5, code: 'invalid_name' },
        { line: 6, code: 'unknown_role4F' },
        { line: 7, code: 'invalid_email' },
      ],
    });
    expect(await mailsTo(db(), 'bonne.adresse@exemple.fr')).toEqual([]);
  });

  it('refuses a file it cannot read, without a header, or too long, with a 400 that says why', async () => {
    const unreadable = await bulk('email\n"jamais fermé@exemple.fr\n');
    expect([unreadable.statusCode, unreadable.json().error.code]).toEqual([400, 'invalid_input']);
    const headless = await bulk('a@exemple.fr;Alice\n');
    expect(headless.json().error.details.body[0]).toMatch(/email/);
    const tooMany = await bulk({ rows: Array.from({ length: 2001 }, (_, i) => ({ email: `n${i}@exemple.fr` })) });
    expect(tooMany.statusCode).toBe(400);
    const empty = await bulk('email\n');
    expect(empty.statusCode).toBe(400);
  });

  it('gives the account created from an invitation what the file said, and skips members', async () => {
    const member = await createPerson(ctx);
    await addMembership(db(), space.id, member.id);
    const response = await bulk({
      rows: [
        { email: member.email, displayName: 'Déjà Membre' },
        {
          email: 'camille.terrain@exemple.fr',
          displayName: 'Camille',
          organisation: 'PETR du Pays',
          territory: 'Aveyron',
          role4F: 'Agent·e',
        },
      ],
    });
    expect(response.json()).toEqual({ invited: 1, ready: 1, skipped: 1, errors: [] });
    await expect
      .poll(async () => (await mailsTo(db(), 'camille.terrain@exemple.fr')).length, { timeout: 30_000 })
      .toBe(1);
    const [mail] = await mailsTo(db(), 'camille.terrain@exemple.fr');
    const token = mail?.text_body.match(/invitation\?token=([\w-]+)/)?.[1];
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { displayName: 'Camille Terrain', password: 'transition-2030!', acceptCharter: true },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const user = await db()
      .selectFrom('users')
      .select(['organisation_name', 'territory', 'fantastic_role'])
      .where('email', '=', 'camille.terrain@exemple.fr')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ organisation_name: 'PETR du Pays', territory: 'Aveyron', fantastic_role: 'agent' });
  });

  it('reads territories given by code, refuses an unknown code, and seats the person in its vacant « 4 Fantastiques » role', async () => {
    const territory = await db()
      .insertInto('territories')
      .values({ level: 'commune', code: '11170', name: 'Gruissan', programmes: ['cohorte'], lat: null, lon: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('space_projects')
      .values({ space_id: space.id, territory: 'Gruissan', position: 0, territory_id: territory.id })
      .execute();
    const unknown = await bulk(
      ['email;territoire;rôle 4F', 'a.code@exemple.fr;99999;elu', 'b.code@exemple.fr;200033578;agent'].join('\n'),
    );
    expect(unknown.json().errors).toEqual([
      { line: 2, code: 'unknown_territory' },
      { line: 3, code: 'unknown_territory' },
    ]);
    const response = await bulk(
      [
        'email;nom;territoire;rôle 4F',
        'elue.gruissan@exemple.fr;Élue de Gruissan;11170;Élu·e',
        'agent.vimy@exemple.fr;Agent de Vimy;62861;agent',
      ].join('\n'),
    );
    expect(response.json()).toEqual({ invited: 2, ready: 2, skipped: 0, errors: [] });
    await expect.poll(async () => (await mailsTo(db(), 'elue.gruissan@exemple.fr')).length).toBe(1);
    const [mail] = await mailsTo(db(), 'elue.gruissan@exemple.fr');
    const token = mail?.text_body.match(/invitation\?token=([\w-]+)/)?.[1];
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { displayName: 'Élue de Gruissan', password: 'transition-2030!', acceptCharter: true },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const seat = await db()
      .selectFrom('territory_team')
      .innerJoin('users', 'users.id', 'territory_team.user_id')
      .select(['territory_team.role', 'users.email', 'users.territory'])
      .where('territory_team.territory_id', '=', territory.id)
      .execute();
    expect(seat).toEqual([{ role: 'elu', email: 'elue.gruissan@exemple.fr', territory: 'Gruissan' }]);
    // A territory the space does not accompany is only the person's territory, by its official name.
    const vimy = await db()
      .selectFrom('space_invitations')
      .select(['territory', 'territory_id'])
      .where('email', '=', 'agent.vimy@exemple.fr')
      .executeTakeFirstOrThrow();
    expect(vimy).toEqual({ territory: 'Vimy', territory_id: null });
  });

  it('is for the space’s animateur·ices and admins only', async () => {
    const member = await createPerson(ctx);
    await addMembership(db(), space.id, member.id);
    expect((await bulk({ rows: [{ email: 'x@exemple.fr' }] }, '', member)).statusCode).toBe(403);
    expect((await bulk({ rows: [{ email: 'x@exemple.fr' }] }, '', null)).statusCode).toBe(401);
  });
});

describe('open invitations', () => {
  const call = (method: 'GET' | 'POST' | 'DELETE', path: string, who: TestPerson | null = animateur) =>
    ctx.app.inject({ method, url: `/api/spaces/${space.slug}/invitations${path}`, headers: who?.headers ?? {} });
  const tokenOf = async (email: string) =>
    (await mailsTo(db(), email)).at(-1)?.text_body.match(/invitation\?token=([\w-]+)/)?.[1] ?? '';
  const preview = async (token: string) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/invitations/${token}` })).statusCode;

  it('lists who has not come yet, reminds them once a day with a new link, and cancels', async () => {
    const list = await call('GET', '');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; email: string; displayName: string | null }[];
    const p3 = items.find((item) => item.email === 'p3.cohorte@exemple.fr');
    expect(p3).toMatchObject({ displayName: 'Personne 3' });
    expect(items.some((item) => item.email === 'camille.terrain@exemple.fr')).toBe(false);

    // Invited minutes ago: too soon for a reminder.
    const tooSoon = await call('POST', `/${p3!.id}/remind`);
    expect([tooSoon.statusCode, tooSoon.json().error.code]).toEqual([409, 'conflict']);
    const firstToken = await tokenOf('p3.cohorte@exemple.fr');
    await db()
      .updateTable('space_invitations')
      .set({ created_at: new Date(Date.now() - 2 * 86_400_000) } as never)
      .where('id', '=', p3!.id)
      .execute();
    const reminded = await call('POST', `/${p3!.id}/remind`);
    expect(reminded.statusCode, reminded.body).toBe(200);
    expect(reminded.json().invitation).toMatchObject({ email: 'p3.cohorte@exemple.fr', displayName: 'Personne 3' });
    expect(await mailsTo(db(), 'p3.cohorte@exemple.fr')).toHaveLength(2);
    expect(await preview(firstToken)).toBe(400);
    expect(await preview(await tokenOf('p3.cohorte@exemple.fr'))).toBe(200);

    // Cancelled: the link stops working, and a second cancel finds nothing.
    const newId = reminded.json().invitation.id as string;
    expect((await call('DELETE', `/${newId}`)).statusCode).toBe(204);
    expect(await preview(await tokenOf('p3.cohorte@exemple.fr'))).toBe(400);
    expect((await call('DELETE', `/${newId}`)).statusCode).toBe(404);
    expect((await call('DELETE', '/pas-un-identifiant')).statusCode).toBe(400);
  });

  it('is for those who may invite', async () => {
    const member = await createPerson(ctx);
    await addMembership(db(), space.id, member.id);
    expect((await call('GET', '', member)).statusCode).toBe(403);
    expect((await call('GET', '', null)).statusCode).toBe(401);
  });
});
