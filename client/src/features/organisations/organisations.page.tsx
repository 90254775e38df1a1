import { ORGANISATION_KINDS, type OrganisationKind } from '@atelier/contract';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { createPagedList } from '../../lib/paged-list';
import { PageHeading } from '../../ui/page-heading';
import { notify } from '../../ui/toaster';
import { session } from '../accounts/session.store';
import { shortKind } from '../directory/directory-cards';
import { OrganisationForm } from './organisation.form';
import { createBody, emptyDraft, type OrganisationDraft } from './organisation-draft';
import { type OrganisationFilters, organisationsApi } from './organisations.api';
import { t, tc } from './organisations.i18n';
import '../../ui/fields.css';
import './organisations.css';

const param = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/**
 * « Ajouter une organisation », for admins: a disclosure opening the organisation form in
 * place; once created, its page opens (where its logo can be added).
 */
function NewOrganisation() {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  const close = () => {
    setOpen(false);
    button?.focus();
  };
  const create = async (draft: OrganisationDraft) => {
    const { organisation } = await organisationsApi.create(createBody(draft));
    notify(t('organisation.form.created', { name: organisation.name }));
    navigate(`/allie-es/${organisation.slug}`);
  };
  return (
    <div class="allies__new">
      <button
        ref={button}
        type="button"
        class="button button--primary"
        aria-expanded={open()}
        aria-controls={open() ? 'allies-new' : undefined}
        onClick={() => setOpen(!open())}
      >
        {t('organisations.add')}
      </button>
      <Show when={open()}>
        <NewOrganisationForm onCreate={create} onCancel={close} />
      </Show>
    </div>
  );
}

function NewOrganisationForm(props: { onCreate: (draft: OrganisationDraft) => Promise<void>; onCancel: () => void }) {
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  return (
    <section id="allies-new" class="allies__new-form" aria-labelledby="allies-new-heading">
      <h2 id="allies-new-heading" ref={heading} tabindex="-1">
        {t('organisations.add')}
      </h2>
      <OrganisationForm
        initial={emptyDraft()}
        submitLabel={t('organisation.form.create')}
        busyLabel={t('organisation.form.creating')}
        onSubmit={props.onCreate}
        onCancel={props.onCancel}
      />
    </section>
  );
}

/**
 * `/allie-es`: the alliance's organisations, for everyone. The filters live in the address (a
 * filtered list can be shared, Back undoes a filter); « Rechercher » applies them at once, and
 * each kind in the list says how many organisations choosing it gives.
 */
export default function OrganisationsPage() {
  const [params, setParams] = useSearchParams();
  const applied = (): OrganisationFilters => ({
    q: param(params.q),
    kind: param(params.kind),
    territory: param(params.territory),
    theme: param(params.theme),
  });
  const { first, refetch, items, nextCursor, showMore, loadingMore, moreError } = createPagedList(
    applied,
    organisationsApi.list,
    '.ally-card__name a',
  );

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setParams({
      q: String(data.get('q') ?? '').trim() || undefined,
      kind: String(data.get('kind') ?? '') || undefined,
      territory: String(data.get('territory') ?? '').trim() || undefined,
      theme: String(data.get('theme') ?? '').trim() || undefined,
    });
  };
  const reset = () => setParams({ q: undefined, kind: undefined, territory: undefined, theme: undefined });
  const kindCount = (kind: OrganisationKind) => first.latest?.kinds.find((entry) => entry.kind === kind)?.count ?? 0;
  const allKinds = () => (first.latest?.kinds ?? []).reduce((sum, entry) => sum + entry.count, 0);

  return (
    <div class="page page--wide allies">
      <PageHeading title={t('organisations.title')}>{t('organisations.title')}</PageHeading>
      <p class="lead">{t('organisations.lead')}</p>
      <Show when={session.user()?.role === 'admin'}>
        <NewOrganisation />
      </Show>

      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every screen reader the members use; <search> is too recent. */}
      <form class="form form--inset allies__filters" role="search" aria-labelledby="allies-filters" onSubmit={apply}>
        <h2 id="allies-filters" class="allies__filters-title">
          {t('organisations.filters.heading')}
        </h2>
        <div class="field">
          <label class="field__label" for="allies-q">
            {t('organisations.filters.q')}
          </label>
          <input id="allies-q" name="q" type="search" class="field__input" maxLength={200} value={applied().q} />
        </div>
        <div class="field">
          <label class="field__label" for="allies-kind">
            {t('organisations.filters.kind')}
          </label>
          <select id="allies-kind" name="kind" class="field__input field__select">
            <option value="" selected={applied().kind === ''}>
              {t('organisations.filters.anyKind', { count: allKinds() })}
            </option>
            <For each={Object.keys(ORGANISATION_KINDS) as OrganisationKind[]}>
              {(kind) => (
                <option value={kind} selected={applied().kind === kind}>
                  {t('organisations.filters.kindCount', { label: shortKind(kind), count: kindCount(kind) })}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="allies-territory">
            {t('organisations.filters.territory')}
          </label>
          <span class="field__hint" id="allies-territory-hint">
            {t('organisations.filters.territory.hint')}
          </span>
          <input
            id="allies-territory"
            name="territory"
            class="field__input"
            maxLength={160}
            aria-describedby="allies-territory-hint"
            value={applied().territory}
          />
        </div>
        <div class="field">
          <label class="field__label" for="allies-theme">
            {t('organisations.filters.theme')}
          </label>
          <span class="field__hint" id="allies-theme-hint">
            {t('organisations.filters.theme.hint')}
          </span>
          <input
            id="allies-theme"
            name="theme"
            class="field__input"
            maxLength={60}
            aria-describedby="allies-theme-hint"
            value={applied().theme}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary">
            {t('organisations.filters.submit')}
          </button>
          <button type="button" class="button button--secondary" onClick={reset}>
            {t('organisations.filters.reset')}
          </button>
        </div>
      </form>

      <section class="allies__results" aria-labelledby="allies-count">
        <Show
          when={!first.error}
          fallback={
            <div class="notice notice--error" role="alert">
              <p>
                {t('organisations.error')} {errorText(first.error)}
              </p>
              <button type="button" class="button button--secondary" onClick={() => void refetch()}>
                {t('common.retry')}
              </button>
            </div>
          }
        >
          <h2 id="allies-count" class="allies__count" role="status">
            {first.latest ? tc('organisations.count', first.latest.total) : t('common.loading')}
          </h2>
          <Show when={first.latest && first.latest.total === 0}>
            <p class="muted">{t('organisations.empty')}</p>
          </Show>
          <ul class="allies__list">
            <For each={items()}>
              {(organisation) => (
                <li class="ally-card">
                  {/* Decorative: the name beside it says whose logo it is. */}
                  <Show when={organisation.logoUrl}>
                    {(url) => (
                      <img class="ally-card__logo" src={url()} alt="" width="256" height="256" loading="lazy" />
                    )}
                  </Show>
                  <h3 class="ally-card__name">
                    <A href={`/allie-es/${organisation.slug}`}>{organisation.name}</A>
                  </h3>
                  <p class="ally-card__facts">
                    {[shortKind(organisation.kind), organisation.territory].filter(Boolean).join(' · ')}
                  </p>
                  <Show when={organisation.themes.length > 0}>
                    <p class="ally-card__themes">{organisation.themes.join(' · ')}</p>
                  </Show>
                  <Show when={organisation.memberCount > 0}>
                    <p class="ally-card__members">{tc('organisations.members', organisation.memberCount)}</p>
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
              {t('organisations.more')}
            </button>
          </Show>
        </Show>
      </section>
    </div>
  );
}
