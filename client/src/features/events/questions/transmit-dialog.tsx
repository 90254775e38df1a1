import type { Question, SpaceSummary } from '@atelier/contract';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../../lib/api';
import { errorText } from '../../../lib/form';
import { ErrorAlert } from '../../../ui/feedback';
import { FormDialog } from '../../../ui/form-dialog';
import { SelectField } from '../../../ui/select-field';
import { t } from './questions.i18n';
import { spaceOptions } from './questions-state';

/**
 * « Transmettre à un chantier »: one modal Kobalte Dialog for the whole queue, opened by the
 * page for `question` (null: closed). It stays mounted while the question moves from the queue
 * to « Traitées », so focus is handed back where the page says (`focusAfterClose`).
 */
export function TransmitDialog(props: {
  question: Question | null;
  onClose: () => void;
  spaces: () => SpaceSummary[] | undefined;
  /** The spaces could not be read. */
  spacesError: string | null;
  onTransmit: (question: Question, space: SpaceSummary) => Promise<unknown>;
  focusAfterClose: () => HTMLElement | null | undefined;
}) {
  const [choice, setChoice] = createSignal('');
  const [fieldError, setFieldError] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  // The body stays readable while the dialog closes, even once the question is gone.
  const [shown, setShown] = createSignal<Question | null>(null);

  createEffect(
    on(
      () => props.question,
      (question) => {
        if (!question) return;
        setShown(question);
        setChoice('');
        setError(null);
        setFieldError(undefined);
      },
    ),
  );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const question = props.question;
    if (busy() || !question) return;
    const space = props.spaces()?.find((item) => item.id === choice());
    if (!space) {
      setFieldError(t('animation.transmit.required'));
      return;
    }
    setFieldError(undefined);
    setError(null);
    setBusy(true);
    try {
      await props.onTransmit(question, space);
      props.onClose();
    } catch (failure) {
      // The post goes out in the transmitter's name: a space they may not write in refuses it.
      setError(
        failure instanceof ApiError && failure.code === 'forbidden'
          ? t('animation.transmit.forbidden')
          : errorText(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={props.question !== null}
      onOpenChange={(next) => {
        if (!next) props.onClose();
      }}
      focusAfterClose={props.focusAfterClose}
      title={t('animation.transmit.title')}
      description={t('animation.transmit.text', { body: shown()?.body ?? '' })}
      onSubmit={submit}
      submitLabel={t('animation.transmit.confirm')}
      busyLabel={t('animation.busy')}
      busy={busy()}
      onCancel={() => props.onClose()}
    >
      <ErrorAlert message={error() ?? props.spacesError} />
      <Show
        when={props.spaces()}
        fallback={
          <Show when={!props.spacesError}>
            <p role="status">{t('animation.transmit.loading')}</p>
          </Show>
        }
      >
        {(spaces) => (
          <SelectField
            label={t('animation.transmit.space')}
            name="space"
            value={choice()}
            options={[{ value: '', label: t('animation.transmit.choose') }, ...spaceOptions(spaces())]}
            onChange={(value) => {
              setChoice(value);
              if (value) setFieldError(undefined);
            }}
            error={fieldError()}
            required
          />
        )}
      </Show>
    </FormDialog>
  );
}
