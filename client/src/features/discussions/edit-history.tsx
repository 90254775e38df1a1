// The parts, not the `Dialog` object: Kobalte's AlertDialog (ConfirmDialog) reassigns that
// object's `Content` to its own, which would make this an alertdialog.
import type { PostRevision } from '@atelier/contract';
import * as Dialog from '@kobalte/core/dialog';
import { createResource, createSignal, For, Match, Switch } from 'solid-js';
import { errorText } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { contentLang, locale } from '../../lib/i18n';
import { focusInstead } from '../../ui/dialog-focus';
import { ErrorAlert } from '../../ui/feedback';
import { t } from './discussions.i18n';
import '../../ui/dialog.css';

/**
 * "modifié" next to an edited post's date, as a button opening a modal Kobalte Dialog with the
 * earlier versions (newest first). The trigger announces its dialog (aria-haspopup, expanded)
 * and gets focus back on close; Escape closes.
 */
export function EditHistory(props: {
  postId: string;
  editedAt: string;
  author: string;
  revisions: (postId: string) => Promise<PostRevision[]>;
}) {
  const [open, setOpen] = createSignal(false);
  // Read again each time the dialog opens after a new edit.
  const [revisions] = createResource(
    () => (open() ? `${props.postId} ${props.editedAt}` : false),
    () => props.revisions(props.postId),
  );
  let close: HTMLButtonElement | undefined;
  let trigger: HTMLButtonElement | undefined;
  return (
    <Dialog.Root open={open()} onOpenChange={setOpen}>
      <Dialog.Trigger ref={trigger} class="button button--link post__edited">
        {t('thread.edited')}
        <span class="visually-hidden">{t('thread.history.open')}</span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content
            class="dialog dialog--wide"
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              close?.focus();
            }}
            // Back on "modifié", where the reader was.
            onCloseAutoFocus={(event) => focusInstead(event, trigger)}
          >
            <Dialog.Title class="dialog__title">{t('thread.history.title')}</Dialog.Title>
            <Dialog.Description class="muted">
              {t('thread.history.text', {
                name: props.author,
                date: formatDateTime(props.editedAt, locale()),
              })}
            </Dialog.Description>
            <Switch>
              <Match when={revisions.loading}>
                <p role="status">{t('common.loading')}</p>
              </Match>
              <Match when={revisions.error}>
                <ErrorAlert message={errorText(revisions.error)} />
              </Match>
              <Match when={revisions()?.length === 0}>
                <p>{t('thread.history.empty')}</p>
              </Match>
              <Match when={revisions()}>
                {(items) => (
                  <ol class="revisions">
                    <For each={items()}>
                      {(revision) => (
                        <li class="revision">
                          <h3 class="revision__date">
                            {t('thread.history.version', {
                              date: formatDateTime(revision.createdAt, locale()),
                            })}
                          </h3>
                          <p class="muted revision__replaced">
                            {t('thread.history.replaced', {
                              date: formatDateTime(revision.replacedAt, locale()),
                            })}
                          </p>
                          {/* The server's sanitized HTML, injected as post bodies are. */}
                          <div class="post__body revision__body" lang={contentLang()} innerHTML={revision.body} />
                        </li>
                      )}
                    </For>
                  </ol>
                )}
              </Match>
            </Switch>
            <div class="dialog__actions">
              {/* A plain button: Kobalte's CloseButton is named "Dismiss" whatever it shows. */}
              <button ref={close} type="button" class="button button--secondary" onClick={() => setOpen(false)}>
                {t('common.close')}
              </button>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
