import {
  type MealChoice,
  MealChoiceSchema,
  type RegistrationAnswers,
  type RegistrationQuestion,
  type RegistrationQuestionKey,
} from '@atelier/contract';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createForm } from '../../lib/form';
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

type AnswerField = `answers.${RegistrationQuestionKey}`;
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
 * (organisation, territory) as a start. Server refusals land on their question.
 */
export function AnswersForm(props: {
  questions: RegistrationQuestion[];
  submitLabel: string;
  onSubmit: (answers: RegistrationAnswers) => Promise<void>;
  onCancel: () => void;
}) {
  const user = session.user();
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
    return props.onSubmit(given as RegistrationAnswers);
  });
  const set = (key: RegistrationQuestionKey) => (value: string) => {
    form.clearError(`answers.${key}`);
    setAnswers(key, value);
  };

  return (
    <form class="form registration__answers" novalidate onSubmit={submit} aria-labelledby="answers-title">
      <h3 id="answers-title" class="registration__subheading">
        {t('registrationQuestions.heading')}
      </h3>
      <p class="muted">{t('registrationQuestions.privacy')}</p>
      <ErrorAlert message={form.formError()} />
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
