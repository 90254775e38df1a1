import { For, type JSX, Show } from 'solid-js';
import { contentLang } from '../../lib/i18n';
import { ErrorAlert } from '../../ui/feedback';
import { t } from './search.i18n';
import { INPUT_PROBLEMS, type SearchProblem } from './search.store';
import { type SearchRequest, searchHref } from './search-url';

/** A translated sentence with `{name}` slots filled by elements (examples to type, a key). */
function Sentence(props: { text: string; parts: Record<string, JSX.Element> }) {
  const pieces = () => props.text.split(/\{(\w+)\}/);
  // split() with a capture group alternates text and slot names: odd indexes are names.
  return <For each={pieces()}>{(piece, index) => (index() % 2 === 1 ? (props.parts[piece] ?? piece) : piece)}</For>;
}

/** Something to type, as typed (French whatever the interface's language). */
const Example = (props: { children: string }) => (
  <code class="search-note__example" lang={contentLang()}>
    {props.children}
  </code>
);

/** Before the first search: what can be typed. */
export function SearchHelp() {
  return (
    <section class="search-note" aria-labelledby="search-help-title">
      <h2 id="search-help-title">{t('search.help.heading')}</h2>
      <p>{t('search.help.intro')}</p>
      <ul>
        <li>{t('search.help.words')}</li>
        <li>
          <Sentence
            text={t('search.help.phrase')}
            parts={{ example: <Example>{t('search.help.phrase.example')}</Example> }}
          />
        </li>
        <li>
          <Sentence
            text={t('search.help.exclude')}
            parts={{ example: <Example>{t('search.help.exclude.example')}</Example> }}
          />
        </li>
        <li>
          <Sentence
            text={t('search.help.accents')}
            parts={{
              a: <Example>{t('search.help.accents.a')}</Example>,
              b: <Example>{t('search.help.accents.b')}</Example>,
            }}
          />
        </li>
        <li>
          <Sentence
            text={t('search.help.acronyms')}
            parts={{ example: <Example>{t('search.help.acronyms.example')}</Example> }}
          />
        </li>
        <li>
          <Sentence text={t('search.help.shortcut')} parts={{ key: <kbd class="search-note__key">/</kbd> }} />
        </li>
      </ul>
    </section>
  );
}

/** Nothing found (the status line says so): what to try, the filters' removal as links that do it. */
export function NoResults(props: { request: SearchRequest }) {
  return (
    <section class="search-note" aria-labelledby="search-empty-title">
      <h2 id="search-empty-title">{t('search.empty.heading')}</h2>
      <ul>
        <li>{t('search.empty.spelling')}</li>
        <li>{t('search.empty.fewer')}</li>
        <Show when={props.request.type}>
          <li>
            <a href={searchHref({ ...props.request, type: null })}>{t('search.empty.allTypes')}</a>
          </li>
        </Show>
        <Show when={props.request.space}>
          <li>
            <a href={searchHref({ ...props.request, space: null })}>{t('search.empty.everywhere')}</a>
          </li>
        </Show>
      </ul>
    </section>
  );
}

/**
 * Why there are no results to show. A query to fix is said once, with the field; a failure of
 * the network or the server comes with « Réessayer ». Either way an alert: it replaces what the
 * reader was waiting for.
 */
export function SearchProblemNotice(props: {
  id: string;
  problem: SearchProblem;
  request: SearchRequest;
  /** The next page failed, the results shown so far stay. */
  more: boolean;
  onRetry: () => void;
}) {
  const input = () => INPUT_PROBLEMS.includes(props.problem);
  const message = () =>
    props.more && !input()
      ? `${t('search.problem.more')} ${t(`search.problem.${props.problem}`)}`
      : t(`search.problem.${props.problem}`);
  return (
    <div id={props.id} class="search__problem">
      <ErrorAlert message={message()}>
        <Show when={props.problem === 'spaceNotFound' || props.problem === 'badSpace'}>
          <p>
            <a href={searchHref({ ...props.request, space: null })}>{t('search.everywhere')}</a>
          </p>
        </Show>
        <Show when={!input()}>
          <button type="button" class="button button--secondary" onClick={() => props.onRetry()}>
            {t('common.retry')}
          </button>
        </Show>
      </ErrorAlert>
    </div>
  );
}
