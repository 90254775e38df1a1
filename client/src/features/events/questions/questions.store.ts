import type { Question, QuestionStatus } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { createCatchUp, useRoom } from '../../../lib/socket';
import { questionsApi } from './questions.api';
import { markVoted, replaceQuestions, upsertQuestion } from './questions-state';

export interface QuestionsLiveHandlers {
  /** Someone else's question arrived, or one changed status: for the screen-reader announcer. */
  onCreated?(question: Question): void;
  onUpdated?(question: Question, before: Question | undefined): void;
}

/**
 * The questions of one event, live: read over HTTP, then kept current by the `question.created`
 * and `question.updated` events of room `event:<id>`. The socket helper replays what was missed
 * after a reconnect; when it cannot, or once the first subscription is acknowledged (covering
 * what happened between the HTTP read and the subscription), the list is read again.
 */
export function createQuestionsStore(eventId: () => string, handlers: QuestionsLiveHandlers = {}) {
  const [state, setState] = createStore<{ items: Question[] }>({ items: [] });
  const items = () => state.items;
  const setItems = (next: (current: Question[]) => Question[]) =>
    setState('items', reconcile(next(state.items), { key: 'id', merge: true }));
  const [status, setStatus] = createSignal<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = createSignal<unknown>(null);

  // Questions that arrive or change during a reload are applied again over its answer.
  const catchUp = createCatchUp();

  const load = async (quiet = false) => {
    if (!quiet) setStatus('loading');
    try {
      await catchUp.reload(
        () => questionsApi.list(eventId()),
        (fresh) => setItems((current) => replaceQuestions(current, fresh)),
      );
      setStatus('ready');
    } catch (failure) {
      setError(failure);
      if (!quiet) setStatus('error');
    }
  };

  const receive = (question: Question, own = false) => setItems((current) => upsertQuestion(current, question, own));

  useRoom(() => `event:${eventId()}`, {
    onSubscribed: () => void load(true),
    onResync: () => void load(true),
    on: {
      'question.created': ({ question }) => {
        const known = state.items.some((item) => item.id === question.id);
        catchUp.live(() => receive(question));
        if (!known) handlers.onCreated?.(question);
      },
      'question.updated': ({ question }) => {
        // A copy: the store's row changes in place when the event is applied.
        const known = state.items.find((item) => item.id === question.id);
        const before = known ? { ...known } : undefined;
        catchUp.live(() => receive(question));
        handlers.onUpdated?.(question, before);
      },
    },
  });

  const ask = async (body: string) => {
    const question = await questionsApi.ask(eventId(), body);
    receive(question, true);
    return question;
  };

  /**
   * Gives or takes back the caller's vote. Optimistic: shown at once, undone when the server
   * refuses. Voting twice keeps one vote; withdrawing without a vote changes nothing.
   */
  const vote = async (questionId: string, voted = true) => {
    setItems((current) => markVoted(current, questionId, voted));
    try {
      receive(await (voted ? questionsApi.vote(questionId) : questionsApi.withdrawVote(questionId)), true);
    } catch (failure) {
      setItems((current) => markVoted(current, questionId, !voted));
      throw failure;
    }
  };

  const setQuestionStatus = async (questionId: string, next: QuestionStatus, spaceId?: string) => {
    const question = await questionsApi.setStatus(questionId, next, spaceId);
    receive(question, true);
    return question;
  };

  return { items, status, error, load, ask, vote, setStatus: setQuestionStatus };
}
export type QuestionsStore = ReturnType<typeof createQuestionsStore>;
