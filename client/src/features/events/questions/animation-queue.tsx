import type { Question, QuestionStatus, SpaceSummary } from '@atelier/contract';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { errorText } from '../../../lib/form';
import { ErrorAlert, StatusMessage } from '../../../ui/feedback';
import { createSpaceChoices } from './animation.store';
import { QuestionItem } from './question-item';
import { t } from './questions.i18n';
import type { QuestionsStore } from './questions.store';
import { splitQueue } from './questions-state';
import { TransmitDialog } from './transmit-dialog';

/**
 * The animateur's live queue: take a question (it becomes the current one for everyone),
 * mark it answered, hand it to a chantier, or put it back. Every change reaches the other
 * screens through the event room.
 */
export function AnimationQueue(props: { store: QuestionsStore }) {
  const queue = createMemo(() => splitQueue(props.store.items()));
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  // The question being handed over (the dialog is open while it is set).
  const [transmitting, setTransmitting] = createSignal<Question | null>(null);
  let opener: HTMLElement | null = null;
  let heading: HTMLHeadingElement | undefined;
  // Read once, the first time the dialog opens (again after a failure).
  const choices = createSpaceChoices();
  const spaces = choices.spaces;

  const change = async (question: Question, status: QuestionStatus, space?: SpaceSummary) => {
    if (busy()) return;
    setBusy(question.id);
    setError(null);
    setDone(null);
    try {
      await props.store.setStatus(question.id, status, space?.id);
      if (space) setDone(t('animation.transmit.done', { space: space.title }));
    } finally {
      setBusy(null);
    }
  };
  // The question moves (to the top, or to « Traitées ») and its buttons with it: keep the
  // keyboard in the queue rather than dropped on the page.
  const keepFocus = () =>
    queueMicrotask(() => {
      if (!document.activeElement || document.activeElement === document.body) heading?.focus();
    });
  const act = (question: Question, status: QuestionStatus) => () =>
    void change(question, status)
      .then(keepFocus)
      .catch((failure: unknown) => setError(errorText(failure)));
  const openTransmit = (question: Question, button: HTMLElement) => {
    opener = button;
    choices.want();
    setTransmitting(question);
  };

  const Tools = (toolProps: { question: Question }) => {
    const question = () => toolProps.question;
    const isBusy = () => busy() === question().id;
    return (
      <>
        <Show when={question().status === 'open'}>
          <ActionButton label={t('animation.take')} busy={isBusy()} onClick={act(question(), 'current')} />
        </Show>
        <Show when={question().status === 'open' || question().status === 'current'}>
          <ActionButton label={t('animation.answered')} busy={isBusy()} onClick={act(question(), 'answered')} />
          <button
            type="button"
            class="button button--secondary"
            aria-haspopup="dialog"
            onClick={(event) => openTransmit(question(), event.currentTarget)}
          >
            {t('animation.transmit')}
          </button>
        </Show>
        <Show when={question().status !== 'open'}>
          <ActionButton label={t('animation.reopen')} busy={isBusy()} onClick={act(question(), 'open')} />
        </Show>
      </>
    );
  };

  return (
    <section class="animation__block" aria-labelledby="animation-queue">
      <h3 id="animation-queue" tabIndex={-1} ref={heading}>
        {t('animation.queue')}
      </h3>
      <ErrorAlert message={error()} />
      <StatusMessage message={done()} />
      <Show
        when={queue().current || queue().waiting.length > 0}
        fallback={<p class="muted">{t('animation.queue.empty')}</p>}
      >
        <ol class="questions__list" aria-labelledby="animation-queue">
          <Show when={queue().current}>
            {(current) => (
              <QuestionItem question={current()} canVote={false} highlighted>
                <Tools question={current()} />
              </QuestionItem>
            )}
          </Show>
          <For each={queue().waiting}>
            {(question) => (
              <QuestionItem question={question} canVote={false}>
                <Tools question={question} />
              </QuestionItem>
            )}
          </For>
        </ol>
      </Show>
      <h4 id="animation-done">{t('questions.done')}</h4>
      <Show when={queue().done.length > 0} fallback={<p class="muted">{t('animation.done.empty')}</p>}>
        <ul class="questions__list" aria-labelledby="animation-done">
          <For each={queue().done}>
            {(question) => (
              <QuestionItem question={question} canVote={false}>
                <Tools question={question} />
              </QuestionItem>
            )}
          </For>
        </ul>
      </Show>
      <TransmitDialog
        question={transmitting()}
        onClose={() => setTransmitting(null)}
        spaces={() => (spaces.error ? undefined : spaces())}
        spacesError={spaces.error ? errorText(spaces.error) : null}
        onTransmit={(question, space) => change(question, 'transmitted', space)}
        // Back on the button that opened it; once the question has moved on, on the queue's heading.
        focusAfterClose={() => (opener?.isConnected ? opener : heading)}
      />
    </section>
  );
}

/** A button that keeps focus while its request runs (aria-disabled, not disabled). */
function ActionButton(props: { label: string; busy: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class="button button--secondary"
      aria-disabled={props.busy || undefined}
      aria-busy={props.busy || undefined}
      onClick={() => {
        if (!props.busy) props.onClick();
      }}
    >
      {props.label}
    </button>
  );
}
