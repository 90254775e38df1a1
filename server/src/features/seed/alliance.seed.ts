import type { Db } from '../../db/database';
import { slugify } from '../spaces/slugify';
import { ALLIANCE_SERIES, ALLIANCE_SPACES, type SeedSeries, type SeedSpace } from './alliance.data';

/** What one run inserted; empty lists when everything was already there. */
export interface SeedReport {
  spaces: string[];
  projects: number;
  series: string[];
}

export interface SeedData {
  spaces: SeedSpace[];
  series: SeedSeries[];
}

export function spaceSlug(space: Pick<SeedSpace, 'title'>): string {
  const slug = slugify(space.title);
  if (!slug) throw new Error(`seed: no slug can be made from "${space.title}"`);
  return slug;
}

async function insertSpace(db: Db, space: SeedSpace): Promise<{ slug: string; projects: number } | null> {
  const slug = spaceSlug(space);
  const inserted = await db
    .insertInto('spaces')
    .values({
      slug,
      kind: space.kind,
      title: space.title,
      summary: space.summary,
      description: space.description,
      goals: space.goals,
      period: space.period,
      partners: space.partners,
      audience: space.audience,
      status: space.status,
      visibility: space.visibility,
      join_policy: space.joinPolicy,
    })
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  // Projects only come with a space the seed has just created: once a space exists, its list
  // belongs to its animateurs, and a restart must not bring back a row they removed.
  if (space.projects.length > 0) {
    await db
      .insertInto('space_projects')
      .values(
        space.projects.map((project, position) => ({
          space_id: inserted.id,
          territory: project.territory,
          theme: project.theme,
          position,
        })),
      )
      .onConflict((conflict) => conflict.columns(['space_id', 'territory']).doNothing())
      .execute();
  }
  return { slug, projects: space.projects.length };
}

async function insertSeries(db: Db, series: SeedSeries): Promise<boolean> {
  const inserted = await db
    .insertInto('event_series')
    .values({
      slug: series.slug,
      title: series.title,
      kind: series.kind,
      summary: series.summary,
      rrule: series.rrule,
      timezone: series.timezone,
      first_date: series.firstDate,
      start_time: series.startTime,
      duration_minutes: series.durationMinutes,
      mode: series.mode,
      capacity: series.capacity,
      video_url: series.videoUrl,
    })
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Inserts the alliance's spaces, their territories and the permanence series, keyed by slug.
 * Whatever already exists is left untouched (`on conflict do nothing`), so running it at every
 * start, or from several processes starting together, inserts each row once and never
 * overwrites an edit. It runs in one transaction: a crash half-way leaves nothing behind.
 */
export async function seedAlliance(
  db: Db,
  data: SeedData = { spaces: ALLIANCE_SPACES, series: ALLIANCE_SERIES },
): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => {
    const report: SeedReport = { spaces: [], projects: 0, series: [] };
    for (const space of data.spaces) {
      const inserted = await insertSpace(trx, space);
      if (!inserted) continue;
      report.spaces.push(inserted.slug);
      report.projects += inserted.projects;
    }
    for (const series of data.series) {
      if (await insertSeries(trx, series)) report.series.push(series.slug);
    }
    return report;
  });
}
