import { AlertDialog } from '@kobalte/core/alert-dialog';
import { type JSX, Show } from 'solid-js';
import { t } from '../lib/i18n';
import { ErrorAlert } from './feedback';
import './dialog.css';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What will happen, in one or two sentences. */
  description: JSX.Element;
  /** Extra fields (e.g. a successor to choose), between the description and the buttons. */
  children?: JSX.Element;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  /** A failure to show inside the dialog, announced as an alert. */
  error?: string | null;
  /** No way to go ahead (the dialog only explains why): "Annuler" alone remains. */
  hideConfirm?: boolean;
  /** Defaults to "Annuler"; say "Garder ma demande" when "Annuler" would be ambiguous. */
  cancelLabel?: string;
  onConfirm: () => void;
  /**
   * Where focus goes once the dialog has closed. By default it returns to what had focus when
   * it opened; after an action that button may be gone (left the space), so the page says.
   */
  focusAfterClose?: () => HTMLElement | null | undefined;
}

/**
 * A confirmation before an action that is hard to undo: a modal Kobalte AlertDialog (focus
 * kept inside, Escape cancels, the page behind hidden from assistive technologies). Focus
 * starts on "Annuler", the harmless choice.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  let cancel: HTMLButtonElement | undefined;
  // Opened by the page (controlled), not by a Kobalte trigger: remember what had focus so
  // that closing can return there, as a trigger would.
  let opener: HTMLElement | null = null;
  return (
    <AlertDialog open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <AlertDialog.Content
            class="dialog"
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
              cancel?.focus();
            }}
            onCloseAutoFocus={(event) => {
              const target = props.focusAfterClose?.() ?? (opener?.isConnected ? opener : null);
              if (!target) return;
              event.preventDefault();
              target.focus();
            }}
          >
            <AlertDialog.Title class="dialog__title">{props.title}</AlertDialog.Title>
            <AlertDialog.Description as="div" class="dialog__description">
              {props.description}
            </AlertDialog.Description>
            {props.children}
            <ErrorAlert message={props.error} />
            <div class="dialog__actions">
              <Show when={!props.hideConfirm}>
                <button
                  type="button"
                  class="button button--primary"
                  aria-disabled={props.busy || undefined}
                  aria-busy={props.busy || undefined}
                  onClick={() => {
                    if (!props.busy) props.onConfirm();
                  }}
                >
                  <Show when={props.busy} fallback={props.confirmLabel}>
                    <span class="spinner" aria-hidden="true" />
                    {props.busyLabel}
                  </Show>
                </button>
              </Show>
              {/* A plain button: Kobalte's CloseButton is named "Dismiss" whatever it shows. */}
              <button
                ref={cancel}
                type="button"
                class="button button--secondary"
                onClick={() => props.onOpenChange(false)}
              >
                {props.cancelLabel ?? t('common.cancel')}
              </button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog>
  );
}
