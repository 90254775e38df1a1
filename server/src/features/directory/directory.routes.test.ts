import {
  type DirectoryOrganisation,
  DirectoryOrganisationsSchema,
  DirectoryPeopleSchema,
  type DirectoryPerson,
  type ProfileUpdate,
} from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { as, type Client, signUp } from '../../test/http';

/**
 * The directory as members use it: people set up their profile through `PATCH /api/me`, then
 * a signed-in member searches. Everyone below is listed unless marked otherwise.
 */
const PEOPLE: Array<{ key: string; displayName: string; profile: ProfileUpdate }> = [
  {
    key: 'amelie',
    displayName: 'Amélie Durand',
    profile: {
      organisationName: 'Métropole Rouen Normandie',
      organisationKind: 'collectivite',
      territory: 'Métropole Rouen Normandie',
      fantasticRole: 'agent',
      themes: ['Mobilité', 'Énergie'],
      bio: 'Cheffe de projet plan vélo et covoiturage.',
      listedInDirectory: true,
    },
  },
  {
    key: 'bruno',
    displayName: 'Bruno Lefèvre',
    profile: {
      organisationName: 'métropole rouen normandie',
      organisationKind: 'collectivite',
      territory: 'Rouen',
      fantasticRole: 'elu',
      themes: ['alimentation'],
      bio: 'Vice-président chargé de la transition alimentaire.',
      listedInDirectory: true,
    },
  },
  {
    key: 'chloe',
    displayName: 'Chloé Martin',
    profile: {
      organisationName: 'Réseau Cler',
      organisationKind: 'reseau',
      territory: 'Île-de-France',
      fantasticRole: 'acteur',
      themes: ['Mobilités douces', 'sobriété'],
      bio: 'J’anime un réseau pour la sobriété énergétique des ménages.',
      listedInDirectory: true,
    },
  },
  {
    key: 'denis',
    displayName: 'Denis Petit',
    profile: {
      organisationName: 'Préfecture du Gers',
      organisationKind: 'societe_civile',
      territory: 'Gers',
      fantasticRole: 'etat',
      themes: ['eau'],
      bio: null,
      listedInDirectory: true,
    },
  },
  {
    key: 'emilie',
    displayName: 'émilie Roux',
    profile: {
      territory: 'PETR Causses et Cévennes',
      themes: [],
      bio: 'Chercheuse indépendante, récits de territoires.',
      listedInDirectory: true,
    },
  },
  {
    // Same name as Amélie: the order still has to be stable (then by id).
    key: 'amelie2',
    displayName: 'Amélie Durand',
    profile: {
      organisationName: 'Cerdd',
      organisationKind: 'association_pro',
      territory: 'Hauts-de-France',
      themes: ['mise en récits'],
      listedInDirectory: true,
    },
  },
  {
    key: 'hidden',
    displayName: 'Hugo Discret',
    profile: {
      organisationName: 'Organisation Secrète',
      organisationKind: 'reseau',
      territory: 'Rouen',
      fantasticRole: 'elu',
      themes: ['Mobilité'],
      bio: 'Ne souhaite pas apparaître dans l’annuaire : mobilité, vélo.',
      listedInDirectory: false,
    },
  },
  {
    // Listed once, then changed their mind.
    key: 'withdrawn',
    displayName: 'Wanda Partie',
    profile: {
      organisationName: 'Réseau Cler',
      organisationKind: 'reseau',
      territory: 'Rouen',
      themes: ['Mobilité'],
      listedInDirectory: true,
    },
  },
];

