import { createEffect, createResource, on } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { useRoom } from '../../../lib/socket';
import { questionsApi } from './questions.api';

type Attendee = Awaited<ReturnType<typeof questionsApi.attendance>>[number];
/** One row as shown: flat, so that the store can reconcile rows by person id. */
export interface AttendanceRow {
  id: string;
  displayName: string;
  status: Attendee['status'];
  attended: boolean;
  answers: Attendee['answers'];
}

/**
 * Who came to one event: everyone registered (seat or waitlist) or already marked, read again
 * when someone registers or cancels (room `event:<id>`). A tick shows at once and is undone if
 * the server refuses it.
 */
export function createAttendanceStore(eventId: () => string) {
  const [list, { refetch }] = createResource(eventId, (id) => questionsApi.attendance(id));
  useRoom(() => `event:${eventId()}`, {
    on: { 'registration.changed': () => void refetch() },
  });
  const [people, setPeople] = createStore<{ items: AttendanceRow[] }>({ items: [] });

  // The resource feeds a store, so that one tick updates one row without rebuilding the list.
  createEffect(
    on(
      () => (list.error ? undefined : list()),
      (loaded) => {
        if (!loaded) return;
        const rows = loaded.map(({ person, status, attended, answers }) => ({ ...person, status, attended, answers }));
        setPeople('items', reconcile(rows, { key: 'id' }));
      },
    ),
  );

  const mark = (userId: string, value: boolean) => setPeople('items', (item) => item.id === userId, 'attended', value);

  return {
    list,
    items: () => people.items,
    present: () => people.items.filter((item) => item.attended).length,
    reload: () => refetch(),
    /** Optimistic: ticked at once, unticked again (and the error thrown) when refused. */
    setAttended: async (userId: string, attended: boolean) => {
      mark(userId, attended);
      try {
        await questionsApi.setAttended(eventId(), userId, attended);
      } catch (failure) {
        mark(userId, !attended);
        throw failure;
      }
    },
  };
}

/** « Mes permanences »: the permanences this person was marked present at, newest first. */
export function createAttendedPermanences(userId: () => string) {
  const [items, { refetch }] = createResource(userId, (id) => questionsApi.attendedPermanences(id));
  return { items, reload: () => refetch() };
}
