import type { EventDetail, RegistrationAnswers } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { session } from '../accounts/session.store';
import type { EventStore } from './event.store';
import { canLeave, registrationState, seatsLeft } from './event-state';
import { t, tc } from './events.i18n';
import { AnswersForm, AnswersSummary } from './registration-questions';

/** The seats, counted live: the page updates it from the event room. */
export function SeatCounter(props: { detail: EventDetail }) {
  const event = () => props.detail.event;
  const left = () => seatsLeft(event());
  return (
    <p class="seat-counter" aria-live="polite" aria-atomic="true">
      <Switch>
        <Match when={left() === null}>{tc('events.seats.registered', event().registeredCount)}</Match>
        <Match when={true}>
          <strong class="seat-counter__number">
            {left() === 0 ? t('events.seats.full') : tc('events.seats.left', left() ?? 0)}
          </strong>{' '}
          <span class="muted">
            {tc('events.seats.ofCapacity', event().registeredCount, { capacity: event().capacity ?? 0 })}
          </span>
          <Show when={event().waitlistCount > 0}>
            <br />
            <span>{tc('events.seats.waitlist', event().waitlistCount)}</span>
          </Show>
        </Match>
      </Switch>
    </p>
  );
}

/**
 * Where the person stands and what they can do: register, join the waitlist, leave (after a
 * confirmation), follow the series, take it into their calendar. The visio link appears only
 * when the server hands it out, that is to people with a seat and to animateur·ices.
 */
