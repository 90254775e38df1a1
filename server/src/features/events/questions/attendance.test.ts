import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';

/** Attendance: the sheet animateur·ices fill in, and the permanences a person attended. */

let ctx: TestContext;
let animateur: TestPerson;
let admin: TestPerson;
let alice: TestPerson;
let bruno: TestPerson;
let chloe: TestPerson;
let denis: TestPerson;
let spaceId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  animateur = await createPerson(ctx, { displayName: 'Anna Présence' });
  admin = await createPerson(ctx, { role: 'admin', displayName: 'Adèle Admin' });
  alice = await createPerson(ctx, { displayName: 'Alice Présente' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Attente' });
  chloe = await createPerson(ctx, { displayName: 'Chloé Venue' });
  denis = await createPerson(ctx, { displayName: 'Denis Désisté' });
  const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
  spaceId = space.id;
  await addMembership(ctx.database.db, spaceId, animateur.id, { role: 'animateur' });
});
afterAll(async () => ctx.close());

const mark = (eventId: string, userId: string, attended: boolean, person = animateur) =>
  request(ctx, person, 'PUT', `/api/events/${eventId}/attendance/${userId}`, { attended });
const sheet = async (eventId: string) =>
  (await request(ctx, animateur, 'GET', `/api/events/${eventId}/attendance`)).json().items as Array<{
    person: { id: string; displayName: string };
    status: string | null;
    attended: boolean;
  }>;

describe('the attendance sheet', () => {
  it('lists seats, the waitlist and anyone marked present, and records marks', async () => {
    const db = ctx.database.db;
    const event = await createEvent(db, { spaceId, startsInHours: -1, durationHours: 2 });
    await createRegistration(db, event.id, alice.id);
    await createRegistration(db, event.id, bruno.id, 'waitlisted');
    await createRegistration(db, event.id, denis.id, 'cancelled');

    expect(await sheet(event.id)).toEqual([
      { person: { id: alice.id, displayName: 'Alice Présente' }, status: 'registered', attended: false, answers: {} },
      { person: { id: bruno.id, displayName: 'Bruno Attente' }, status: 'waitlisted', attended: false, answers: {} },
    ]);

    expect((await mark(event.id, alice.id, true)).statusCode).toBe(204);
    expect((await mark(event.id, alice.id, true)).statusCode).toBe(204);
    // Chloé came without registering.
    expect((await mark(event.id, chloe.id, true)).statusCode).toBe(204);
    expect(await sheet(event.id)).toEqual([
      { person: { id: alice.id, displayName: 'Alice Présente' }, status: 'registered', attended: true, answers: {} },
      { person: { id: bruno.id, displayName: 'Bruno Attente' }, status: 'waitlisted', attended: false, answers: {} },
      { person: { id: chloe.id, displayName: 'Chloé Venue' }, status: null, attended: true, answers: {} },
    ]);
    const rows = await db.selectFrom('attendances').selectAll().where('event_id', '=', event.id).execute();
    expect(rows.map((row) => [row.user_id, row.marked_by]).sort()).toEqual(
      [
        [alice.id, animateur.id],
        [chloe.id, animateur.id],
      ].sort(),
    );

    expect((await mark(event.id, chloe.id, false)).statusCode).toBe(204);
    expect((await sheet(event.id)).map((item) => item.person.id)).toEqual([alice.id, bruno.id]);
  });

  it('answers 404 for unknown people or events and 409 for cancelled or future events, changing nothing', async () => {
    const db = ctx.database.db;
    const event = await createEvent(db, { spaceId, startsInHours: -1 });
    for (const userId of ['00000000-0000-4000-8000-000000000000', 'quelquun']) {
      const response = await mark(event.id, userId, true);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await mark('00000000-0000-4000-8000-000000000000', alice.id, true)).statusCode).toBe(404);
    const bad = await request(ctx, animateur, 'PUT', `/api/events/${event.id}/attendance/${alice.id}`, {
      attended: 'oui',
    });
    expect(bad.statusCode).toBe(400);
    const cancelled = await createEvent(db, { spaceId, cancelled: true });
    const refused = await mark(cancelled.id, alice.id, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('event_cancelled');
    const future = await createEvent(db, { spaceId, startsInHours: 1 });
    const early = await mark(future.id, alice.id, true);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'event_not_started']);
    expect(
      await db
        .selectFrom('attendances')
        .selectAll()
        .where('event_id', 'in', [event.id, cancelled.id, future.id])
        .execute(),
    ).toEqual([]);
  });
});

