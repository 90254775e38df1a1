import { FLAG_NOTE_MAX_CHARS, FLAG_REASONS, type FlagReason, type FlagTargetType } from '@atelier/contract';
import { createSignal } from 'solid-js';
import { errorText } from '../../lib/form';
import { ErrorAlert } from '../../ui/feedback';
import { FormDialog } from '../../ui/form-dialog';
import { RadioField } from '../../ui/radio-field';
import { TextInput } from '../../ui/text-field';
import { notify } from '../../ui/toaster';
import { moderationApi } from './moderation.api';
import { type MessageKey, t } from './moderation.i18n';

/**
 * « Signaler »: a modal dialog (Kobalte: focus kept inside, Escape closes, the page behind
 * hidden from assistive technologies) with the reasons as a radio group and an optional note.
 * « Signalement envoyé » is said only once the server stored it; then focus returns to what
 * opened the dialog (`focusAfterClose`).
 */
export function FlagDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  target: { type: FlagTargetType; id: string };
  focusAfterClose: () => HTMLElement | null | undefined;
}) {
  const [reason, setReason] = createSignal<FlagReason>('charter');
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const text = note().trim();
      await moderationApi.flag(props.target.type, props.target.id, {
        reason: reason(),
        ...(text ? { note: text } : {}),
      });
      props.onOpenChange(false);
      setNote('');
      notify(t('flag.sent'));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      focusAfterClose={props.focusAfterClose}
      title={t('flag.title')}
      description={t('flag.description')}
      onSubmit={(event) => void submit(event)}
      submitLabel={t('flag.submit')}
      busyLabel={t('flag.busy')}
      busy={busy()}
      onCancel={() => props.onOpenChange(false)}
    >
      <RadioField
        label={t('flag.reason')}
        name="reason"
        value={reason()}
        onChange={(value) => setReason(value as FlagReason)}
        options={FLAG_REASONS.map((value) => ({
          value,
          label: t(`flag.reason.${value}` as MessageKey),
          ...(value === 'charter' ? { description: t('flag.reason.charter.hint') } : {}),
        }))}
      />
      <TextInput
        label={t('flag.note')}
        name="note"
        value={note()}
        onInput={setNote}
        multiline
        rows={3}
        maxLength={FLAG_NOTE_MAX_CHARS}
        hint={t('flag.note.hint')}
      />
      <ErrorAlert message={error()} />
    </FormDialog>
  );
}