export function RegistrationPanel(props: { detail: EventDetail; now: Date; store: EventStore }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [leaveError, setLeaveError] = createSignal<string | null>(null);
  /** The event's questions are on screen, before the seat is asked for. */
  const [asking, setAsking] = createSignal(false);
  const event = () => props.detail.event;
  const state = () => registrationState(props.detail, props.now);
  let stateLine: HTMLParagraphElement | undefined;

  /** Takes the seat; failures are the caller's to show (the questions' form puts them on their field). */
  const takeSeat = async (answers?: RegistrationAnswers) => {
    const registration = await props.store.register(answers);
    // The page reads the event again first (the visio link comes with the seat), so that
    // the announcement and the page say the same thing.
    await props.store.refresh().catch(() => undefined);
    setAsking(false);
    setResult(
      registration.status === 'registered'
        ? t('events.result.registered')
        : t('events.result.waitlisted', { position: registration.position ?? '' }),
    );
    stateLine?.focus();
  };

  const register = async () => {
    if (busy()) return;
    setError(null);
    setResult(null);
    if (event().registrationQuestions.length > 0) {
      setAsking(true);
      return;
    }
    setBusy(true);
    try {
      await takeSeat();
    } catch (failure) {
      setError(errorText(failure));
      await props.store.refresh().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    if (busy()) return;
    setBusy(true);
    setLeaveError(null);
    try {
      await props.store.unregister();
      await props.store.refresh().catch(() => undefined);
      setConfirming(false);
      setResult(t('events.result.left'));
    } catch (failure) {
      setLeaveError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const isFollowing = () => props.store.isFollowingSeries();
  const toggleFollow = async () => {
    if (!event().seriesId || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const following = await props.store.toggleSeries();
      setResult(t(following ? 'events.result.following' : 'events.result.unfollowed'));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const stateText = () => {
    const current = state();
    switch (current.kind) {
      case 'cancelled':
        return t('events.state.cancelled');
      case 'registered':
        return t('events.state.registered');
      case 'waitlisted':
        return current.position
          ? t('events.state.waitlisted', { position: current.position })
          : t('events.state.waitlistedNoRank');
      case 'ended':
        return t('events.state.ended');
      case 'closed':
        return t('events.state.closed');
      case 'full':
        return t('events.state.full');
      case 'open':
        return t('events.state.open');
    }
  };

  return (
    <section class="card registration" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('events.registration.heading')}</h2>
      {/* A cancelled event has no seats to count nor a visio to join: only its state is said. */}
      <Show when={!event().cancelledAt}>
        <SeatCounter detail={props.detail} />
      </Show>
      <p
        ref={stateLine}
        tabindex="-1"
        class={`registration__state registration__state--${state().kind}`}
        data-testid="registration-state"
      >
        {stateText()}
      </p>
      <StatusMessage message={result()} />
      <ErrorAlert message={error()} />
      <Show when={!event().cancelledAt && event().videoUrl}>
        {(url) => (
          <p class="registration__visio">
            <a href={url()} class="button button--primary" target="_blank" rel="noopener noreferrer">
              {t('events.visio.join')}
            </a>
            <span class="muted registration__visio-note">{t('events.visio.note')}</span>
          </p>
        )}
      </Show>
      <Switch>
        <Match when={!session.isSignedIn() && (state().kind === 'open' || state().kind === 'full')}>
          <p class="actions">
            <A
              href={`/connexion?retour=${encodeURIComponent(`/evenements/${event().id}`)}`}
              class="button button--primary"
            >
              {t('events.registration.signIn')}
            </A>
            <Show when={event().guestsAllowed && !asking()}>
              <button type="button" class="button button--secondary" onClick={() => setAsking(true)}>
                {t('guestForm.open')}
              </button>
            </Show>
          </p>
          <Show when={event().guestsAllowed && asking()}>
            <AnswersForm
              guest
              questions={event().registrationQuestions}
              submitLabel={t('guestForm.submit')}
              onSubmit={async (answers, contact) => {
                await props.store.registerAsGuest({ ...contact, answers });
                setAsking(false);
                setResult(t('guestForm.sent', { email: contact.email }));
                stateLine?.focus();
              }}
              onCancel={() => {
                setAsking(false);
                stateLine?.focus();
              }}
            />
          </Show>
        </Match>
        <Match when={asking() && (state().kind === 'open' || state().kind === 'full')}>
          <AnswersForm
            questions={event().registrationQuestions}
            submitLabel={t('registrationQuestions.confirm')}
            onSubmit={takeSeat}
            onCancel={() => {
              setAsking(false);
              stateLine?.focus();
            }}
          />
        </Match>
        <Match when={state().kind === 'open' || state().kind === 'full'}>
          <p class="actions">
            <button
              type="button"
              class="button button--primary"
              aria-disabled={busy() || undefined}
              onClick={() => void register()}
            >
              {t(state().kind === 'full' ? 'events.registration.joinWaitlist' : 'events.registration.register')}
            </button>
          </p>
        </Match>
        <Match when={canLeave(props.detail, props.now)}>
          <p class="actions">
            <button type="button" class="button button--secondary" onClick={() => setConfirming(true)}>
              {t(
                props.detail.myRegistration?.status === 'waitlisted'
                  ? 'events.registration.leaveWaitlist'
                  : 'events.registration.leave',
              )}
            </button>
          </p>
        </Match>
      </Switch>
      <Show when={props.detail.myRegistration?.answers}>
        {(answers) => (
          <details class="registration__mine">
            <summary>{t('registrationQuestions.mine')}</summary>
            <AnswersSummary answers={answers()} />
          </details>
        )}
      </Show>
      <Show when={!event().cancelledAt}>
        <div class="registration__calendar">
          <h3 class="registration__subheading">{t('events.calendar.heading')}</h3>
          <p class="actions">
            <a href={props.store.icsUrl()} class="button button--secondary" download="">
              {t('events.calendar.add')}
            </a>
            <Show when={event().seriesId}>
              {(seriesId) => (
                <a href={props.store.seriesIcsUrl(seriesId())} class="button button--secondary" download="">
                  {t('events.calendar.addSeries')}
                </a>
              )}
            </Show>
          </p>
          <Show when={event().seriesId && session.isSignedIn()}>
            <p class="actions">
              <button
                type="button"
                class="button button--secondary"
                aria-pressed={isFollowing()}
                aria-disabled={busy() || undefined}
                onClick={() => void toggleFollow()}
              >
                {t('events.series.follow')}
              </button>
              <span class="muted">{t(isFollowing() ? 'events.series.followingNote' : 'events.series.followNote')}</span>
            </p>
          </Show>
        </div>
      </Show>
      <ConfirmDialog
        open={confirming()}
        onOpenChange={(open) => {
          setConfirming(open);
          if (!open) setLeaveError(null);
        }}
        title={t('events.leave.title')}
        description={<p>{t('events.leave.text', { title: event().title })}</p>}
        confirmLabel={t('events.leave.confirm')}
        busyLabel={t('events.leave.busy')}
        cancelLabel={t('events.leave.keep')}
        busy={busy()}
        error={leaveError()}
        onConfirm={() => void leave()}
        focusAfterClose={() => stateLine}
      />
    </section>
  );
}
