// The parts, not the `Dialog` object: Kobalte's AlertDialog reassigns that object's `Content`.
import * as Dialog from '@kobalte/core/dialog';
import type { JSX } from 'solid-js';
import { t } from '../lib/i18n';
import { SubmitButton } from './submit-button';
import './dialog.css';

/**
 * A modal Kobalte Dialog holding one form: title, description, the form's fields (children),
 * then its submit and cancel buttons. Once closed, focus goes to `focusAfterClose()` when it
 * names an element still in the page, else where Kobalte puts it.
 */
export function FormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  focusAfterClose: () => HTMLElement | null | undefined;
  title: string;
  description: JSX.Element;
  formClass?: string;
  onSubmit: (event: SubmitEvent) => void;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  onCancel: () => void;
  children: JSX.Element;
}) {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content
            class="dialog"
            onCloseAutoFocus={(event) => {
              const target = props.focusAfterClose();
              if (!target?.isConnected) return;
              event.preventDefault();
              target.focus();
            }}
          >
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <Dialog.Description class="dialog__description">{props.description}</Dialog.Description>
            <form class={props.formClass} novalidate onSubmit={props.onSubmit}>
              {props.children}
              <div class="dialog__actions">
                <SubmitButton label={props.submitLabel} busyLabel={props.busyLabel} busy={props.busy} />
                <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
                  {t('common.cancel')}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
