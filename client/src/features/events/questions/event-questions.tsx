import type { EventDetail, Question } from '@atelier/contract';
import { createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { ErrorAlert, InfoNote } from '../../../ui/feedback';
import { session } from '../../accounts/session.store';
import { ConnectionIndicator, LiveAnnouncer, useAnnouncer } from '../../discussions/live';
import { AskForm } from './ask-form';
import { questionErrorText } from './question-errors';
import { QuestionItem } from './question-item';
import { t, tc } from './questions.i18n';
import { createQuestionsStore } from './questions.store';
import { splitQueue } from './questions-state';
import './questions.css';

const CLOCK_MS = 30_000;

/** "now", refreshed every half minute: the form closes by itself when the session ends. */
export function useNow() {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), CLOCK_MS);
  onCleanup(() => clearInterval(timer));
  return now;
}

/**
 * The questions and proposals of an event, for everyone who may view it, live. People registered
 * (a seat or the waitlist) and those who run the event ask and support questions until the
 * event ends; afterwards the list stays with each question's status.
 */
export function EventQuestions(props: { detail: EventDetail; onChange?: () => void }) {
  const event = () => props.detail.event;
  const now = useNow();
  const announcer = useAnnouncer();
  const me = () => session.user()?.id ?? null;
  const store = createQuestionsStore(() => event().id, {
    onCreated: (question) => {
      if (question.author.id !== me())
        announcer.say(t('questions.live.created', { name: question.author.displayName }), many);
    },
    onUpdated: (question, before) => {
      if (before?.status === question.status) return;
      if (question.status === 'current') announcer.say(t('questions.live.current', { body: question.body }), many);
      else if (question.status === 'answered')
        announcer.say(t('questions.live.answered', { body: question.body }), many);
      else if (question.status === 'transmitted' && question.transmittedTo)
        announcer.say(t('questions.live.transmitted', { space: question.transmittedTo.name }), many);
    },
  });
  const many = (count: number) => t('questions.live.many', { count });
  void store.load();

  const ended = () => now() > Date.parse(event().endsAt);
  const cancelled = () => event().cancelledAt !== null;
  const participant = () => props.detail.myRegistration !== null || event().canManage;
  const open = () => !ended() && !cancelled();
  // The same rule as the server's: registered people (seat or waitlist) and those who run the
  // event ask and vote until it ends.
  const canAsk = () => open() && participant();
  const queue = createMemo(() => splitQueue(store.items()));

  const [voting, setVoting] = createSignal<string | null>(null);
  const [voteError, setVoteError] = createSignal<string | null>(null);
  const [voteStatus, setVoteStatus] = createSignal('');
  const vote = async (question: Question) => {
    if (voting()) return;
    const giving = !question.voted;
    setVoting(question.id);
    setVoteError(null);
    try {
      await store.vote(question.id, giving);
      const counted = store.items().find((item) => item.id === question.id)?.votes ?? question.votes;
      setVoteStatus(tc(giving ? 'questions.vote.done' : 'questions.vote.withdrawn', counted));
    } catch (failure) {
      setVoteError(questionErrorText(failure));
    } finally {
      setVoting(null);
    }
  };

  // One supports the questions of others; one's own shows its count.
  const item = (question: Question, highlighted = false) => (
    <QuestionItem
      question={question}
      canVote={canAsk() && question.author.id !== me()}
      voting={voting() === question.id}
      onVote={() => void vote(question)}
      highlighted={highlighted}
    />
  );

  return (
    <section class="questions card" aria-labelledby="questions-title">
      <div class="questions__head">
        <h2 id="questions-title">{t('questions.title')}</h2>
        <ConnectionIndicator />
      </div>
      <p class="muted">{ended() ? t('questions.introPast') : t('questions.intro')}</p>

      <Switch>
        <Match when={cancelled()}>
          <InfoNote>
            <p>{t('questions.cancelled')}</p>
          </InfoNote>
        </Match>
        <Match when={ended()}>
          <InfoNote>
            <p>{t('questions.closed')}</p>
          </InfoNote>
        </Match>
        <Match when={canAsk()}>
          <AskForm onAsk={store.ask} />
        </Match>
        <Match when={!session.isSignedIn()}>
          <InfoNote>
            <p>{t('questions.signIn')}</p>
          </InfoNote>
        </Match>
        <Match when={!participant()}>
          <InfoNote>
            <p>{t('questions.notRegistered')}</p>
          </InfoNote>
        </Match>
      </Switch>

      <ErrorAlert message={voteError()} />
      <div role="status" class="visually-hidden">
        {voteStatus()}
      </div>

      <Switch>
        <Match when={store.status() === 'loading'}>
          <p role="status">{t('common.loading')}</p>
        </Match>
        <Match when={store.status() === 'error'}>
          <ErrorAlert message={t('questions.loadError')}>
            <button type="button" class="button button--secondary" onClick={() => void store.load()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        </Match>
        <Match when={store.items().length === 0}>
          <p>{canAsk() ? t('questions.emptyAsk') : t('questions.empty')}</p>
        </Match>
        <Match when={store.status() === 'ready'}>
          <Show when={queue().current}>
            {(current) => (
              <div class="questions__current">
                <h3 id="questions-current">{t('questions.current')}</h3>
                <ul class="questions__list" aria-labelledby="questions-current">
                  {item(current(), true)}
                </ul>
              </div>
            )}
          </Show>
          <Show when={queue().waiting.length > 0}>
            <h3 id="questions-waiting">
              {t('questions.waiting')} <span class="badge">{queue().waiting.length}</span>
            </h3>
            <ol class="questions__list" aria-labelledby="questions-waiting">
              <For each={queue().waiting}>{(question) => item(question)}</For>
            </ol>
          </Show>
          <Show when={queue().done.length > 0}>
            <h3 id="questions-done">
              {t('questions.done')} <span class="badge">{queue().done.length}</span>
            </h3>
            <ul class="questions__list" aria-labelledby="questions-done">
              <For each={queue().done}>{(question) => item(question)}</For>
            </ul>
          </Show>
        </Match>
      </Switch>
      <LiveAnnouncer announcer={announcer} />
    </section>
  );
}
