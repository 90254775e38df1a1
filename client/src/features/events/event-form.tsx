import { EventKindSchema, RegistrationQuestionKeySchema } from '@atelier/contract';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { RadioField } from '../../ui/radio-field';
import { type Option, SelectField } from '../../ui/select-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { DateTimeField } from './datetime-field';
import {
  BODY_FIELDS,
  checkDraft,
  type DraftProblem,
  type EventDraft,
  type EventField,
  type QuestionChoice,
  SERVER_ERROR_FIELDS,
} from './event-draft';
import { type RecurrenceChoice, recurrenceAnchor, timeZoneGroups } from './event-time';
import { t } from './events.i18n';
import { questionLabel } from './registration-questions';

const QUESTION_CHOICES: QuestionChoice[] = ['off', 'optional', 'required'];

const PROBLEM_MESSAGES = {
  titleMissing: 'eventForm.title.missing',
  startInvalid: 'eventForm.start.invalid',
  endInvalid: 'eventForm.end.invalid',
  endBeforeStart: 'eventForm.end.beforeStart',
  capacityInvalid: 'eventForm.capacity.invalid',
  videoUrlInvalid: 'eventForm.videoUrl.invalid',
  deadlineInvalid: 'eventForm.deadline.invalid',
  timezoneInvalid: 'eventForm.timezone.invalid',
} as const satisfies Record<DraftProblem, string>;

const RECURRENCES: RecurrenceChoice[] = ['none', 'weekly', 'monthlyWeekday', 'monthlyDay'];

/** Where the event belongs: fixed (from a space's tab) or chosen among the spaces one animates. */
export type SpaceChoice = { fixed: { id: string; name: string } } | { options: Option[] };

/**
 * The event form, for creating (kind, recurrence and space too) and for editing one event (a
 * change to an occurrence of a series moves that occurrence alone). Server refusals land on
 * their field: dates, time zone, capacity below the seats already taken.
 */
