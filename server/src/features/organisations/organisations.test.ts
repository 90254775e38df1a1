import {
  isValidSiren,
  type OrganisationDetail,
  OrganisationDetailSchema,
  type OrganisationList,
  OrganisationListSchema,
  type SearchResults,
} from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { mailsTo } from '../../test/outbox';
import { seedAlliance } from '../seed/seed.service';

/**
 * Organisations as people meet them: the public list of allies with its filters and counts,
 * an organisation's page, its creation and edits by admins and referents, and the links people
 * ask for, confirmed or declined.
 */

let ctx: TestContext;
let admin: TestPerson;
let camille: TestPerson;
let dominique: TestPerson;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedAlliance(ctx.database.db);
  admin = await createPerson(ctx, { role: 'admin' });
  camille = await createPerson(ctx, { displayName: 'Camille Référente' });
  dominique = await createPerson(ctx, { displayName: 'Dominique Membre' });
});
afterAll(() => ctx?.close());

const list = async (query = '', person: TestPerson | null = null) => {
  const response = await request(ctx, person, 'GET', `/api/organisations${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return OrganisationListSchema.parse(response.json()) as OrganisationList;
};
const page = async (slug: string, person: TestPerson | null = null) => {
  const response = await request(ctx, person, 'GET', `/api/organisations/${slug}`);
  expect(response.statusCode, response.body).toBe(200);
  return OrganisationDetailSchema.parse(response.json()) as OrganisationDetail;
};

describe('the allies list', () => {
  it('shows the seeded organisations to anyone, by name, with counts by kind', async () => {
    const all = await list();
    expect(all.total).toBe(18);
    expect(all.items.map((item) => item.name).slice(0, 3)).toEqual(['Cerdd', 'CTES', 'Département du Puy-de-Dôme']);
    expect(all.kinds).toContainEqual({ kind: 'collectivite', count: 7 });
    expect(all.nextCursor).toBeNull();
  });

  it('filters by kind, territory and words, accents and case ignored', async () => {
    const collectivites = await list('?kind=collectivite');
    expect(collectivites.total).toBe(7);
    expect(collectivites.items.every((item) => item.kind === 'collectivite')).toBe(true);
    // The kinds' counts stay those of the other filters: a chip shows what choosing it gives.
    expect(collectivites.kinds).toContainEqual({ kind: 'reseau', count: 5 });
    expect((await list('?territory=seine-maritime')).items.map((item) => item.name)).toEqual([
      'Métropole Rouen Normandie',
    ]);
    expect((await list('?q=recits')).items.map((item) => item.name)).toEqual(['Cerdd']);
    expect((await list('?q=METROPOLE')).total).toBe(2);
    expect((await list(`?q=${encodeURIComponent("'; drop table organisations; --")}`)).total).toBe(0);
  });

  it('pages with an opaque cursor and refuses a forged one', async () => {
    for (let n = 1; n <= 10; n++) {
      const created = await request(ctx, admin, 'POST', '/api/organisations', {
        name: `Collectif de test ${String(n).padStart(2, '0')}`,
        kind: 'societe_civile',
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const first = await list();
    expect(first.items).toHaveLength(24);
    const second = await list(`?cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(28 - 24);
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(28);
    const forged = await request(ctx, null, 'GET', '/api/organisations?cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
  });
});

