import { FLAG_REASONS, type FlagReason } from '@atelier/contract';
import { createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { Avatar } from '../../ui/avatar';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert } from '../../ui/feedback';
import { FormDialog } from '../../ui/form-dialog';
import { RadioField } from '../../ui/radio-field';
import { notify } from '../../ui/toaster';
import { RichComposer, type RichComposerHandle } from '../discussions/rich-composer';
import type { ConversationStore } from './conversation.store';
import type { ShownMessage } from './conversation-state';
import { t } from './messages.i18n';

/**
 * One message: its author and time, the sanitized body, and the actions — edit and delete for
 * its author (the discussions' composer), report for the others. A message whose author the
 * reader blocked comes collapsed.
 */
export function MessageItem(props: { message: ShownMessage; store: ConversationStore; me: string | null }) {
  const message = () => props.message;
  const mine = () => message().author.id === props.me;
  const [editing, setEditing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [reporting, setReporting] = createSignal(false);
  const [reason, setReason] = createSignal<FlagReason>('spam');
  const [shown, setShown] = createSignal(false);
  let editor: RichComposerHandle | undefined;
  let actions: HTMLButtonElement | undefined;

  const save = async () => {
    if (!editor || busy()) return;
    setBusy(true);
    setError(null);
    try {
      await props.store.edit(message().id, editor.html());
      setEditing(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await props.store.remove(message().id);
      setConfirming(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const report = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const note = (new FormData(form).get('note') as string | null) ?? '';
    setBusy(true);
    try {
      await props.store.report(message().id, reason(), note.trim() || undefined);
      setReporting(false);
      notify(t('conversation.reported'));
    } catch (failure) {
      notify(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      id={`message-${message().id}`}
      class="message"
      classList={{ 'message--mine': mine(), 'message--pending': !!message().pendingKey }}
    >
      <div class="message__head">
        <Avatar name={message().author.displayName} id={message().author.id} url={message().author.avatarUrl} />
        <span class="message__author">{mine() ? t('conversation.me') : message().author.displayName}</span>
        <Show when={!message().pendingKey}>
          <time class="message__time muted" datetime={message().createdAt}>
            {formatDateTime(message().createdAt, locale())}
          </time>
        </Show>
        <Show when={message().editedAt && !message().deletedAt}>
          <span class="muted"> {t('conversation.edited')}</span>
        </Show>
      </div>
      <Show when={!message().deletedAt} fallback={<p class="message__deleted muted">{t('conversation.deleted')}</p>}>
        <Show
          when={!message().authorBlocked || shown()}
          fallback={
            <p class="muted">
              {t('conversation.blocked')}{' '}
              <button type="button" class="button button--link" onClick={() => setShown(true)}>
                {t('conversation.show')}
              </button>
            </p>
          }
        >
          <Show
            when={editing()}
            fallback={<div class="message__body" lang={contentLang()} innerHTML={message().body} />}
          >
            <RichComposer
              label={t('conversation.editLabel')}
              initial={message().body}
              onSubmit={() => void save()}
              ref={(handle) => {
                editor = handle;
              }}
            />
          </Show>
        </Show>
      </Show>
      <ErrorAlert message={error()} />
      <Show when={message().pendingKey}>
        <p class="message__status" role="status">
          <Show when={message().failed} fallback={<span class="muted">{t('conversation.sending')}</span>}>
            <span>{t('conversation.failed')}</span>{' '}
            <button
              type="button"
              class="button button--link"
              onClick={() => void props.store.send(message().pendingKey ?? '', message().body).catch(() => undefined)}
            >
              {t('conversation.retry')}
            </button>{' '}
            <button
              type="button"
              class="button button--link"
              onClick={() => props.store.discard(message().pendingKey ?? '')}
            >
              {t('conversation.discard')}
            </button>
          </Show>
        </p>
      </Show>
      <Show when={!message().pendingKey && !message().deletedAt}>
        <div class="message__actions">
          <Show
            when={mine()}
            fallback={
              <button ref={actions} type="button" class="button button--link" onClick={() => setReporting(true)}>
                {t('conversation.report')}
              </button>
            }
          >
            <Show
              when={editing()}
              fallback={
                <>
                  <button type="button" class="button button--link" onClick={() => setEditing(true)}>
                    {t('conversation.edit')}
                  </button>
                  <button ref={actions} type="button" class="button button--link" onClick={() => setConfirming(true)}>
                    {t('conversation.delete')}
                  </button>
                </>
              }
            >
              <button type="button" class="button button--primary" onClick={() => void save()}>
                {t('conversation.save')}
              </button>
              <button type="button" class="button button--secondary" onClick={() => setEditing(false)}>
                {t('conversation.cancel')}
              </button>
            </Show>
          </Show>
        </div>
      </Show>
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t('conversation.delete')}
        description={t('conversation.deleteConfirm')}
        confirmLabel={t('conversation.delete')}
        busyLabel={t('conversation.sending')}
        busy={busy()}
        onConfirm={() => void remove()}
      />
      <FormDialog
        open={reporting()}
        onOpenChange={setReporting}
        focusAfterClose={() => actions}
        title={t('conversation.reportTitle')}
        description={t('conversation.reportHint')}
        onSubmit={(event) => void report(event)}
        submitLabel={t('conversation.reportSend')}
        busyLabel={t('conversation.sending')}
        busy={busy()}
        onCancel={() => setReporting(false)}
      >
        <RadioField
          label={t('conversation.reportReason')}
          name="reason"
          value={reason()}
          onChange={(value) => setReason(value as FlagReason)}
          options={FLAG_REASONS.map((value) => ({ value, label: t(`reason.${value}`) }))}
        />
        <label class="field">
          <span class="field__label">{t('conversation.reportNote')}</span>
          <textarea name="note" class="field__input" rows="3" maxLength={1000} />
        </label>
      </FormDialog>
    </li>
  );
}