describe('attended permanences', () => {
  it('lists the permanences a person was marked at, newest first, to them and to admins', async () => {
    const db = ctx.database.db;
    const person = await createPerson(ctx, { displayName: 'Paula Fidèle' });
    const older = await createEvent(db, {
      kind: 'permanence',
      title: 'Permanence de septembre',
      startsInHours: -24 * 60,
    });
    const newer = await createEvent(db, { kind: 'permanence', title: 'Permanence d’octobre', startsInHours: -24 * 30 });
    const missed = await createEvent(db, {
      kind: 'permanence',
      title: 'Permanence de novembre',
      startsInHours: -24 * 2,
    });
    const atelier = await createEvent(db, { title: 'Atelier récit', kind: 'atelier', startsInHours: -24 * 10 });
    await createRegistration(db, missed.id, person.id);
    for (const event of [older, newer, atelier]) {
      expect((await mark(event.id, person.id, true, admin)).statusCode).toBe(204);
    }

    const own = await request(ctx, person, 'GET', `/api/users/${person.id}/attended-permanences`);
    expect(own.statusCode).toBe(200);
    const items = own.json().items as Array<{ id: string; title: string; kind: string; videoUrl?: string }>;
    expect(items.map((item) => item.title)).toEqual(['Permanence d’octobre', 'Permanence de septembre']);
    expect(items.every((item) => item.kind === 'permanence')).toBe(true);
    // Not registered for those: the visio link stays hidden.
    expect(items.every((item) => item.videoUrl === undefined)).toBe(true);

    const byAdmin = await request(ctx, admin, 'GET', `/api/users/${person.id}/attended-permanences`);
    expect(byAdmin.json().items.map((item: { id: string }) => item.id)).toEqual([newer.id, older.id]);

    expect((await request(ctx, alice, 'GET', `/api/users/${person.id}/attended-permanences`)).statusCode).toBe(403);
    expect((await request(ctx, animateur, 'GET', `/api/users/${person.id}/attended-permanences`)).statusCode).toBe(403);
    expect((await request(ctx, null, 'GET', `/api/users/${person.id}/attended-permanences`)).statusCode).toBe(401);
    const unknown = await request(
      ctx,
      admin,
      'GET',
      '/api/users/00000000-0000-4000-8000-000000000000/attended-permanences',
    );
    expect(unknown.statusCode).toBe(404);
    // Bruno was only on a waitlist, never marked present.
    expect((await request(ctx, bruno, 'GET', `/api/users/${bruno.id}/attended-permanences`)).json()).toEqual({
      items: [],
    });
  });
});

describe('the registrants’ CSV and the attestations', () => {
  it('exports who registered and who came, as a French spreadsheet opens it, formulas neutralised', async () => {
    const db = ctx.database.db;
    const event = await createEvent(db, { spaceId, startsInHours: -2, durationHours: 1 });
    const hostile = await createPerson(ctx, { displayName: '=HYPERLINK("http://x")' });
    await createRegistration(db, event.id, alice.id);
    await createRegistration(db, event.id, hostile.id, 'waitlisted');
    await mark(event.id, alice.id, true);
    expect((await request(ctx, alice, 'GET', `/api/events/${event.id}/registrations.csv`)).statusCode).toBe(403);
    const response = await request(ctx, animateur, 'GET', `/api/events/${event.id}/registrations.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?[a-z0-9-]+-inscriptions\.csv"?$/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('nom;courriel;organisation;territoire;rôle 4F;statut;inscription;présence');
    expect(lines[1]).toMatch(
      /^Alice Présente;personne\.[^;]+@exemple\.fr;Commune de Test;Drôme;Agent·e;inscrit·e;\d{4}-.+;oui$/,
    );
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)";.*;liste d’attente;.*;non$/);
  });

  it('gives a person marked present their attestation, and the organisers everyone’s at once', async () => {
    const db = ctx.database.db;
    const event = await createEvent(db, { spaceId, startsInHours: -2, durationHours: 1 });
    const zhang = await createPerson(ctx, { displayName: 'Zhāng Wěi 张伟' });
    await createRegistration(db, event.id, alice.id);
    await createRegistration(db, event.id, bruno.id);
    expect((await request(ctx, animateur, 'GET', `/api/events/${event.id}/attestations.pdf`)).statusCode).toBe(404);
    await mark(event.id, alice.id, true);
    await mark(event.id, zhang.id, true);

    const own = await request(ctx, alice, 'GET', `/api/events/${event.id}/attestation.pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(own.rawPayload);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Attestations de présence');
    const absent = await request(ctx, bruno, 'GET', `/api/events/${event.id}/attestation.pdf`);
    expect([absent.statusCode, absent.json().error.code]).toEqual([403, 'forbidden']);

    const all = await request(ctx, animateur, 'GET', `/api/events/${event.id}/attestations.pdf`);
    expect(all.statusCode, all.body.slice(0, 200)).toBe(200);
    expect((await PDFDocument.load(all.rawPayload)).getPageCount()).toBe(2);
    expect((await request(ctx, zhang, 'GET', `/api/events/${event.id}/attestation.pdf`)).statusCode).toBe(200);
  });
});