describe('an organisation', () => {
  it('filters by theme, and takes a territory’s official name from its code', async () => {
    expect((await list('?theme=energie')).items.map((item) => item.name)).toEqual([
      'négaWatt',
      'Réseau Cler',
      'Solagro',
    ]);
    const rouen = await page('metropole-rouen-normandie');
    expect(rouen.organisation.territoryCode).toEqual({ level: 'departement', code: '76' });

    const created = await request(ctx, admin, 'POST', '/api/organisations', {
      name: 'Coopérative des Cévennes',
      kind: 'entreprise',
      territory: 'les Cévennes',
      territoryCode: { level: 'commune', code: '30350' },
      themes: ['Mobilités', 'alimentation', 'Mobilités'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { organisation } = OrganisationDetailSchema.parse(created.json());
    expect([organisation.territory, organisation.themes]).toEqual(['Le Vigan', ['Mobilités', 'alimentation']]);
    expect((await list('?theme=mobilite&territory=vigan')).items.map((item) => item.name)).toEqual([
      'Coopérative des Cévennes',
    ]);

    const unknown = await request(ctx, admin, 'PATCH', `/api/organisations/${organisation.slug}`, {
      territoryCode: { level: 'region', code: '99' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toHaveProperty(['body.territoryCode']);
    // Written by hand, the territory is no longer the official one.
    const rewritten = await request(ctx, admin, 'PATCH', `/api/organisations/${organisation.slug}`, {
      territory: 'Cévennes gardoises',
    });
    expect(OrganisationDetailSchema.parse(rewritten.json()).organisation.territoryCode).toBeNull();
    await request(ctx, admin, 'PATCH', `/api/organisations/${organisation.slug}`, {
      territoryCode: { level: 'commune', code: '30350' },
    });
    const forgotten = await request(ctx, admin, 'PATCH', `/api/organisations/${organisation.slug}`, {
      territoryCode: null,
    });
    const after = OrganisationDetailSchema.parse(forgotten.json()).organisation;
    expect([after.territory, after.territoryCode]).toEqual(['Le Vigan', null]);
  });

  it('is created by an admin with a valid SIREN and website; bad fields get a 400 that names them', async () => {
    const body = {
      name: 'Atelier Énergie Citoyenne',
      kind: 'entreprise',
      siren: '732 829 320',
      website: 'https://energie-citoyenne.example.org',
      territory: 'Drôme',
      presentation: 'Une coopérative d’énergies renouvelables.',
      charterJoinedOn: '2024-03-12',
    };
    expect((await request(ctx, camille, 'POST', '/api/organisations', body)).statusCode).toBe(403);
    expect((await request(ctx, null, 'POST', '/api/organisations', body)).statusCode).toBe(401);

    const bad = await request(ctx, admin, 'POST', '/api/organisations', {
      ...body,
      siren: '732829321',
      website: 'javascript:alert(1)',
      kind: 'secte',
      charterJoinedOn: '0000-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.details).sort()).toEqual([
      'body.charterJoinedOn',
      'body.kind',
      'body.siren',
      'body.website',
    ]);

    const created = await request(ctx, admin, 'POST', '/api/organisations', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().organisation).toMatchObject({
      slug: 'atelier-energie-citoyenne',
      siren: '732829320',
      charterJoinedOn: '2024-03-12',
      memberCount: 0,
    });

    // The same name, whatever its case and accents, or the same SIREN: a 409 naming the field.
    const again = await request(ctx, admin, 'POST', '/api/organisations', {
      ...body,
      name: 'atelier energie citoyenne',
      siren: null,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ name: ['already used'] });
    const sameSiren = await request(ctx, admin, 'POST', '/api/organisations', { ...body, name: 'Autre nom' });
    expect(sameSiren.json().error.details).toEqual({ siren: ['already used'] });
  });

  it('is found by search by anyone, and opens its page', async () => {
    const response = await request(ctx, null, 'GET', '/api/search?q=cooperative+renouvelables&type=organisation');
    expect(response.statusCode, response.body).toBe(200);
    const { items } = response.json() as SearchResults;
    expect(items.map((item) => [item.title, item.url])).toEqual([
      ['Atelier Énergie Citoyenne', '/allie-es/atelier-energie-citoyenne'],
    ]);
  });

  it('links people once a referent or an admin confirms; referents edit it, others may not', async () => {
    const slug = 'atelier-energie-citoyenne';
    const space = await createSpace(ctx.database.db, {
      visibility: 'public',
      joinPolicy: 'open',
      title: 'Chantier énergie partagée',
    });
    await addMembership(ctx.database.db, space.id, camille.id, { role: 'membre' });
    await ctx.database.db
      .updateTable('users')
      .set({ listed_in_directory: true })
      .where('id', 'in', [camille.id, dominique.id])
      .execute();

    const asked = await request(ctx, camille, 'POST', `/api/organisations/${slug}/affiliation`);
    expect(asked.json()).toEqual({ affiliation: { status: 'pending' } });
    expect((await page(slug, camille)).viewer).toEqual({ affiliation: 'pending', canManage: false });
    expect((await page(slug)).members).toEqual([]);
    // Without referents yet, the admins are told.
    const [toAdmin] = await mailsTo(ctx.database.db, admin.email);
    expect(toAdmin?.subject).toBe('Demande de rattachement à Atelier Énergie Citoyenne');
    expect(toAdmin?.text_body).toContain('Camille Référente indique faire partie de Atelier Énergie Citoyenne');
    expect(toAdmin?.text_body).toContain('/allie-es/atelier-energie-citoyenne');

    // Nobody but an admin (or a referent) confirms.
    const bySelf = await request(ctx, camille, 'POST', `/api/organisations/${slug}/affiliations/${camille.id}/confirm`);
    expect(bySelf.statusCode).toBe(403);
    expect((await page(slug, admin)).pending.map((entry) => entry.displayName)).toEqual(['Camille Référente']);
    const confirmed = await request(
      ctx,
      admin,
      'POST',
      `/api/organisations/${slug}/affiliations/${camille.id}/confirm`,
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    expect((await mailsTo(ctx.database.db, camille.email)).map((mail) => mail.subject)).toEqual([
      'Vous êtes rattaché·e à Atelier Énergie Citoyenne',
    ]);
    const visible = await page(slug, dominique);
    expect(visible.organisation.memberCount).toBe(1);
    expect(visible.members.map((member) => member.displayName)).toEqual(['Camille Référente']);
    // A visitor without an account sees how many, not who: people are listed for the alliance.
    const anonymous = await page(slug);
    expect([anonymous.organisation.memberCount, anonymous.members]).toEqual([1, []]);
    expect(visible.spaces).toEqual([{ slug: space.slug, title: 'Chantier énergie partagée', memberCount: 1 }]);
    expect(visible.pending).toEqual([]);

    // A confirmed member is not a referent: no edits until an admin makes them one.
    const edit = { presentation: 'Une coopérative citoyenne d’énergies renouvelables en Drôme.' };
    expect((await request(ctx, camille, 'PATCH', `/api/organisations/${slug}`, edit)).statusCode).toBe(403);
    const named = await request(ctx, admin, 'PUT', `/api/organisations/${slug}/referents/${camille.id}`);
    expect(named.statusCode, named.body).toBe(200);
    const edited = await request(ctx, camille, 'PATCH', `/api/organisations/${slug}`, edit);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().organisation.presentation).toBe(edit.presentation);

    // The referent declines Dominique's request; Dominique is not listed.
    await request(ctx, dominique, 'POST', `/api/organisations/${slug}/affiliation`);
    const declined = await request(
      ctx,
      camille,
      'POST',
      `/api/organisations/${slug}/affiliations/${dominique.id}/decline`,
    );
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await page(slug, dominique)).viewer.affiliation).toBeNull();
    // The referent was told of the request, the person of the answer.
    expect((await mailsTo(ctx.database.db, camille.email)).at(-1)?.text_body).toContain('Dominique Membre indique');
    expect((await mailsTo(ctx.database.db, dominique.email)).map((mail) => mail.subject)).toEqual([
      'Votre demande de rattachement à Atelier Énergie Citoyenne',
    ]);
    const twice = await request(
      ctx,
      camille,
      'POST',
      `/api/organisations/${slug}/affiliations/${dominique.id}/decline`,
    );
    expect(twice.statusCode).toBe(404);

    // Camille withdraws: the page no longer lists her.
    expect((await request(ctx, camille, 'DELETE', `/api/organisations/${slug}/affiliation`)).statusCode).toBe(204);
    expect((await page(slug)).members).toEqual([]);
  });

  it('answers 404 for an organisation that does not exist, 400 for a malformed address', async () => {
    expect((await request(ctx, null, 'GET', '/api/organisations/nulle-part')).statusCode).toBe(404);
    expect((await request(ctx, null, 'GET', '/api/organisations/Pas%20Un%20Slug')).statusCode).toBe(400);
  });
});

describe('referents', () => {
  /** An organisation created by the admin, with `confirmed` linked and confirmed, `asking` waiting. */
  async function organisationWith(name: string, people: { confirmed: TestPerson[]; asking: TestPerson[] }) {
    const created = await request(ctx, admin, 'POST', '/api/organisations', { name, kind: 'societe_civile' });
    expect(created.statusCode, created.body).toBe(201);
    const slug = (created.json() as OrganisationDetail).organisation.slug;
    for (const person of [...people.confirmed, ...people.asking]) {
      await request(ctx, person, 'POST', `/api/organisations/${slug}/affiliation`);
    }
    for (const person of people.confirmed) {
      await request(ctx, admin, 'POST', `/api/organisations/${slug}/affiliations/${person.id}/confirm`);
    }
    return slug;
  }
  const referents = (detail: OrganisationDetail) =>
    detail.confirmed.filter((entry) => entry.referent).map((entry) => entry.displayName);
  const someone = (displayName: string) => createPerson(ctx, { displayName });
  const asReferent = (who: TestPerson | null, method: 'PUT' | 'DELETE', slug: string, person: TestPerson) =>
    request(ctx, who, method, `/api/organisations/${slug}/referents/${person.id}`);

  it('are named among confirmed people only, by admins or referents', async () => {
    const [alix, bea, chris, dana] = await Promise.all([
      someone('Alix Confirmée'),
      someone('Béa Confirmée'),
      someone('Chris Demandeuse'),
      someone('Dana Inconnue'),
    ]);
    const slug = await organisationWith('Réseau des référent·es', { confirmed: [alix, bea], asking: [chris] });

    // Managers see every confirmed person, listed in the directory or not; others see none.
    const forAdmin = await page(slug, admin);
    expect(forAdmin.members).toEqual([]);
    expect(forAdmin.confirmed.map((entry) => [entry.displayName, entry.referent])).toEqual([
      ['Alix Confirmée', false],
      ['Béa Confirmée', false],
    ]);
    expect((await page(slug, alix)).confirmed).toEqual([]);
    expect((await page(slug)).confirmed).toEqual([]);

    // A confirmed member who is no referent names nobody, not even themselves.
    const bySelf = await asReferent(alix, 'PUT', slug, alix);
    expect(bySelf.statusCode).toBe(403);
    expect((await asReferent(null, 'PUT', slug, alix)).statusCode).toBe(401);

    // Only a confirmed link becomes referent: a request waiting is 409, no link at all 404.
    const waiting = await asReferent(admin, 'PUT', slug, chris);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error).toMatchObject({ code: 'conflict', details: { userId: ['link not confirmed'] } });
    expect((await asReferent(admin, 'PUT', slug, dana)).statusCode).toBe(404);
    expect(referents(await page(slug, admin))).toEqual([]);

    // The admin names Alix; she manages it now, and names Béa in turn.
    const named = await asReferent(admin, 'PUT', slug, alix);
    expect(named.statusCode, named.body).toBe(200);
    expect(referents(named.json())).toEqual(['Alix Confirmée']);
    expect((await page(slug, alix)).viewer.canManage).toBe(true);
    expect((await asReferent(admin, 'PUT', slug, alix)).statusCode).toBe(200);
    const byReferent = await asReferent(alix, 'PUT', slug, bea);
    expect(byReferent.statusCode, byReferent.body).toBe(200);
    expect(referents(byReferent.json())).toEqual(['Alix Confirmée', 'Béa Confirmée']);
  });

  it('edit the organisation, and may step down; then they may not', async () => {
    const [eli, fred] = await Promise.all([someone('Éli Référente'), someone('Fred Référent')]);
    const slug = await organisationWith('Collectif qui change de référent·es', { confirmed: [eli, fred], asking: [] });
    await asReferent(admin, 'PUT', slug, eli);
    await asReferent(admin, 'PUT', slug, fred);

    const edited = await request(ctx, eli, 'PATCH', `/api/organisations/${slug}`, { territory: 'Isère' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().organisation.territory).toBe('Isère');

    // Éli removes Fred, then steps down herself: the answer is what she may now see.
    expect(referents((await asReferent(eli, 'DELETE', slug, fred)).json())).toEqual(['Éli Référente']);
    const steppedDown = await asReferent(eli, 'DELETE', slug, eli);
    expect(steppedDown.statusCode, steppedDown.body).toBe(200);
    expect(steppedDown.json()).toMatchObject({ viewer: { canManage: false }, confirmed: [] });
    expect((await request(ctx, eli, 'PATCH', `/api/organisations/${slug}`, { territory: 'Drôme' })).statusCode).toBe(
      403,
    );
    expect((await asReferent(eli, 'PUT', slug, eli)).statusCode).toBe(403);
    // Both are still confirmed members, no longer referents.
    const forAdmin = await page(slug, admin);
    expect(forAdmin.organisation.memberCount).toBe(2);
    expect(referents(forAdmin)).toEqual([]);
  });
});

describe('isValidSiren', () => {
  it('accepts checksummed SIRENs only', () => {
    expect(['732829320', '552100554', '130025265'].map(isValidSiren)).toEqual([true, true, true]);
    expect(['732829321', '12345678', '1234567890', 'abcdefghi'].map(isValidSiren)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
