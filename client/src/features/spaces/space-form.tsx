import type { JoinPolicy, SpaceKind, Visibility } from '@atelier/contract';
import { Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import type { createForm } from '../../lib/form';
import { CheckboxField } from '../../ui/checkbox-field';
import { RadioField } from '../../ui/radio-field';
import { TextInput } from '../../ui/text-field';
import type { SpaceDraft } from './space-draft';
import { t } from './spaces.i18n';
import { SPACE_KINDS } from './spaces.store';

export type SpaceField = keyof SpaceDraft;
type Form = ReturnType<typeof createForm<SpaceField>>;

export const SPACE_FIELD_MESSAGES = {
  title: () => t('spaceForm.title.invalid'),
  slug: () => t('spaceForm.slug.invalid'),
};

/** Checks what the browser can check; the server has the last word (and its own messages). */
export function validateDraft(draft: SpaceDraft): Partial<Record<SpaceField, string>> {
  const title = draft.title.trim();
  return {
    title: title && title.length <= 160 ? undefined : t('spaceForm.title.invalid'),
    slug:
      !draft.slug.trim() || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(draft.slug.trim())
        ? undefined
        : t('spaceForm.slug.invalid'),
    summary: draft.summary.trim().length <= 500 ? undefined : t('spaceForm.summary.invalid'),
  };
}

const VISIBILITIES: Visibility[] = ['public', 'members', 'private'];
const POLICIES: JoinPolicy[] = ['open', 'request', 'invite'];

/**
 * The fields of a space, shared by the creation page (kind and address too) and the
 * animateur·ices' edit form.
 */
export function SpaceFields(props: {
  draft: SpaceDraft;
  setDraft: SetStoreFunction<SpaceDraft>;
  form: Form;
  creating: boolean;
  onChange?: () => void;
}) {
  const set =
    <K extends SpaceField>(key: K) =>
    (value: SpaceDraft[K]) => {
      props.onChange?.();
      props.setDraft(key, value);
    };
  return (
    <>
      <Show when={props.creating}>
        <RadioField
          label={t('spaceForm.kind')}
          name="kind"
          value={props.draft.kind}
          options={SPACE_KINDS.map((kind) => ({ value: kind, label: t(`space.kind.${kind}`) }))}
          onChange={(value) => set('kind')(value as SpaceKind)}
          error={props.form.error('kind')}
        />
      </Show>
      <TextInput
        label={t('spaceForm.title')}
        name="title"
        required
        maxLength={160}
        value={props.draft.title}
        onInput={set('title')}
        error={props.form.error('title')}
      />
      <Show when={props.creating}>
        <TextInput
          label={t('spaceForm.slug')}
          name="slug"
          value={props.draft.slug}
          onInput={set('slug')}
          hint={t('spaceForm.slug.hint')}
          error={props.form.error('slug')}
        />
      </Show>
      <TextInput
        label={t('spaceForm.summary')}
        name="summary"
        multiline
        rows={3}
        value={props.draft.summary}
        onInput={set('summary')}
        hint={t('spaceForm.summary.hint')}
        error={props.form.error('summary')}
      />
      <TextInput
        label={t('spaceForm.description')}
        name="description"
        multiline
        rows={8}
        value={props.draft.description}
        onInput={set('description')}
        hint={t('spaceForm.description.hint')}
        error={props.form.error('description')}
      />
      <TextInput
        label={t('spaceForm.goals')}
        name="goals"
        multiline
        rows={4}
        value={props.draft.goals}
        onInput={set('goals')}
        hint={t('spaceForm.goals.hint')}
        error={props.form.error('goals')}
      />
      <TextInput
        label={t('spaceForm.partners')}
        name="partners"
        multiline
        rows={3}
        value={props.draft.partners}
        onInput={set('partners')}
        hint={t('spaceForm.partners.hint')}
        error={props.form.error('partners')}
      />
      <TextInput
        label={t('spaceForm.period')}
        name="period"
        value={props.draft.period}
        onInput={set('period')}
        hint={t('spaceForm.period.hint')}
        error={props.form.error('period')}
      />
      <TextInput
        label={t('spaceForm.audience')}
        name="audience"
        multiline
        rows={2}
        value={props.draft.audience}
        onInput={set('audience')}
        hint={t('spaceForm.audience.hint')}
        error={props.form.error('audience')}
      />
      <RadioField
        label={t('spaceForm.visibility')}
        name="visibility"
        value={props.draft.visibility}
        options={VISIBILITIES.map((value) => ({ value, label: t(`spaces.visibility.${value}`) }))}
        onChange={(value) => set('visibility')(value as Visibility)}
        error={props.form.error('visibility')}
      />
      <RadioField
        label={t('spaceForm.joinPolicy')}
        name="joinPolicy"
        value={props.draft.joinPolicy}
        options={POLICIES.map((value) => ({ value, label: t(`spaces.joinPolicy.${value}`) }))}
        onChange={(value) => set('joinPolicy')(value as JoinPolicy)}
        error={props.form.error('joinPolicy')}
      />
      <Show when={props.draft.visibility === 'public'}>
        <CheckboxField
          label={t('spaceForm.guestRegistration')}
          name="guestRegistration"
          checked={props.draft.guestRegistration}
          onChange={set('guestRegistration')}
          hint={t('spaceForm.guestRegistration.hint')}
        />
      </Show>
    </>
  );
}