export function EventForm(props: {
  initial: EventDraft;
  creating: boolean;
  /** Editing: the event may ask registration questions (neither a session nor an occurrence). */
  asksQuestions?: boolean;
  space: SpaceChoice;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (draft: EventDraft) => Promise<void>;
}) {
  const [draft, setDraft] = createStore<EventDraft>({ ...props.initial });
  const form = createForm<EventField>({
    onError: (error) => {
      const field = SERVER_ERROR_FIELDS[error.code as keyof typeof SERVER_ERROR_FIELDS];
      if (field) return { fields: { [field]: t(`error.${error.code}` as 'error.event_invalid_dates') } };
      if (error.code !== 'invalid_input') return undefined;
      const fields: Partial<Record<EventField, string>> = {};
      for (const [path, messages] of Object.entries(error.details)) {
        const name = path.replace(/^body\./, '');
        const target = BODY_FIELDS[name] ?? (name in draft ? (name as EventField) : undefined);
        if (target) fields[target] = messages.join(' ');
      }
      return { fields, message: t('error.invalid_input') };
    },
  });
  const set =
    <K extends EventField>(key: K) =>
    (value: EventDraft[K]) => {
      form.clearError(key);
      setDraft(key, value);
    };
  const zones = timeZoneGroups(props.initial.timezone, (key) => t(`eventForm.zone.${key}`));
  const validate = () => {
    const problems = checkDraft(draft);
    return Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [field, t(PROBLEM_MESSAGES[problem as DraftProblem])]),
    ) as Partial<Record<EventField, string>>;
  };
  const submit = form.handleSubmit(validate, () => props.onSubmit({ ...draft }));

  const recurrenceLabel = (choice: RecurrenceChoice) => {
    const anchor = recurrenceAnchor(draft.start);
    if (choice === 'none' || !anchor) return t(`eventForm.recurrence.${choice}`);
    const weekday = t(`eventForm.weekday.${anchor.weekday}` as 'eventForm.weekday.0');
    const rank = t(`eventForm.rank.${anchor.rank}` as 'eventForm.rank.1');
    return t(`eventForm.recurrence.${choice}.anchored`, { weekday, rank, day: anchor.day });
  };

  return (
    <form class="form event-form" novalidate onSubmit={submit}>
      <p class="muted">{t('common.requiredNote')}</p>
      <ErrorAlert message={form.formError()} />
      <TextInput
        label={t('eventForm.title')}
        name="title"
        required
        maxLength={200}
        value={draft.title}
        onInput={set('title')}
        error={form.error('title')}
      />
      <Show when={props.creating}>
        <SelectField
          label={t('eventForm.kind')}
          name="kind"
          value={draft.kind}
          options={EventKindSchema.options.map((value) => ({ value, label: t(`events.kind.${value}`) }))}
          onChange={(value) => set('kind')(value as EventDraft['kind'])}
          error={form.error('kind')}
        />
      </Show>
      <Show
        when={'fixed' in props.space && props.space.fixed}
        fallback={
          <SelectField
            label={t('eventForm.space')}
            name="spaceId"
            value={draft.spaceId}
            options={'options' in props.space ? props.space.options : []}
            onChange={set('spaceId')}
            hint={t('eventForm.space.hint')}
            error={form.error('spaceId')}
          />
        }
      >
        {(space) => (
          <p class="event-form__space">
            <span class="field__label">{t('eventForm.space')}</span> <span>{space().name}</span>
          </p>
        )}
      </Show>
      <fieldset class="event-form__group">
        <legend>{t('eventForm.when')}</legend>
        <SelectField
          label={t('eventForm.timezone')}
          name="timezone"
          value={draft.timezone}
          options={[
            { label: t('eventForm.zones.common'), options: zones.common },
            { label: t('eventForm.zones.others'), options: zones.others },
          ]}
          onChange={set('timezone')}
          hint={t('eventForm.timezone.hint')}
          error={form.error('timezone')}
        />
        <DateTimeField
          label={t('eventForm.start')}
          name="start"
          required
          value={draft.start}
          onInput={set('start')}
          hint={t('eventForm.start.hint', { zone: draft.timezone })}
          error={form.error('start')}
        />
        <DateTimeField
          label={t('eventForm.end')}
          name="end"
          required
          value={draft.end}
          onInput={set('end')}
          error={form.error('end')}
        />
        <Show when={props.creating}>
          <SelectField
            label={t('eventForm.recurrence')}
            name="recurrence"
            value={draft.recurrence}
            options={RECURRENCES.map((value) => ({ value, label: recurrenceLabel(value) }))}
            onChange={(value) => set('recurrence')(value as RecurrenceChoice)}
            hint={t('eventForm.recurrence.hint')}
            error={form.error('recurrence')}
          />
        </Show>
      </fieldset>
      <RadioField
        label={t('eventForm.mode')}
        name="mode"
        value={draft.mode}
        options={[
          { value: 'visio', label: t('events.mode.visioLong') },
          { value: 'presentiel', label: t('events.mode.presentielLong') },
        ]}
        onChange={(value) => set('mode')(value as EventDraft['mode'])}
        error={form.error('mode')}
      />
      <Show when={draft.mode === 'presentiel'}>
        <TextInput
          label={t('eventForm.address')}
          name="address"
          multiline
          rows={3}
          maxLength={500}
          value={draft.address}
          onInput={set('address')}
          error={form.error('address')}
        />
        <TextInput
          label={t('eventForm.accessibilityNote')}
          name="accessibilityNote"
          multiline
          rows={3}
          maxLength={1000}
          value={draft.accessibilityNote}
          onInput={set('accessibilityNote')}
          hint={t('eventForm.accessibilityNote.hint')}
          error={form.error('accessibilityNote')}
        />
      </Show>
      <TextInput
        label={t('eventForm.videoUrl')}
        name="videoUrl"
        type="url"
        value={draft.videoUrl}
        onInput={set('videoUrl')}
        hint={t('eventForm.videoUrl.hint')}
        error={form.error('videoUrl')}
      />
      <TextInput
        label={t('eventForm.capacity')}
        name="capacity"
        inputMode="numeric"
        class="event-form__short"
        value={draft.capacity}
        onInput={set('capacity')}
        hint={t('eventForm.capacity.hint')}
        error={form.error('capacity')}
      />
      <DateTimeField
        label={t('eventForm.deadline')}
        name="deadline"
        value={draft.deadline}
        onInput={set('deadline')}
        hint={t('eventForm.deadline.hint')}
        error={form.error('deadline')}
      />
      <Show when={props.creating || props.asksQuestions}>
        <fieldset class="event-form__group">
          <legend>{t('eventForm.questions')}</legend>
          <Show when={draft.recurrence === 'none'} fallback={<p class="muted">{t('eventForm.questions.series')}</p>}>
            <p class="field__hint">{t('eventForm.questions.hint')}</p>
            <For each={RegistrationQuestionKeySchema.options}>
              {(key) => (
                <SelectField
                  label={questionLabel(key)}
                  name={`question-${key}`}
                  value={draft.questions[key]}
                  options={QUESTION_CHOICES.map((value) => ({ value, label: t(`eventForm.questions.${value}`) }))}
                  onChange={(value) => setDraft('questions', key, value as QuestionChoice)}
                />
              )}
            </For>
          </Show>
        </fieldset>
      </Show>
      <TextInput
        label={t('eventForm.summary')}
        name="summary"
        multiline
        rows={6}
        maxLength={5000}
        value={draft.summary}
        onInput={set('summary')}
        error={form.error('summary')}
      />
      <SubmitButton label={props.submitLabel} busyLabel={props.busyLabel} busy={form.busy()} />
    </form>
  );
}
