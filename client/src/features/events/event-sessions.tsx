import type { Event, EventDetail, Session } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm, errorText } from '../../lib/form';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { DateTimeField } from './datetime-field';
import type { EventStore } from './event.store';
import { EventWhen } from './event-item';
import { registrationState } from './event-state';
import { isoToWallClock, isWallClock, wallClockToIso } from './event-time';
import { t, tc } from './events.i18n';

/** What one may do with a session: its state as for an event page, without series or follow. */
const sessionState = (session: Session, now: Date) =>
  registrationState({ ...session, followingSeries: false, attended: false, parent: null, sessions: [] }, now);

function SessionItem(props: {
  session: Session;
  holdsSeat: boolean;
  now: Date;
  busy: boolean;
  onChoose: () => void;
  onLeave: () => void;
}) {
  const event = () => props.session.event;
  const state = () => sessionState(props.session, props.now);
  const left = () =>
    event().capacity === null ? null : Math.max(0, (event().capacity ?? 0) - event().registeredCount);
  return (
    <li class="card event-session">
      <h3 class="event-session__title">
        <A href={`/evenements/${event().id}`} aria-label={t('sessions.page', { title: event().title })}>
          {event().title}
        </A>
      </h3>
      <EventWhen event={event()} />
      <Show when={event().address}>
        <p class="event-session__place">{event().address}</p>
      </Show>
      <Show when={!event().cancelledAt && left() !== null}>
        <p class="muted">{left() === 0 ? t('events.seats.full') : tc('events.seats.left', left() ?? 0)}</p>
      </Show>
      <Switch>
        <Match when={state().kind === 'cancelled'}>
          <p class="event-session__state">{t('sessions.cancelled')}</p>
        </Match>
        <Match when={state().kind === 'registered'}>
          <p class="event-session__state event-session__state--mine">{t('sessions.mine')}</p>
        </Match>
        <Match when={props.session.myRegistration?.status === 'waitlisted'}>
          <p class="event-session__state">
            {t('sessions.waiting', { position: props.session.myRegistration?.position ?? '' })}
          </p>
        </Match>
      </Switch>
      <p class="actions">
        <Switch>
          <Match when={props.session.myRegistration && new Date(event().startsAt) > props.now && !event().cancelledAt}>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={props.busy || undefined}
              onClick={() => props.onLeave()}
            >
              {t('sessions.leave')}
              <span class="visually-hidden"> — {event().title}</span>
            </button>
          </Match>
          <Match when={props.holdsSeat && (state().kind === 'open' || state().kind === 'full')}>
            <button
              type="button"
              class="button button--primary"
              aria-disabled={props.busy || undefined}
              onClick={() => props.onChoose()}
            >
              {t(state().kind === 'full' ? 'sessions.joinWaitlist' : 'sessions.choose')}
              <span class="visually-hidden"> — {event().title}</span>
            </button>
          </Match>
        </Switch>
      </p>
    </li>
  );
}

type SessionField = 'title' | 'start' | 'end' | 'capacity' | 'place' | 'videoUrl';

