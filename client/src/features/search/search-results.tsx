import type { SearchResult } from '@atelier/contract';
import { For, Match, Show, Switch } from 'solid-js';
import { formatDate, formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { t } from './search.i18n';
import { resultTarget } from './search.store';
import { guardExcerpt } from './search-excerpt';

/** A new tab, another site: said in words to screen readers, by the arrow to everyone else. */
function ExternalIcon() {
  return (
    <svg class="search-result__external" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M6 3H3v10h10v-3M9 2h5v5M14 2 7 9" fill="none" stroke="currentColor" stroke-width="1.6" />
    </svg>
  );
}

function ResultTitle(props: { result: SearchResult }) {
  const target = () => resultTarget(props.result);
  return (
    <h3 class="search-result__title">
      <Switch
        fallback={
          // An address the client will not follow: the title stays, as text (still reachable by the arrows).
          <span class="search-result__link search-result__link--none" tabindex="-1" lang={contentLang()}>
            {props.result.title}
          </span>
        }
      >
        <Match when={target()?.kind === 'page' && target()}>
          {(link) => (
            <a class="search-result__link" href={link().href} lang={contentLang()}>
              {props.result.title}
            </a>
          )}
        </Match>
        <Match when={target()?.kind === 'download' && target()}>
          {(link) => (
            <a class="search-result__link" href={link().href} download="">
              <span lang={contentLang()}>{props.result.title}</span>
              <span class="visually-hidden"> {t('search.result.download')}</span>
            </a>
          )}
        </Match>
        <Match when={target()?.kind === 'external' && target()}>
          {(link) => (
            <a class="search-result__link" href={link().href} target="_blank" rel="noopener noreferrer">
              <span lang={contentLang()}>{props.result.title}</span>
              <ExternalIcon />
              <span class="visually-hidden"> {t('search.result.external')}</span>
            </a>
          )}
        </Match>
      </Switch>
    </h3>
  );
}

/**
 * One result: what it is, its title as the link, where it lives and when, and the words found
 * (marked). The excerpt is the only HTML, and only after `guardExcerpt`.
 */
function ResultItem(props: { result: SearchResult }) {
  const date = () =>
    props.result.type === 'event' ? formatDateTime(props.result.at, locale()) : formatDate(props.result.at, locale());
  return (
    <li class="search-result">
      <p class="search-result__type">{t(`search.type.${props.result.type}`)}</p>
      <ResultTitle result={props.result} />
      <p class="search-result__meta">
        <Show when={props.result.space}>
          {(space) => (
            <>
              <span lang={contentLang()}>{t('search.result.inSpace', { title: space().title })}</span>
              <span aria-hidden="true"> · </span>
            </>
          )}
        </Show>
        <time datetime={props.result.at}>{date()}</time>
      </p>
      <Show when={props.result.excerpt}>
        <p class="search-result__excerpt" lang={contentLang()} innerHTML={guardExcerpt(props.result.excerpt)} />
      </Show>
    </li>
  );
}

/** The focusable title of each result, in order. */
export const resultLinks = (list: HTMLElement | undefined) =>
  list ? [...list.querySelectorAll<HTMLElement>('.search-result__link')] : [];

/**
 * The results, an ordered list (rank matters). Tab goes through them as through any links;
 * ArrowDown / ArrowUp also move from one title to the next, and ArrowUp from the first goes
 * back to the search field (`onLeaveTop`).
 */
export function ResultList(props: {
  results: SearchResult[];
  busy: boolean;
  ref: (element: HTMLOListElement) => void;
  onLeaveTop: () => void;
}) {
  let list: HTMLOListElement | undefined;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const links = resultLinks(list);
    const index = links.findIndex((link) => link.contains(document.activeElement));
    if (index < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && index === 0) {
      props.onLeaveTop();
      return;
    }
    const next = event.key === 'ArrowDown' ? Math.min(index + 1, links.length - 1) : index - 1;
    links[next]?.focus();
  };
  return (
    <ol
      ref={(element) => {
        list = element;
        props.ref(element);
      }}
      class="search-results"
      aria-busy={props.busy || undefined}
      onKeyDown={onKeyDown}
    >
      <For each={props.results}>{(result) => <ResultItem result={result} />}</For>
    </ol>
  );
}
