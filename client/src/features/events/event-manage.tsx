import type { Event } from '@atelier/contract';
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextInput } from '../../ui/text-field';
import type { EventStore } from './event.store';
import { t } from './events.i18n';

/** For those who manage the event: edit it, or cancel this occurrence with a reason sent to the people registered. */
export function EventManage(props: { event: Event; store: EventStore }) {
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let heading: HTMLHeadingElement | undefined;

  const cancel = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await props.store.cancel(reason().trim());
      setOpen(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card event-manage" aria-labelledby="event-manage-title">
      <h2 id="event-manage-title" ref={heading} tabindex="-1">
        {t('events.manage.heading')}
      </h2>
      <Show when={!props.event.cancelledAt} fallback={<p>{t('events.manage.cancelledNote')}</p>}>
        <p class="actions">
          <A href={`/evenements/${encodeURIComponent(props.event.id)}/modifier`} class="button button--secondary">
            {t('events.manage.edit')}
          </A>
          <button type="button" class="button button--secondary" onClick={() => setOpen(true)}>
            {t(props.event.seriesId ? 'events.manage.cancelOccurrence' : 'events.manage.cancel')}
          </button>
        </p>
        <Show when={props.event.seriesId}>
          <p class="muted">{t('events.manage.seriesNote')}</p>
        </Show>
      </Show>
      <ConfirmDialog
        open={open()}
        onOpenChange={(value) => {
          setOpen(value);
          if (!value) setError(null);
        }}
        title={t('events.cancel.title')}
        description={<p>{t('events.cancel.text', { title: props.event.title })}</p>}
        confirmLabel={t('events.cancel.confirm')}
        busyLabel={t('events.cancel.busy')}
        cancelLabel={t('events.cancel.keep')}
        busy={busy()}
        error={error()}
        onConfirm={() => void cancel()}
        focusAfterClose={() => heading}
      >
        <TextInput
          label={t('events.cancel.reason')}
          name="reason"
          multiline
          rows={3}
          maxLength={1000}
          value={reason()}
          onInput={setReason}
          hint={t('events.cancel.reasonHint')}
        />
      </ConfirmDialog>
    </section>
  );
}
