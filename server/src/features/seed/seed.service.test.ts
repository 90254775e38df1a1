import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test/database';
import { PERMANENCE_SLUG } from '../events/events.service';
import { officialName } from '../territories/official-territories';
import { ALLIANCE_ORGANISATIONS, ALLIANCE_SPACES, PERMANENCE_SERIES } from './alliance-data';
import { seedAlliance } from './seed.service';

async function counts(database: Database) {
  const count = async (table: 'spaces' | 'space_projects' | 'event_series') =>
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return {
    spaces: await count('spaces'),
    projects: await count('space_projects'),
    series: await count('event_series'),
  };
}

const spaceBySlug = (database: Database, slug: string) =>
  database.db.selectFrom('spaces').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();

describe('seedAlliance', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('inserts the alliance on an empty database and reports what it inserted', async () => {
    const report = await seedAlliance(database.db);
    expect(report.spaces).toEqual([
      'representations-systemiques',
      'trajectoires-de-transformation',
      'voyages-apprenants',
      'education-populaire-et-transition-juste',
      'mise-en-recits',
      'territoires-narratifs',
      'territoires-pilotes',
      'avenir-montagnes-ingenierie',
      'cohorte-regionale-occitanie',
      'cohorte-regionale-grand-est',
      'territoires-adaptes-au-climat-de-demain',
    ]);
    expect(report.projects).toBe(6 + 9 + 9 + 8);
    expect(report.series).toEqual(['permanence']);
    expect(report.organisations).toBe(18);
    expect(report.territories).toBe(17);
    expect(await counts(database)).toEqual({ spaces: 11, projects: 32, series: 1 });
  });

  it('names the territories from the official list and links them to the cohorts’ projects', async () => {
    const rows = await database.db
      .selectFrom('space_projects')
      .innerJoin('territories', 'territories.id', 'space_projects.territory_id')
      .select(['space_projects.territory as project', 'territories.name', 'territories.code', 'territories.level'])
      .orderBy('territories.code')
      .execute();
    expect(rows).toHaveLength(17);
    expect(rows).toContainEqual({ project: 'Ville de Vimy', name: 'Vimy', code: '62861', level: 'commune' });
    expect(rows).toContainEqual({ project: 'SICOVAL', name: 'CA du Sicoval', code: '243100633', level: 'epci' });
    expect(rows).toContainEqual({ project: 'Ville de Lomme', name: 'Lomme', code: '59355', level: 'commune' });
  });

  it('changes nothing when run again, and keeps what people edited since', async () => {
    const before = await database.db.selectFrom('spaces').select(['id', 'slug']).orderBy('slug').execute();
    const occitanie = await spaceBySlug(database, 'cohorte-regionale-occitanie');
    await database.db.updateTable('spaces').set({ summary: 'Résumé revu' }).where('id', '=', occitanie.id).execute();
    await database.db
      .deleteFrom('space_projects')
      .where('space_id', '=', occitanie.id)
      .where('territory', '=', 'Gruissan')
      .execute();

    const report = await seedAlliance(database.db);

    expect(report).toEqual({ spaces: [], projects: 0, series: [], organisations: 0, territories: 0 });
    expect(await counts(database)).toEqual({ spaces: 11, projects: 31, series: 1 });
    expect(await database.db.selectFrom('spaces').select(['id', 'slug']).orderBy('slug').execute()).toEqual(before);
    expect((await spaceBySlug(database, 'cohorte-regionale-occitanie')).summary).toBe('Résumé revu');
  });

  it('gives the organisations’ territories their official names', () => {
    for (const organisation of ALLIANCE_ORGANISATIONS) {
      if (!organisation.territory) continue;
      const { level, code, name } = organisation.territory;
      expect(officialName(level, code), organisation.name).toBe(name);
    }
  });

  it('makes stable lowercase ASCII slugs', async () => {
    const rows = await database.db.selectFrom('spaces').select('slug').execute();
    for (const { slug } of rows) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('stores the four chantiers as public, open and active, with their partners', async () => {
    const chantiers = await database.db.selectFrom('spaces').selectAll().where('kind', '=', 'chantier').execute();
    expect(chantiers).toHaveLength(4);
    for (const chantier of chantiers) {
      expect(chantier).toMatchObject({ visibility: 'public', join_policy: 'open', status: 'active' });
      expect(chantier.goals).toEqual([chantier.summary]);
      expect(chantier.partners.length).toBeGreaterThan(0);
      expect(chantier.description.length).toBeGreaterThan(100);
    }
    const education = chantiers.find((space) => space.slug === 'education-populaire-et-transition-juste');
    expect(education?.partners).toEqual(["Le Labo de l'ESS", 'e-graine']);
  });

  it('stores the two learning communities with their own access rules', async () => {
    expect(await spaceBySlug(database, 'mise-en-recits')).toMatchObject({
      kind: 'communaute',
      visibility: 'public',
      join_policy: 'open',
      partners: ['Cerdd'],
      period: 'Depuis 2021',
    });
    const narratifs = await spaceBySlug(database, 'territoires-narratifs');
    expect(narratifs).toMatchObject({
      kind: 'communaute',
      visibility: 'members',
      join_policy: 'request',
      period: '2023-2024',
      audience: 'élu·es et agent·es de grandes collectivités',
    });
    const members = await database.db
      .selectFrom('space_projects')
      .select(['territory', 'theme'])
      .where('space_id', '=', narratifs.id)
      .orderBy('position')
      .execute();
    expect(members.map((row) => row.territory)).toEqual([
      'Ville de Paris',
      'Ville de Lyon',
      'Ville de Marseille',
      'Métropole Rouen Normandie',
      'Rennes Métropole',
      'Département du Puy-de-Dôme',
    ]);
    expect(members.every((row) => row.theme === null)).toBe(true);
  });

  it('stores the cohorts for invited members, with their period and territories in order', async () => {
    const cohorts = await database.db.selectFrom('spaces').selectAll().where('kind', '=', 'cohorte').execute();
    expect(cohorts).toHaveLength(5);
    for (const cohort of cohorts) {
      expect(cohort).toMatchObject({ visibility: 'members', join_policy: 'invite' });
      expect(cohort.period).toMatch(/20\d\d-20\d\d/);
    }
    const montagnes = await spaceBySlug(database, 'avenir-montagnes-ingenierie');
    const projects = await database.db
      .selectFrom('space_projects')
      .select(['territory', 'theme', 'position'])
      .where('space_id', '=', montagnes.id)
      .orderBy('position')
      .execute();
    expect(projects).toHaveLength(9);
    expect(projects[0]).toEqual({
      territory: 'PETR Causses et Cévennes',
      theme: "un GR de Pays pour mettre en valeur l'identité locale",
      position: 0,
    });
  });

  it('stores la permanence: first Tuesday of the month, 12:30 Paris time, one hour online', async () => {
    expect(PERMANENCE_SERIES.slug).toBe(PERMANENCE_SLUG);
    const series = await database.db
      .selectFrom('event_series')
      .select(['slug', 'title', 'kind', 'rrule', 'timezone', 'start_time', 'duration_minutes', 'mode', 'summary'])
      .select((eb) => eb.fn<string>('to_char', ['first_date', eb.val('YYYY-MM-DD')]).as('first_date'))
      .executeTakeFirstOrThrow();
    expect(series).toMatchObject({
      slug: 'permanence',
      title: 'La permanence',
      kind: 'permanence',
      rrule: 'FREQ=MONTHLY;BYDAY=1TU',
      timezone: 'Europe/Paris',
      start_time: '12:30',
      duration_minutes: 60,
      mode: 'visio',
    });
    expect(series.summary).toContain('premiers mardis du mois');
    const firstDate = new Date(`${series.first_date}T00:00:00Z`);
    expect(firstDate.getUTCFullYear()).toBe(2024);
    expect(firstDate.getUTCDay()).toBe(2);
    expect(firstDate.getUTCDate()).toBeLessThanOrEqual(7);
  });

  it('fills every space and names organisations, never the people who animate them', () => {
    for (const space of ALLIANCE_SPACES) {
      expect(space.title.trim()).not.toBe('');
      expect(space.summary.trim()).not.toBe('');
      // The source notes name the people who animate each chantier; the seed names organisations only.
      expect(space.description).not.toMatch(/anim(é|ée) par \p{Lu}/u);
    }
  });
});
