import type { ColumnType, Generated, Selectable } from 'kysely';
import type { QuestionsTables } from './questions.tables';

/** Table types of the events feature (migrations/202611291300_events.ts), joined into `DB` by db/schema.ts. */

type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EventsTable {
  id: Generated<string>;
  series_id: string | null;
  /** The occurrence's date by its series' rule (kept when moved alone); null for one-off events. */
  occurrence_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** Null: the whole alliance. */
  space_id: string | null;
  title: string;
  kind: 'permanence' | 'initiation' | 'atelier' | 'autre';
  summary: Generated<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  timezone: string;
  mode: 'visio' | 'presentiel';
  capacity: number | null;
  video_url: string | null;
  address: string | null;
  accessibility_note: string | null;
  registration_deadline: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  cancel_reason: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  report_document_id: string | null;
  follow_up_thread_id: string | null;
}
export type EventRow = Selectable<EventsTable>;

export interface RegistrationsTable {
  id: Generated<string>;
  event_id: string;
  user_id: string;
  /** Waitlist order: `created_at`, then `id`. */
  status: 'registered' | 'waitlisted' | 'cancelled';
  /** Hash of the one-click cancel token of the latest mail that carried it. */
  cancel_token_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  promoted_at: Date | null;
  reminded_day_at: Date | null;
  reminded_hour_at: Date | null;
}
export type RegistrationRow = Selectable<RegistrationsTable>;

export interface SeriesFollowsTable {
  user_id: string;
  series_id: string;
  created_at: CreatedAt;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
}

export interface CalendarFeedKeyTable {
  id: number;
  secret: string;
}

/** The feature's tables, joined into `DB` by db/schema.ts. */
export interface EventsTables extends QuestionsTables {
  events: EventsTable;
  registrations: RegistrationsTable;
  series_follows: SeriesFollowsTable;
  calendar_feeds: CalendarFeedsTable;
  calendar_feed_key: CalendarFeedKeyTable;
}
