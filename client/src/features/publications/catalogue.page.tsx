import { PUBLICATION_KINDS, type PublicationKind } from '@atelier/contract';
import { A, useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { createPagedList } from '../../lib/paged-list';
import { PageHeading } from '../../ui/page-heading';
import { publicationsApi } from './publications.api';
import { t, tc } from './publications.i18n';
import { kindLabel } from './publish-form';
import '../../ui/fields.css';
import './publications.css';

const param = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/**
 * `/ressources`: the commons, for everyone. Words, genre and theme live in the address (a
 * search can be shared, Back undoes it); each resource says where it comes from.
 */
export default function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const applied = () => ({ q: param(params.q), kind: param(params.kind), theme: param(params.theme) });
  const { first, refetch, items, nextCursor, showMore, loadingMore, moreError } = createPagedList(
    applied,
    publicationsApi.list,
    '.resource-card__title a',
  );
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const read = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    setParams({ q: read('q'), kind: read('kind'), theme: read('theme') });
  };

  return (
    <div class="page page--wide commons">
      <PageHeading title={t('publications.title')}>{t('publications.title')}</PageHeading>
      <p class="lead">{t('publications.lead')}</p>

      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every screen reader the members use; <search> is too recent. */}
      <form class="form form--inset commons__filters" role="search" aria-labelledby="commons-filters" onSubmit={apply}>
        <h2 id="commons-filters" class="commons__filters-title">
          {t('publications.filters.heading')}
        </h2>
        <div class="field">
          <label class="field__label" for="commons-q">
            {t('publications.filters.q')}
          </label>
          <input id="commons-q" name="q" type="search" class="field__input" maxLength={200} value={applied().q} />
        </div>
        <div class="field">
          <label class="field__label" for="commons-kind">
            {t('publications.filters.kind')}
          </label>
          <select id="commons-kind" name="kind" class="field__input field__select">
            <option value="" selected={applied().kind === ''}>
              {t('publications.filters.anyKind')}
            </option>
            <For each={Object.keys(PUBLICATION_KINDS) as PublicationKind[]}>
              {(kind) => (
                <option value={kind} selected={applied().kind === kind}>
                  {kindLabel(kind)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="commons-theme">
            {t('publications.filters.theme')}
          </label>
          <span class="field__hint" id="commons-theme-hint">
            {t('publications.filters.theme.hint')}
          </span>
          <input
            id="commons-theme"
            name="theme"
            class="field__input"
            maxLength={80}
            aria-describedby="commons-theme-hint"
            value={applied().theme}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">
            {t('publications.filters.submit')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => setParams({ q: undefined, kind: undefined, theme: undefined })}
          >
            {t('publications.filters.reset')}
          </button>
        </div>
      </form>

      <Show
        when={!first.error}
        fallback={
          <div class="notice notice--error" role="alert">
            <p>
              {t('publications.error')} {errorText(first.error)}
            </p>
            <button type="button" class="button button--secondary" onClick={() => void refetch()}>
              {t('common.retry')}
            </button>
          </div>
        }
      >
        <h2 class="commons__count" role="status">
          {first.latest ? tc('publications.count', first.latest.total) : t('common.loading')}
        </h2>
        <Show when={first.latest?.total === 0}>
          <p class="muted">{t('publications.empty')}</p>
        </Show>
        <ul class="commons__list">
          <For each={items()}>
            {(item) => (
              <li class="resource-card">
                <p class="resource-card__kind">{kindLabel(item.kind)}</p>
                <h3 class="resource-card__title">
                  <A href={`/ressources/${item.id}`}>{item.title}</A>
                </h3>
                <Show when={item.summary}>
                  <p class="resource-card__summary">{item.summary}</p>
                </Show>
                <Show when={item.themes.length > 0}>
                  <p class="resource-card__themes">{item.themes.join(' · ')}</p>
                </Show>
                <Show when={item.space}>
                  {(space) => (
                    <p class="muted">
                      {t('publications.from')} <A href={`/espaces/${space().slug}`}>{space().title}</A>
                    </p>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={moreError()}>
          {(message) => (
            <p class="notice notice--error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <Show when={nextCursor()}>
          <button type="button" class="button button--secondary" disabled={loadingMore()} onClick={showMore}>
            {t('publications.more')}
          </button>
        </Show>
      </Show>
    </div>
  );
}
