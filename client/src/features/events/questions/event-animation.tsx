import type { Event, EventDetail } from '@atelier/contract';
import { createSignal, Show } from 'solid-js';
import { AnimationQueue } from './animation-queue';
import { AttendancePanel } from './attendance-panel';
import { t } from './questions.i18n';
import { createQuestionsStore } from './questions.store';
import { FollowUpBlock, ReportBlock } from './report-panel';
import './questions.css';

/**
 * The animateur's tools for one event, shown only to those who manage it (the server checks
 * every call again): the live question queue, attendance, the compte rendu and a follow-up
 * thread.
 */
export function EventAnimation(props: { detail: EventDetail; onChange?: () => void }) {
  return (
    <Show when={props.detail.event.canManage}>
      <Animation detail={props.detail} {...(props.onChange ? { onChange: props.onChange } : {})} />
    </Show>
  );
}

function Animation(props: { detail: EventDetail; onChange?: () => void }) {
  const store = createQuestionsStore(() => props.detail.event.id);
  void store.load();
  // The event as the last action here returned it, until the page reads it again.
  const [changed, setChanged] = createSignal<Event | null>(null);
  const event = (): Event => {
    const fresh = props.detail.event;
    const local = changed();
    if (!local || local.id !== fresh.id) return fresh;
    return {
      ...fresh,
      reportDocumentId: fresh.reportDocumentId ?? local.reportDocumentId,
      followUpThreadId: fresh.followUpThreadId ?? local.followUpThreadId,
    };
  };
  const updated = (next: Event) => {
    setChanged(next);
    props.onChange?.();
  };

  return (
    <section class="animation card" aria-labelledby="animation-title">
      <h2 id="animation-title">{t('animation.title')}</h2>
      <p class="muted">{t('animation.intro')}</p>
      <AnimationQueue store={store} />
      <AttendancePanel eventId={props.detail.event.id} startsAt={props.detail.event.startsAt} />
      <ReportBlock event={event()} onPublished={updated} />
      <FollowUpBlock event={event()} onOpened={updated} />
    </section>
  );
}
