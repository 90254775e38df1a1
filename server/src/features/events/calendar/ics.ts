import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { offsetAt, transitionsIn, zonedDateTime } from '../series/zoned-time';

/**
 * iCalendar files. Times are written as wall-clock times with their TZID (`DTSTART;TZID=
 * Europe/Paris:20261201T123000`) and each zone gets a VTIMEZONE built from the runtime's tz
 * database, so calendars keep 12:30 in Paris across DST changes. Nothing here ever takes a
 * visio link: the input types have no place for one.
 */

export interface IcsEvent {
  /** Stable UID: the event id (or the series id for a recurring event). */
  uid: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  /** The address for on-site events; "En ligne" otherwise. */
  location: string | null;
  url: string;
  cancelled: boolean;
  /** Not certain to happen for the calendar's owner (a waitlist place): STATUS:TENTATIVE. */
  tentative?: boolean;
  /** For a series: the RRULE and the dates (start instants) it no longer produces. */
  rrule?: string;
  exdates?: Date[];
  /** For an occurrence moved alone: the start the rule gave it. */
  recurrenceId?: Date;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** The event's time in its zone, as ical-generator writes it (with the TZID): to the minute, as the agenda shows it. */
const wallClock = (instant: Date, timeZone: string) =>
  zonedDateTime(instant, timeZone).round({ smallestUnit: 'minute', roundingMode: 'trunc' });
const formatLocal = (ms: number) => {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
};
const formatOffset = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
};
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * A VTIMEZONE for `timeZone`, from the rules in force in `year`: each yearly change becomes an
 * observance repeating on the same weekday of the same week (`BYDAY=-1SU` for the last Sunday
 * of March), which is how the zones with DST define theirs. A zone without changes gets one
 * fixed STANDARD observance.
 */
export function vtimezone(timeZone: string, year: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const changes = transitionsIn(timeZone, year);
  if (changes.length === 0) {
    const offset = formatOffset(offsetAt(Date.UTC(year, 0, 1), timeZone));
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      'END:STANDARD',
    );
  }
  for (const at of changes) {
    const from = offsetAt(at - 1, timeZone);
    const to = offsetAt(at, timeZone);
    const local = new Date(at + from);
    const day = local.getUTCDate();
    const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
    const week = day + 7 > daysInMonth ? -1 : Math.ceil(day / 7);
    const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${formatLocal(at + from)}`,
      `RRULE:FREQ=YEARLY;BYMONTH=${local.getUTCMonth() + 1};BYDAY=${week}${DAYS[local.getUTCDay()]}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** One calendar with these events, each in its own zone, and one VTIMEZONE per zone used. */
export function renderCalendar(name: string, events: IcsEvent[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'Atelier des transitions', product: 'agenda', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const event of events) {
    const exdates = (event.exdates ?? []).map(
      (date) =>
        `EXDATE;TZID=${event.timezone}:${formatLocal(date.getTime() + offsetAt(date.getTime(), event.timezone))}`,
    );
    calendar.createEvent({
      id: event.uid,
      start: wallClock(event.startsAt, event.timezone),
      end: wallClock(event.endsAt, event.timezone),
      timezone: event.timezone,
      summary: event.title,
      description: event.summary || null,
      location: event.location,
      url: event.url,
      ...(event.cancelled
        ? { status: ICalEventStatus.CANCELLED }
        : event.tentative
          ? { status: ICalEventStatus.TENTATIVE }
          : {}),
      ...(event.rrule ? { repeating: [`RRULE:${event.rrule}`, ...exdates].join('\r\n') } : {}),
      ...(event.recurrenceId ? { recurrenceId: wallClock(event.recurrenceId, event.timezone) } : {}),
    });
  }
  const text = calendar.toString();
  // ical-generator writes a VTIMEZONE for the calendar's zone only; every event zone needs one.
  // Observances start in the year of the earliest event, so that every date written is covered.
  const zones = [...new Set(events.map((event) => event.timezone))];
  const year = Math.min(new Date().getUTCFullYear(), ...events.map((event) => event.startsAt.getUTCFullYear()));
  const blocks = zones.map((zone) => `${vtimezone(zone, year)}\r\n`).join('');
  const at = text.indexOf('BEGIN:VEVENT');
  return at === -1 ? text : `${text.slice(0, at)}${blocks}${text.slice(at)}`;
}