describe('alliance directory', () => {
  let ctx: TestContext;
  const clients: Record<string, Client> = {};

  const idOf = (key: string) => {
    const client = clients[key];
    if (!client) throw new Error(`no person ${key}`);
    return client.userId;
  };

  const get = (url: string, client: Client | null = clients.amelie ?? null) =>
    ctx.app.inject({ method: 'GET', url, headers: client ? as(client) : {} });

  const people = async (query: Record<string, string> = {}) => {
    const response = await get(`/api/directory/people?${new URLSearchParams(query)}`);
    expect(response.statusCode, response.body).toBe(200);
    return DirectoryPeopleSchema.parse(response.json());
  };

  const idsOf = (items: DirectoryPerson[]) => items.map((person) => person.id).sort();
  const peopleIds = async (query: Record<string, string>) => idsOf((await people({ limit: '50', ...query })).items);
  const expectedIds = (...keys: string[]) => keys.map(idOf).sort();

  const organisations = async (query: Record<string, string> = {}) => {
    const response = await get(`/api/directory/organisations?${new URLSearchParams(query)}`);
    expect(response.statusCode, response.body).toBe(200);
    return DirectoryOrganisationsSchema.parse(response.json()).items;
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    for (const person of PEOPLE) {
      const client = await signUp(ctx.app, { displayName: person.displayName });
      clients[person.key] = client;
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/me',
        headers: as(client),
        payload: person.profile,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const withdrawn = clients.withdrawn;
    if (!withdrawn) throw new Error('missing withdrawn person');
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: as(withdrawn),
      payload: { listedInDirectory: false },
    });
    expect(response.statusCode).toBe(200);
  });
  afterAll(() => ctx.close());

  describe('who appears', () => {
    it('lists exactly the people who opted in, with their public profile', async () => {
      const { items, nextCursor } = await people({ limit: '50' });
      expect(nextCursor).toBeNull();
      expect(idsOf(items)).toEqual(expectedIds('amelie', 'amelie2', 'bruno', 'chloe', 'denis', 'emilie'));
      expect(items.find((person) => person.id === idOf('chloe'))).toEqual({
        id: idOf('chloe'),
        displayName: 'Chloé Martin',
        avatarUrl: null,
        organisationName: 'Réseau Cler',
        organisationKind: 'reseau',
        territory: 'Île-de-France',
        fantasticRole: 'acteur',
        themes: ['Mobilités douces', 'sobriété'],
        bio: 'J’anime un réseau pour la sobriété énergétique des ménages.',
      });
      // Nothing private travels with a listing.
      expect(JSON.stringify(items)).not.toMatch(/@exemple\.fr|password|email/i);
    });

    it('never shows an unlisted person, whatever the search', async () => {
      const hidden = [idOf('hidden'), idOf('withdrawn')];
      const searches: Record<string, string>[] = [
        { q: 'Hugo' },
        { q: 'Discret' },
        { q: 'Wanda' },
        { q: 'Secrète' },
        { theme: 'mobilite' },
        { territory: 'rouen' },
        { fantasticRole: 'elu' },
        { organisationKind: 'reseau' },
      ];
      for (const search of searches) {
        const ids = await peopleIds(search);
        for (const id of hidden) expect(ids, JSON.stringify(search)).not.toContain(id);
      }
    });

    it('builds organisations from listed people only', async () => {
      const names = (await organisations()).map((organisation) => organisation.name);
      expect(names).not.toContain('Organisation Secrète');
      const cler = (await organisations()).find((organisation) => organisation.name === 'Réseau Cler');
      // Wanda (withdrawn) also wrote "Réseau Cler": she is not counted.
      expect(cler).toEqual<DirectoryOrganisation>({
        name: 'Réseau Cler',
        kind: 'reseau',
        territories: ['Île-de-France'],
        memberCount: 1,
      });
    });
  });

  describe('filters', () => {
    it('filters by kind of organisation', async () => {
      expect(await peopleIds({ organisationKind: 'collectivite' })).toEqual(expectedIds('amelie', 'bruno'));
      expect(await peopleIds({ organisationKind: 'media' })).toEqual([]);
    });

    it('filters by 4 Fantastiques role', async () => {
      expect(await peopleIds({ fantasticRole: 'elu' })).toEqual(expectedIds('bruno'));
      expect(await peopleIds({ fantasticRole: 'etat' })).toEqual(expectedIds('denis'));
    });

    it('finds a territory by part of its name, ignoring case and accents', async () => {
      expect(await peopleIds({ territory: 'rouen' })).toEqual(expectedIds('amelie', 'bruno'));
      expect(await peopleIds({ territory: 'ile-de' })).toEqual(expectedIds('chloe'));
      expect(await peopleIds({ territory: 'CEVENNES' })).toEqual(expectedIds('emilie'));
    });

    it('answers "who else works on mobility?" whatever the accents and case', async () => {
      const mobility = expectedIds('amelie', 'chloe');
      expect(await peopleIds({ theme: 'mobilite' })).toEqual(mobility);
      expect(await peopleIds({ theme: 'Mobilité' })).toEqual(mobility);
      expect(await peopleIds({ theme: 'MOBILITÉS' })).toEqual(expectedIds('chloe'));
      expect(await peopleIds({ theme: 'energie' })).toEqual(expectedIds('amelie'));
      expect(await peopleIds({ theme: 'recits' })).toEqual(expectedIds('amelie2'));
    });

    it('searches names, organisations and presentations in French, accents ignored', async () => {
      // A presentation word, without its accent and in another form ("énergétique").
      expect(await peopleIds({ q: 'sobriete energetique' })).toEqual(expectedIds('chloe'));
      // French stemming: "alimentaires" finds "alimentaire".
      expect(await peopleIds({ q: 'alimentaires' })).toEqual(expectedIds('bruno'));
      // Part of a name or of an organisation, as people type them.
      expect(await peopleIds({ q: 'lefev' })).toEqual(expectedIds('bruno'));
      expect(await peopleIds({ q: 'EMILIE' })).toEqual(expectedIds('emilie'));
      expect(await peopleIds({ q: 'cerdd' })).toEqual(expectedIds('amelie2'));
      expect(await peopleIds({ q: 'velo' })).toEqual(expectedIds('amelie'));
    });

    it('combines filters', async () => {
      expect(await peopleIds({ territory: 'rouen', theme: 'mobilite' })).toEqual(expectedIds('amelie'));
      expect(await peopleIds({ territory: 'rouen', fantasticRole: 'agent', q: 'velo' })).toEqual(expectedIds('amelie'));
      expect(await peopleIds({ organisationKind: 'reseau', theme: 'eau' })).toEqual([]);
    });

    it('treats blank text filters as no filter', async () => {
      expect(await peopleIds({ q: '  ', territory: '', theme: '' })).toHaveLength(6);
    });

    it('takes wildcards and quotes literally', async () => {
      expect(await peopleIds({ territory: '%' })).toEqual([]);
      expect(await peopleIds({ q: '_' })).toEqual([]);
      expect(await peopleIds({ q: "'; drop table users; --" })).toEqual([]);
      expect(await peopleIds({ theme: "' or '1'='1" })).toEqual([]);
      expect(await peopleIds({ q: '"mobilité" OR -vélo' })).not.toContain(idOf('hidden'));
      // The table is still there.
      expect(await peopleIds({})).toHaveLength(6);
    });

    it('gives organisations the same filters, grouping spellings of one name', async () => {
      const rouen = await organisations({ territory: 'rouen' });
      expect(rouen).toHaveLength(1);
      expect(rouen[0]).toMatchObject({ kind: 'collectivite', memberCount: 2 });
      expect(rouen[0]?.territories).toEqual(['Métropole Rouen Normandie', 'Rouen']);
      expect((await organisations({ theme: 'mobilite' })).map((organisation) => organisation.name)).toEqual([
        'Métropole Rouen Normandie',
        'Réseau Cler',
      ]);
      // Émilie gave no organisation: she is a person of the directory, not an organisation.
      expect((await organisations({ territory: 'cevennes' })).length).toBe(0);
    });

    it('sorts organisations by name the French way', async () => {
      const names = (await organisations()).map((organisation) => organisation.name);
      expect(names).toEqual(['Cerdd', 'Métropole Rouen Normandie', 'Préfecture du Gers', 'Réseau Cler']);
    });
  });

  describe('pagination', () => {
    it('walks everyone exactly once, in name order, whatever the page size', async () => {
      const all = (await people({ limit: '50' })).items;
      // Case and accents do not count in the order: "émilie" comes after "Denis".
      expect(all.map((person) => person.displayName)).toEqual([
        'Amélie Durand',
        'Amélie Durand',
        'Bruno Lefèvre',
        'Chloé Martin',
        'Denis Petit',
        'émilie Roux',
      ]);
      for (const limit of [1, 2, 4, 5]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await people(cursor ? { limit: String(limit), cursor } : { limit: String(limit) });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((person) => person.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor && pages < 20);
        expect(seen, `limit ${limit}`).toEqual(all.map((person) => person.id));
        expect(pages).toBe(Math.ceil(all.length / limit));
      }
    });

    it('keeps filters across pages', async () => {
      const first = await people({ theme: 'mobilite', limit: '1' });
      expect(first.nextCursor).not.toBeNull();
      const second = await people({ theme: 'mobilite', limit: '1', cursor: first.nextCursor ?? '' });
      expect(second.nextCursor).toBeNull();
      expect(idsOf([...first.items, ...second.items])).toEqual(expectedIds('amelie', 'chloe'));
    });

    it('walks every organisation exactly once, in name order, page by page', async () => {
      const all = (await organisations({ limit: '50' })).map((organisation) => organisation.name);
      for (const limit of [1, 3]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const response = await get(
            `/api/directory/organisations?${new URLSearchParams(cursor ? { limit: String(limit), cursor } : { limit: String(limit) })}`,
          );
          const page = DirectoryOrganisationsSchema.parse(response.json());
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((organisation) => organisation.name));
          cursor = page.nextCursor;
        } while (cursor && seen.length <= all.length);
        expect(seen, `limit ${limit}`).toEqual(all);
      }
    });

    it('pages the default size of 20', async () => {
      const page = await people();
      expect(page.items).toHaveLength(6);
      expect(page.nextCursor).toBeNull();
    });
  });

  describe('access', () => {
    it('is closed to anonymous visitors, even with a bad query', async () => {
      for (const url of [
        '/api/directory/people',
        '/api/directory/organisations',
        '/api/directory/people?organisationKind=inconnu',
      ]) {
        const response = await get(url, null);
        expect(response.statusCode, url).toBe(401);
        expect(response.json().error.code).toBe('unauthenticated');
      }
    });

    it('is open to every signed-in member, listed or not', async () => {
      const response = await get('/api/directory/people', clients.hidden ?? null);
      expect(response.statusCode).toBe(200);
    });
  });

  describe('bad input', () => {
    const refused = async (path: string, query: Record<string, string>) => {
      const response = await get(`${path}?${new URLSearchParams(query)}`);
      expect(response.statusCode, `${JSON.stringify(query)} → ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    };

    it.each<Record<string, string>>([
      { organisationKind: 'inconnu' },
      { organisationKind: '' },
      { fantasticRole: 'captain-planet' },
      { q: 'x'.repeat(10_000) },
      { territory: 'é'.repeat(5_000) },
      { theme: 'y'.repeat(61) },
      { q: 'nul\u0000byte' },
      { territory: 'line\nbreak' },
      { limit: '0' },
      { limit: '51' },
      { limit: 'beaucoup' },
      { unknown: 'parameter' },
    ])('refuses %o with 400 on both lists', async (query) => {
      await refused('/api/directory/people', query);
      await refused('/api/directory/organisations', query);
    });

    it.each([
      'not-a-cursor!',
      'x'.repeat(2_000),
      Buffer.from('{"hello":"world"}').toString('base64url'),
      Buffer.from('["a","not-a-uuid"]').toString('base64url'),
      Buffer.from('["a\\u0000b","5f0c7b0e-3c1a-4c2e-9d7e-1a2b3c4d5e6f"]').toString('base64url'),
      Buffer.from("'; drop table users; --").toString('base64url'),
      'AAAA',
    ])('refuses the cursor %s with 400', async (cursor) => {
      await refused('/api/directory/people', { cursor });
      await refused('/api/directory/organisations', { cursor });
    });

    it('accepts a well-formed cursor that points past everyone', async () => {
      const cursor = Buffer.from('["zzzz","ffffffff-ffff-4fff-bfff-ffffffffffff"]').toString('base64url');
      const page = await people({ cursor });
      expect(page).toEqual({ items: [], nextCursor: null });
    });
  });
});
