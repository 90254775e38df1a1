import type { Db } from '../../db/database';
import type { SeedSeries, SeedSpace } from './alliance-data';

/**
 * The seed's writes. Each insert is keyed by slug with `on conflict do nothing`: what already
 * exists is never touched, and an insert that lost the race answers null.
 */

export async function insertSeedSpace(
  db: Db,
  space: SeedSpace,
  slug: string,
): Promise<{ slug: string; projects: number } | null> {
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

export async function insertSeedSeries(db: Db, series: SeedSeries): Promise<boolean> {
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
