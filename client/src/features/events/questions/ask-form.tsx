import { QUESTION_BODY_MAX_CHARS, QuestionCreateBodySchema } from '@atelier/contract';
import { TextField } from '@kobalte/core/text-field';
import { createSignal } from 'solid-js';
import { ErrorAlert, StatusMessage } from '../../../ui/feedback';
import { SubmitButton } from '../../../ui/submit-button';
import { questionErrorText } from './question-errors';
import { t } from './questions.i18n';
import { oneLine } from './questions-state';
import '../../../ui/fields.css';

/** The form to ask a question: a textarea with its count against QUESTION_BODY_MAX_CHARS. */
export function AskForm(props: { onAsk: (body: string) => Promise<unknown> }) {
  const [body, setBody] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [fieldError, setFieldError] = createSignal<string | undefined>();
  const [sent, setSent] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let input: HTMLTextAreaElement | undefined;
  const length = () => oneLine(body()).length;
  const max = QUESTION_BODY_MAX_CHARS;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setError(null);
    setSent(null);
    const parsed = QuestionCreateBodySchema.safeParse({ body: oneLine(body()) });
    if (!parsed.success) {
      setFieldError(length() === 0 ? t('questions.ask.empty') : t('questions.ask.tooLong', { max }));
      input?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      await props.onAsk(parsed.data.body);
      setBody('');
      setSent(t('questions.ask.sent'));
    } catch (failure) {
      setError(questionErrorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="ask-form" aria-labelledby="ask-heading" novalidate onSubmit={submit}>
      <h3 id="ask-heading">{t('questions.ask.heading')}</h3>
      <ErrorAlert message={error()} />
      <TextField
        class="field"
        name="body"
        value={body()}
        onChange={(value) => {
          setBody(value);
          setSent(null);
          if (fieldError() && oneLine(value).length > 0 && oneLine(value).length <= max) setFieldError(undefined);
        }}
        validationState={fieldError() ? 'invalid' : 'valid'}
      >
        <TextField.Label class="field__label">{t('questions.ask.label')}</TextField.Label>
        <TextField.Description class="field__hint">
          {t('questions.ask.hint')}{' '}
          <span classList={{ 'ask-form__count': true, 'ask-form__count--over': length() > max }}>
            {t('questions.ask.count', { count: length(), max })}
          </span>
        </TextField.Description>
        <TextField.TextArea ref={input} class="field__input field__input--multiline" rows={3} />
        <TextField.ErrorMessage class="field__error">{fieldError()}</TextField.ErrorMessage>
      </TextField>
      <StatusMessage message={sent()} />
      <p class="actions">
        <SubmitButton label={t('questions.ask.submit')} busyLabel={t('questions.ask.busy')} busy={busy()} />
      </p>
    </form>
  );
}
