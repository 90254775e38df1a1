import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * A recurring series by slug. `first_date` comes back as text: drivers turn a SQL `date` into a
 * JavaScript Date at midnight in the process's own zone, which could shift it by a day.
 */
export async function findSeriesBySlug(db: Db, slug: string) {
  return db
    .selectFrom('event_series')
    .select([
      'id',
      'slug',
      'title',
      'kind',
      'summary',
      'rrule',
      'timezone',
      'start_time',
      'duration_minutes',
      'mode',
      sql<string>`to_char(first_date, 'YYYY-MM-DD')`.as('first_date'),
    ])
    .where('slug', '=', slug)
    .executeTakeFirst();
}