/** Those who manage the event add a session: its title, its slot within the event, seats and room. */
function AddSession(props: { event: Event; store: EventStore; onAdded: (title: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const zone = () => props.event.timezone;
  const [draft, setDraft] = createStore<Record<SessionField, string>>({
    title: '',
    start: isoToWallClock(props.event.startsAt, props.event.timezone),
    end: isoToWallClock(props.event.endsAt, props.event.timezone),
    capacity: '',
    place: '',
    videoUrl: '',
  });
  const form = createForm<SessionField>({
    onError: (error) =>
      error.code === 'event_invalid_dates' ? { fields: { end: t('error.event_invalid_dates') } } : undefined,
  });
  const set = (field: SessionField) => (value: string) => {
    form.clearError(field);
    setDraft(field, value);
  };
  const validate = () => {
    const problems: Partial<Record<SessionField, string>> = {};
    if (!draft.title.trim()) problems.title = t('eventForm.title.missing');
    if (!isWallClock(draft.start)) problems.start = t('eventForm.start.invalid');
    if (!isWallClock(draft.end)) problems.end = t('eventForm.end.invalid');
    else if (isWallClock(draft.start) && draft.end <= draft.start) problems.end = t('eventForm.end.beforeStart');
    if (draft.capacity.trim() && !/^[1-9]\d{0,5}$/.test(draft.capacity.trim())) {
      problems.capacity = t('eventForm.capacity.invalid');
    }
    if (draft.videoUrl.trim() && !/^https:\/\/\S+$/.test(draft.videoUrl.trim())) {
      problems.videoUrl = t('eventForm.videoUrl.invalid');
    }
    return problems;
  };
  const submit = form.handleSubmit(validate, async () => {
    const onSite = props.event.mode === 'presentiel';
    const title = draft.title.trim();
    await props.store.addSession({
      title,
      kind: 'atelier',
      startsAt: wallClockToIso(draft.start, zone()),
      endsAt: wallClockToIso(draft.end, zone()),
      timezone: zone(),
      mode: props.event.mode,
      capacity: draft.capacity.trim() ? Number(draft.capacity.trim()) : null,
      address: onSite && draft.place.trim() ? draft.place.trim() : null,
      videoUrl: !onSite && draft.videoUrl.trim() ? draft.videoUrl.trim() : null,
    });
    setDraft({ title: '', capacity: '', place: '', videoUrl: '' });
    setOpen(false);
    props.onAdded(title);
  });

  return (
    <div class="event-sessions__add">
      <button
        type="button"
        class="button button--secondary"
        aria-expanded={open()}
        aria-controls="session-form"
        onClick={() => setOpen(!open())}
      >
        {t('sessions.add')}
      </button>
      <Show when={open()}>
        <form
          id="session-form"
          class="form event-form"
          novalidate
          onSubmit={submit}
          aria-labelledby="session-form-title"
        >
          <h3 id="session-form-title">{t('sessions.addHeading')}</h3>
          <p class="muted">{t('sessions.during')}</p>
          <EventWhen event={props.event} />
          <ErrorAlert message={form.formError()} />
          <TextInput
            label={t('sessions.title')}
            name="title"
            required
            maxLength={200}
            value={draft.title}
            onInput={set('title')}
            error={form.error('title')}
          />
          <DateTimeField
            label={t('eventForm.start')}
            name="start"
            required
            value={draft.start}
            onInput={set('start')}
            error={form.error('start')}
          />
          <DateTimeField
            label={t('eventForm.end')}
            name="end"
            required
            value={draft.end}
            onInput={set('end')}
            error={form.error('end')}
          />
          <Show
            when={props.event.mode === 'presentiel'}
            fallback={
              <TextInput
                label={t('sessions.videoUrl')}
                name="videoUrl"
                type="url"
                value={draft.videoUrl}
                onInput={set('videoUrl')}
                hint={t('sessions.videoUrl.hint')}
                error={form.error('videoUrl')}
              />
            }
          >
            <TextInput
              label={t('sessions.place')}
              name="place"
              maxLength={500}
              value={draft.place}
              onInput={set('place')}
              error={form.error('place')}
            />
          </Show>
          <TextInput
            label={t('eventForm.capacity')}
            name="capacity"
            inputMode="numeric"
            class="event-form__short"
            value={draft.capacity}
            onInput={set('capacity')}
            hint={t('eventForm.capacity.hint')}
            error={form.error('capacity')}
          />
          <SubmitButton label={t('sessions.add')} busyLabel={t('sessions.creating')} busy={form.busy()} />
        </form>
      </Show>
    </div>
  );
}

/**
 * « Programme »: the sessions of an event (« atelier A ou B »), each with its seats counted live
 * and the reader's place in it. One chooses once holding a seat in the event.
 */
export function EventSessions(props: { detail: EventDetail; store: EventStore; now: Date }) {
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const holdsSeat = () => props.detail.myRegistration?.status === 'registered';

  const act = async (work: () => Promise<string>) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (failure) {
      setError(errorText(failure));
      await props.store.refresh().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };
  const choose = (session: Session) =>
    act(async () => {
      const place = await props.store.chooseSession(session.event.id);
      return place.status === 'registered'
        ? t('sessions.chosen', { title: session.event.title })
        : t('sessions.waitlisted', { title: session.event.title, position: place.position ?? '' });
    });
  const leave = (session: Session) =>
    act(async () => {
      await props.store.leaveSession(session.event.id);
      return t('sessions.left', { title: session.event.title });
    });

  return (
    <section aria-labelledby="event-sessions" class="event-sessions">
      <h2 id="event-sessions">{t('sessions.heading')}</h2>
      <Show when={props.detail.sessions.length > 0} fallback={<p class="muted">{t('sessions.empty')}</p>}>
        <Show when={!props.detail.event.cancelledAt}>
          <p class="muted">{holdsSeat() ? t('sessions.intro') : t('sessions.needSeat')}</p>
        </Show>
      </Show>
      <StatusMessage message={message()} />
      <ErrorAlert message={error()} />
      <ul class="event-sessions__list">
        <For each={props.detail.sessions}>
          {(session) => (
            <SessionItem
              session={session}
              holdsSeat={holdsSeat()}
              now={props.now}
              busy={busy()}
              onChoose={() => void choose(session)}
              onLeave={() => void leave(session)}
            />
          )}
        </For>
      </ul>
      <Show when={props.detail.event.canManage && !props.detail.event.cancelledAt}>
        <AddSession
          event={props.detail.event}
          store={props.store}
          onAdded={(title) => setMessage(t('sessions.created', { title }))}
        />
      </Show>
    </section>
  );
}
