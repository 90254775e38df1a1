import { FANTASTIC_ROLES, type FantasticRole, ORGANISATION_KINDS, type OrganisationKind } from '@atelier/contract';
import { type Accessor, createEffect, createSignal, createUniqueId, on } from 'solid-js';
import { createStore } from 'solid-js/store';
import { SelectField } from '../../ui/select-field';
import { TextInput } from '../../ui/text-field';
import { t, tc } from './directory.i18n';
import { activeFilterCount, EMPTY_FILTERS, FILTER_MAX, type FilterDraft } from './directory.store';

/**
 * The filters as a search form: nothing is fetched while people type; "Rechercher" applies
 * them all at once (one request, one announcement of the results), which also suits slow
 * connections and screen readers. On a phone the form would fill the first screen, so it
 * folds behind a button there (CSS decides, by width); beside the results it is always open.
 */
export function DirectoryFilters(props: { applied: Accessor<FilterDraft>; onApply: (filters: FilterDraft) => void }) {
  const [draft, setDraft] = createStore<FilterDraft>({ ...props.applied() });
  const [open, setOpen] = createSignal(false);
  const formId = createUniqueId();
  const active = () => activeFilterCount(props.applied());
  // Back and Forward change the applied filters: the form follows.
  createEffect(on(props.applied, (applied) => setDraft({ ...applied }), { defer: true }));

  const kinds = () => [
    { value: '', label: t('directory.filters.anyKind') },
    ...(Object.entries(ORGANISATION_KINDS) as [OrganisationKind, string][]).map(([value, label]) => ({ value, label })),
  ];
  const roles = () => [
    { value: '', label: t('directory.filters.anyRole') },
    ...(Object.entries(FANTASTIC_ROLES) as [FantasticRole, { label: string; nickname: string }][]).map(
      ([value, role]) => ({ value, label: t('directory.role', { label: role.label, nickname: role.nickname }) }),
    ),
  ];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onApply({ ...draft });
  };

  return (
    <div class="directory-filters-box">
      <button
        type="button"
        class="button button--secondary directory-filters__toggle"
        aria-expanded={open()}
        aria-controls={formId}
        onClick={() => setOpen(!open())}
      >
        {open() ? t('directory.filters.hide') : t('directory.filters.show')}
        {active() > 0 ? ` (${tc('directory.filters.active', active())})` : ''}
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too recent for the browsers and screen readers some members use; role="search" on the form is understood everywhere. */}
      <form
        id={formId}
        class="form form--inset directory-filters"
        data-collapsed={open() ? undefined : ''}
        role="search"
        aria-labelledby="directory-filters-title"
        onSubmit={submit}
      >
        <h2 id="directory-filters-title" class="directory-filters__title">
          {t('directory.filters.heading')}
        </h2>
        <TextInput
          label={t('directory.filters.q')}
          name="q"
          type="search"
          value={draft.q}
          onInput={(value) => setDraft('q', value)}
          hint={t('directory.filters.q.hint')}
          maxLength={FILTER_MAX.q}
        />
        <TextInput
          label={t('directory.filters.theme')}
          name="theme"
          value={draft.theme}
          onInput={(value) => setDraft('theme', value)}
          hint={t('directory.filters.theme.hint')}
          maxLength={FILTER_MAX.theme}
        />
        <TextInput
          label={t('directory.filters.territory')}
          name="territory"
          value={draft.territory}
          onInput={(value) => setDraft('territory', value)}
          hint={t('directory.filters.territory.hint')}
          maxLength={FILTER_MAX.territory}
        />
        <SelectField
          label={t('directory.filters.organisationKind')}
          name="organisationKind"
          value={draft.organisationKind}
          options={kinds()}
          onChange={(value) => setDraft('organisationKind', value as OrganisationKind | '')}
        />
        <SelectField
          label={t('directory.filters.fantasticRole')}
          name="fantasticRole"
          value={draft.fantasticRole}
          options={roles()}
          onChange={(value) => setDraft('fantasticRole', value as FantasticRole | '')}
          hint={t('directory.filters.fantasticRole.hint')}
        />
        <div class="actions">
          <button type="submit" class="button button--primary">
            {t('directory.filters.submit')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setDraft({ ...EMPTY_FILTERS });
              props.onApply({ ...EMPTY_FILTERS });
            }}
          >
            {t('directory.filters.reset')}
          </button>
        </div>
      </form>
    </div>
  );
}
