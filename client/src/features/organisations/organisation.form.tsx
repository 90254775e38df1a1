import { ORGANISATION_KINDS, type OrganisationKind } from '@atelier/contract';
import { Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm, errorText, type FieldErrors } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { NativeField } from '../../ui/native-field';
import { SelectField } from '../../ui/select-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { checkDraft, type DraftProblem, type OrganisationDraft, type OrganisationField } from './organisation-draft';
import { t } from './organisations.i18n';

const PROBLEM_MESSAGES = {
  nameMissing: 'organisation.form.name.missing',
  nameTooLong: 'organisation.form.name.tooLong',
  sirenInvalid: 'organisation.form.siren.invalid',
  websiteInvalid: 'organisation.form.website.invalid',
  territoryCodeMissing: 'organisation.form.territoryCode.missing',
  themeTooLong: 'organisation.form.themes.invalid',
} as const satisfies Record<DraftProblem, string>;

/** The server's refusal of a field (400 `invalid_input`), said in the reader's language. */
const FIELD_MESSAGES: Record<OrganisationField, () => string> = {
  name: () => t('organisation.form.name.invalid'),
  kind: () => t('organisation.form.kind.invalid'),
  siren: () => t('organisation.form.siren.invalid'),
  territory: () => t('organisation.form.territory.invalid'),
  territoryLevel: () => t('organisation.form.territoryCode.invalid'),
  territoryCode: () => t('organisation.form.territoryCode.invalid'),
  themes: () => t('organisation.form.themes.invalid'),
  website: () => t('organisation.form.website.invalid'),
  presentation: () => t('organisation.form.presentation.invalid'),
  charterJoinedOn: () => t('organisation.form.charter.invalid'),
};

const KINDS = Object.entries(ORGANISATION_KINDS).map(([value, label]) => ({ value, label }));

const TERRITORY_LEVELS = (['', 'commune', 'epci', 'departement', 'region'] as const).map((value) => ({
  value,
  label: t(value ? `organisation.form.territoryLevel.${value}` : 'organisation.form.territoryLevel.none'),
}));

/**
 * An organisation's fields, for creating one (admins, on the allies list) and for editing one
 * (admins and referents, on its page). The browser checks what it can; the server's refusals
 * land on their field — a 400 on the field it names, a 409 on the name or SIREN already used.
 */
export function OrganisationForm(props: {
  initial: OrganisationDraft;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (draft: OrganisationDraft) => Promise<void>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = createStore<OrganisationDraft>({ ...props.initial });
  const form = createForm<OrganisationField>({
    fieldMessages: FIELD_MESSAGES,
    onError: (error) => {
      if (error.code !== 'conflict') return undefined;
      const fields: FieldErrors<OrganisationField> = {};
      if (error.details.name) fields.name = t('organisation.form.name.taken');
      if (error.details.siren) fields.siren = t('organisation.form.siren.taken');
      return { fields, message: errorText(error) };
    },
  });
  const set =
    <K extends OrganisationField>(key: K) =>
    (value: OrganisationDraft[K]) => {
      form.clearError(key);
      setDraft(key, value);
    };
  const validate = (): FieldErrors<OrganisationField> =>
    Object.fromEntries(
      Object.entries(checkDraft(draft)).map(([field, problem]) => [field, t(PROBLEM_MESSAGES[problem])]),
    );
  const submit = form.handleSubmit(validate, () => props.onSubmit({ ...draft }));

  return (
    <form class="form organisation-form" novalidate onSubmit={submit}>
      <p class="muted">{t('common.requiredNote')}</p>
      <ErrorAlert message={form.formError()} />
      <TextInput
        label={t('organisation.form.name')}
        name="name"
        required
        maxLength={160}
        value={draft.name}
        onInput={set('name')}
        error={form.error('name')}
      />
      <SelectField
        label={t('organisation.form.kind')}
        name="kind"
        required
        value={draft.kind}
        options={KINDS}
        onChange={(value) => set('kind')(value as OrganisationKind)}
        error={form.error('kind')}
      />
      <TextInput
        label={t('organisation.form.siren')}
        name="siren"
        inputMode="numeric"
        maxLength={11}
        value={draft.siren}
        onInput={set('siren')}
        hint={t('organisation.form.siren.hint')}
        error={form.error('siren')}
      />
      <TextInput
        label={t('organisation.form.territory')}
        name="territory"
        maxLength={160}
        value={draft.territory}
        onInput={set('territory')}
        hint={t('organisation.form.territory.hint')}
        error={form.error('territory')}
      />
      <SelectField
        label={t('organisation.form.territoryLevel')}
        name="territoryLevel"
        value={draft.territoryLevel}
        options={TERRITORY_LEVELS}
        onChange={(value) => set('territoryLevel')(value as OrganisationDraft['territoryLevel'])}
        error={form.error('territoryLevel')}
      />
      <Show when={draft.territoryLevel}>
        <TextInput
          label={t('organisation.form.territoryCode')}
          name="territoryCode"
          maxLength={9}
          value={draft.territoryCode}
          onInput={set('territoryCode')}
          hint={t('organisation.form.territoryCode.hint')}
          error={form.error('territoryCode')}
        />
      </Show>
      <TextInput
        label={t('organisation.form.themes')}
        name="themes"
        maxLength={800}
        value={draft.themes}
        onInput={set('themes')}
        hint={t('organisation.form.themes.hint')}
        error={form.error('themes')}
      />
      <TextInput
        label={t('organisation.form.website')}
        name="website"
        type="url"
        autocomplete="url"
        maxLength={300}
        value={draft.website}
        onInput={set('website')}
        hint={t('organisation.form.website.hint')}
        error={form.error('website')}
      />
      <TextInput
        label={t('organisation.form.presentation')}
        name="presentation"
        multiline
        rows={6}
        value={draft.presentation}
        onInput={set('presentation')}
        hint={t('organisation.form.presentation.hint')}
        error={form.error('presentation')}
      />
      <NativeField label={t('organisation.form.charter')} error={form.error('charterJoinedOn')}>
        {(control) => (
          <input
            id={control.id}
            name="charterJoinedOn"
            type="date"
            class="field__input"
            min="2000-01-01"
            max="2100-12-31"
            value={draft.charterJoinedOn}
            onChange={(event) => set('charterJoinedOn')(event.currentTarget.value)}
            aria-describedby={control.describedBy()}
            aria-invalid={control.invalid()}
          />
        )}
      </NativeField>
      <div class="actions">
        <SubmitButton label={props.submitLabel} busyLabel={props.busyLabel} busy={form.busy()} />
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button--secondary" onClick={() => cancel()()}>
              {t('common.cancel')}
            </button>
          )}
        </Show>
      </div>
    </form>
  );
}
