import type { Question } from '@atelier/contract';
import { A } from '@solidjs/router';
import { type JSX, Match, Show, Switch } from 'solid-js';
import { formatDateTime } from '../../../lib/format';
import { contentLang, locale } from '../../../lib/i18n';
import { threadPath } from './links';
import { t, tc } from './questions.i18n';

/**
 * "En attente", "En cours", "Répondue" or « Transmise à X — voir la discussion », linking to the
 * space and to the thread there that quotes the question (when it has one).
 */
export function QuestionStatusBadge(props: { question: Question }) {
  return (
    <span class={`question__status question__status--${props.question.status}`}>
      <Switch fallback={t(`questions.status.${props.question.status}`)}>
        <Match when={props.question.status === 'transmitted' && props.question.transmittedTo}>
          {(space) => (
            <>
              {t('questions.transmittedTo')} <A href={`/espaces/${encodeURIComponent(space().slug)}`}>{space().name}</A>
              <Show when={space().threadId}>
                {(threadId) => (
                  <>
                    {' — '}
                    <A href={threadPath(space().slug, threadId())}>{t('questions.transmittedThread')}</A>
                  </>
                )}
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </span>
  );
}

/**
 * One question: its text, who asked and when, its status and its support. `canVote` shows the
 * vote button, a toggle (aria-pressed: pressing it again takes the vote back, the count in its
 * name); otherwise the count is plain text. `children` holds the animateur's buttons.
 */
export function QuestionItem(props: {
  question: Question;
  canVote: boolean;
  onVote?: () => void;
  voting?: boolean;
  highlighted?: boolean;
  children?: JSX.Element;
}) {
  const question = () => props.question;
  return (
    <li
      class="question"
      classList={{ 'question--current': props.highlighted, [`question--${question().status}`]: true }}
      data-question-id={question().id}
    >
      <p class="question__body" lang={contentLang()}>
        {question().body}
      </p>
      <p class="question__meta muted">
        {t('questions.by', { name: question().author.displayName })} ·{' '}
        <time datetime={question().createdAt}>{formatDateTime(question().createdAt, locale())}</time>
      </p>
      <div class="question__footer">
        <QuestionStatusBadge question={question()} />
        <Show
          when={props.canVote}
          fallback={<span class="question__votes">{tc('questions.votes', question().votes)}</span>}
        >
          {/* The name is the visible text ("Soutenir 3 soutiens"), the state is aria-pressed. */}
          <button
            type="button"
            class="button button--secondary question__vote"
            aria-pressed={question().voted ? 'true' : 'false'}
            disabled={props.voting}
            title={question().voted ? t('questions.vote.withdraw') : undefined}
            onClick={() => props.onVote?.()}
          >
            <span aria-hidden="true">{question().voted ? '✓' : '+'}</span> {t('questions.vote')}{' '}
            <span class="question__count">{question().votes}</span>
            <span class="visually-hidden"> {tc('questions.vote.unit', question().votes)}</span>
          </button>
        </Show>
      </div>
      <Show when={props.children}>
        <div class="question__tools actions">{props.children}</div>
      </Show>
    </li>
  );
}
