import type { ModerationDecision, ModerationItem, ModerationQueue as Queue } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { ErrorAlert, StatusMessage } from '../../ui/feedback';
import { TextInput } from '../../ui/text-field';
import { moderationApi } from './moderation.api';
import { type MessageKey, t, tc } from './moderation.i18n';
import './moderation.css';

const DECISIONS: ModerationDecision[] = ['keep', 'hide', 'delete'];

function QueueItem(props: {
  item: ModerationItem;
  onDecided: (item: ModerationItem, decision: ModerationDecision) => void;
}) {
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal<ModerationDecision | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const headingId = () => `moderation-${props.item.targetId}`;
  const decide = async (decision: ModerationDecision) => {
    if (busy()) return;
    setBusy(decision);
    setError(null);
    try {
      const text = note().trim();
      await moderationApi.decide(props.item.flagId, { decision, ...(text ? { note: text } : {}) });
      props.onDecided(props.item, decision);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };
  const decisions = () => DECISIONS.filter((decision) => decision !== 'hide' || props.item.targetType === 'post');
  // Site pages open in the app; a file opens its download.
  const internal = () => !props.item.url.startsWith('/api/');

  return (
    <li class="moderation-item" aria-labelledby={headingId()}>
      <h3 class="moderation-item__title" id={headingId()}>
        {t(`queue.type.${props.item.targetType}` as MessageKey)} — {props.item.title}
      </h3>
      <p class="moderation-item__meta muted">
        {tc('queue.count', props.item.count)}
        <Show when={props.item.author}>{(author) => <> · {t('queue.by', { name: author().displayName })}</>}</Show>
        <Show when={props.item.space}>{(space) => <> · {t('queue.in', { space: space().title })}</>}</Show>
        {' · '}
        <time datetime={props.item.firstFlaggedAt}>{formatDateTime(props.item.firstFlaggedAt, locale())}</time>
      </p>
      <Show when={props.item.hidden}>
        <p class="notice notice--info">{t('queue.hidden')}</p>
      </Show>
      <Show when={props.item.excerpt}>
        <blockquote class="moderation-item__excerpt">{props.item.excerpt}</blockquote>
      </Show>
      {/* A private message has no page the moderators may open: its excerpt is all they see. */}
      <Show when={props.item.url}>
        <p>
          <Show when={internal()} fallback={<a href={props.item.url}>{t('queue.open')}</a>}>
            <A href={props.item.url}>{t('queue.open')}</A>
          </Show>
        </p>
      </Show>
      <ul class="moderation-item__flags" aria-label={t('queue.reasons')}>
        <For each={props.item.flags}>
          {(flag) => (
            <li>
              {t(`flag.reason.${flag.reason}` as MessageKey)}
              <Show when={flag.note}>{(text) => <> : {t('queue.flagNote', { note: text() })}</>}</Show>
            </li>
          )}
        </For>
      </ul>
      <fieldset class="moderation-item__decisions">
        <legend class="visually-hidden">{t('queue.decisions')}</legend>
        <TextInput
          label={t('queue.note')}
          name={`note-${props.item.flagId}`}
          value={note()}
          onInput={setNote}
          multiline
          rows={2}
          maxLength={1000}
        />
        <ErrorAlert message={error()} />
        <p class="actions">
          <For each={decisions()}>
            {(decision) => (
              <button
                type="button"
                class={`button ${decision === 'keep' ? 'button--secondary' : 'button--primary'}`}
                aria-disabled={busy() !== null || undefined}
                aria-busy={busy() === decision || undefined}
                aria-describedby={headingId()}
                onClick={() => void decide(decision)}
              >
                <Show when={busy() === decision} fallback={t(`queue.${decision}` as MessageKey)}>
                  <span class="spinner" aria-hidden="true" />
                  {t('queue.busy')}
                </Show>
              </button>
            )}
          </For>
        </p>
      </fieldset>
    </li>
  );
}

/**
 * A moderation queue: what was flagged, grouped per thing, with its flags and the three
 * decisions. A decided item leaves the list; a polite message says what was done.
 */
export function ModerationQueueView(props: { load: () => Promise<Queue>; intro: string }) {
  const [queue, { mutate }] = createResource(props.load);
  const [status, setStatus] = createSignal<string | null>(null);
  const decided = (item: ModerationItem, decision: ModerationDecision) => {
    mutate((current) => current && { items: current.items.filter((entry) => entry.flagId !== item.flagId) });
    setStatus(t(`queue.decided.${decision}` as MessageKey));
  };
  return (
    <section class="moderation" aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{t('queue.heading')}</h2>
      <p>{props.intro}</p>
      <StatusMessage message={status()} />
      <Show when={!queue.error} fallback={<ErrorAlert message={errorText(queue.error)} />}>
        <Show when={queue()} fallback={<p role="status">{t('queue.loading')}</p>}>
          {(loaded) => (
            <Show when={loaded().items.length > 0} fallback={<p>{t('queue.empty')}</p>}>
              <ul class="moderation-queue">
                <For each={loaded().items}>{(item) => <QueueItem item={item} onDecided={decided} />}</For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}

/** The « Modération » tab of a space (its animateur·ices and admins). */
export function SpaceModeration(props: { slug: string }) {
  return <ModerationQueueView load={() => moderationApi.spaceQueue(props.slug)} intro={t('queue.intro')} />;
}
