import type { Db } from '../../db/database';
import { insertMissingOrganisations } from '../organisations/organisations.queries';
import { slugify } from '../spaces/slugify';
import { officialName } from '../territories/official-territories';
import { insertTerritory, linkProjectsNamed, listExistingCodes } from '../territories/territories.queries';
import {
  ALLIANCE_ORGANISATIONS,
  ALLIANCE_SERIES,
  ALLIANCE_SPACES,
  ALLIANCE_TERRITORIES,
  type SeedOrganisation,
  type SeedSeries,
  type SeedSpace,
  type SeedTerritory,
} from './alliance-data';
import { insertSeedSeries, insertSeedSpace } from './seed.queries';

/** What one run inserted; empty lists when everything was already there. */
export interface SeedReport {
  spaces: string[];
  projects: number;
  series: string[];
  organisations: number;
  territories: number;
}

export interface SeedData {
  spaces: SeedSpace[];
  series: SeedSeries[];
  organisations: SeedOrganisation[];
  territories: SeedTerritory[];
}

export function spaceSlug(space: Pick<SeedSpace, 'title'>): string {
  const slug = slugify(space.title);
  if (!slug) throw new Error(`seed: no slug can be made from "${space.title}"`);
  return slug;
}

/**
 * Inserts the alliance's spaces, their territories, the permanence series and the organisations
 * the presentation names, keyed by slug.
 * Whatever already exists is left untouched (`on conflict do nothing`), so running it at every
 * start, or from several processes starting together, inserts each row once and never
 * overwrites an edit. It runs in one transaction: a crash half-way leaves nothing behind.
 */
export async function seedAlliance(
  db: Db,
  data: SeedData = {
    spaces: ALLIANCE_SPACES,
    series: ALLIANCE_SERIES,
    organisations: ALLIANCE_ORGANISATIONS,
    territories: ALLIANCE_TERRITORIES,
  },
): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => {
    const report: SeedReport = { spaces: [], projects: 0, series: [], organisations: 0, territories: 0 };
    for (const space of data.spaces) {
      const inserted = await insertSeedSpace(trx, space, spaceSlug(space));
      if (!inserted) continue;
      report.spaces.push(inserted.slug);
      report.projects += inserted.projects;
    }
    for (const series of data.series) {
      if (await insertSeedSeries(trx, series)) report.series.push(series.slug);
    }
    report.organisations = await insertMissingOrganisations(
      trx,
      data.organisations.map((organisation) => ({
        slug: slugify(organisation.name),
        name: organisation.name,
        kind: organisation.kind,
        territory: organisation.territory?.name ?? null,
        territory_level: organisation.territory?.level ?? null,
        territory_code: organisation.territory?.code ?? null,
        themes: organisation.themes,
        presentation: organisation.presentation,
      })),
    );
    report.territories = await insertMissingTerritories(trx, data.territories);
    return report;
  });
}

/**
 * The cohorts' territories, named from the official list, on the map, in the cohort programme
 * and linked to the cohort spaces' projects that name them. The official list is read only
 * when one is missing, never at a start that has them all.
 */
async function insertMissingTerritories(db: Db, territories: SeedTerritory[]): Promise<number> {
  const existing = await listExistingCodes(
    db,
    territories.map((territory) => territory.code),
  );
  let inserted = 0;
  for (const territory of territories) {
    if (existing.has(`${territory.level}:${territory.code}`)) continue;
    const name = officialName(territory.level, territory.code);
    if (!name) throw new Error(`seed: no ${territory.level} has the code ${territory.code}`);
    const { level, code, lat, lon } = territory;
    const id = await insertTerritory(db, { level, code, name, programmes: ['cohorte'], lat, lon });
    if (!id) continue;
    await linkProjectsNamed(db, id, territory.project);
    inserted += 1;
  }
  return inserted;
}
