import {
  type MealChoice,
  MealChoiceSchema,
  type RegistrationAnswers,
  type RegistrationQuestion,
  type RegistrationQuestionKey,
} from '@atelier/contract';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm, looksLikeEmail } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { RadioField } from '../../ui/radio-field';
import { SubmitButton } from '../../ui/submit-button';
import { TextInput } from '../../ui/text-field';
import { session } from '../accounts/session.store';
import { t } from './events.i18n';

/**
 * The questions organisers may ask at registration: the form a person fills in before taking
 * their seat, and their answers as the person and the organisers read them.
 */

type AnswerField = `answers.${RegistrationQuestionKey}` | 'displayName' | 'email';
/** Who registers without an account: a name and the address the confirmation link goes to. */
export interface GuestContact {
  displayName: string;
  email: string;
}
const MAX_CHARS: Record<Exclude<RegistrationQuestionKey, 'meal'>, number> = {
  organisation: 200,
  territory: 200,
  role: 200,
  accessibility: 1000,
};

export const questionLabel = (key: RegistrationQuestionKey) => t(`registrationQuestions.${key}`);
export const mealLabel = (choice: MealChoice) => t(`registrationQuestions.meal.${choice}`);
const answerText = (key: RegistrationQuestionKey, answers: RegistrationAnswers) =>
  key === 'meal' ? answers.meal && mealLabel(answers.meal) : answers[key];

/** What one answered, in the order of the questions (unanswered ones left out). */
export function AnswersSummary(props: { answers: RegistrationAnswers; class?: string }) {
  const keys = () =>
    (Object.keys(props.answers) as RegistrationQuestionKey[]).filter((key) => answerText(key, props.answers));
  return (
    <Show when={keys().length > 0}>
      <dl class={`answers ${props.class ?? ''}`}>
        <For each={keys()}>
          {(key) => (
            <div>
              <dt>{questionLabel(key)}</dt>
              <dd>{answerText(key, props.answers)}</dd>
            </div>
          )}
        </For>
      </dl>
    </Show>
  );
}

/**
 * The event's questions before registering, with what the profile already says of the person
 * (organisation, territory) as a start; for a guest, their name and address first. Server
 * refusals land on their field.
 */
export function AnswersForm(props: {
  questions: RegistrationQuestion[];
  submitLabel: string;
  /** Registering without an account: the name and address are asked too. */
  guest?: boolean;
  onSubmit: (answers: RegistrationAnswers, contact: GuestContact) => Promise<void>;
  onCancel: () => void;
}) {
  const user = session.user();
  const [contact, setContact] = createStore<GuestContact>({ displayName: '', email: '' });
  const [answers, setAnswers] = createStore<Record<RegistrationQuestionKey, string>>({
    organisation: user?.profile.organisationName ?? '',
    territory: user?.profile.territory ?? '',
    role: '',
    accessibility: '',
    meal: '',
  });
  const form = createForm<AnswerField>();
  const required = (key: RegistrationQuestionKey) =>
    props.questions.some((question) => question.key === key && question.required);
  const validate = () => {
    const problems: Partial<Record<AnswerField, string>> = {};
    if (props.guest && !contact.displayName.trim()) problems.displayName = t('guestForm.name.missing');
    if (props.guest && !looksLikeEmail(contact.email)) problems.email = t('guestForm.email.invalid');
    for (const question of props.questions) {
      if (question.required && !answers[question.key].trim()) {
        problems[`answers.${question.key}`] = t('registrationQuestions.missing');
      }
    }
    return problems;
  };
  const submit = form.handleSubmit(validate, () => {
    const given: Record<string, string> = {};
    for (const { key } of props.questions) if (answers[key].trim()) given[key] = answers[key].trim();
    return props.onSubmit(given as RegistrationAnswers, {
      displayName: contact.displayName.trim(),
      email: contact.email.trim(),
    });
  });
  const set = (key: RegistrationQuestionKey) => (value: string) => {
    form.clearError(`answers.${key}`);
    setAnswers(key, value);
  };

  return (
    <form class="form registration__answers" novalidate onSubmit={submit} aria-labelledby="answers-title">
      <h3 id="answers-title" class="registration__subheading">
        {t(props.guest ? 'guestForm.heading' : 'registrationQuestions.heading')}
      </h3>
      <p class="muted">{t(props.guest ? 'guestForm.intro' : 'registrationQuestions.privacy')}</p>
      <ErrorAlert message={form.formError()} />
      <Show when={props.guest}>
        <TextInput
          label={t('guestForm.name')}
          name="displayName"
          required
          autocomplete="name"
          maxLength={80}
          value={contact.displayName}
          onInput={(value) => {
            form.clearError('displayName');
            setContact('displayName', value);
          }}
          error={form.error('displayName')}
        />
        <TextInput
          label={t('guestForm.email')}
          name="email"
          type="email"
          required
          autocomplete="email"
          value={contact.email}
          onInput={(value) => {
            form.clearError('email');
            setContact('email', value);
          }}
          hint={t('guestForm.email.hint')}
          error={form.error('email')}
        />
      </Show>
      <For each={props.questions}>
        {(question) =>
          question.key === 'meal' ? (
            <RadioField
              label={question.required ? `${questionLabel('meal')} (${t('common.required')})` : questionLabel('meal')}
              name="meal"
              value={answers.meal}
              options={MealChoiceSchema.options.map((value) => ({ value, label: mealLabel(value) }))}
              onChange={set('meal')}
              error={form.error('answers.meal')}
            />
          ) : (
            <TextInput
              label={questionLabel(question.key)}
              name={question.key}
              required={required(question.key)}
              multiline={question.key === 'accessibility'}
              rows={3}
              maxLength={MAX_CHARS[question.key as keyof typeof MAX_CHARS]}
              value={answers[question.key]}
              onInput={set(question.key)}
              hint={question.key === 'accessibility' ? t('registrationQuestions.accessibility.hint') : undefined}
              error={form.error(`answers.${question.key}`)}
            />
          )
        }
      </For>
      <div class="actions">
        <SubmitButton label={props.submitLabel} busyLabel={t('registrationQuestions.busy')} busy={form.busy()} />
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {t('registrationQuestions.cancel')}
        </button>
      </div>
    </form>
  );
}
