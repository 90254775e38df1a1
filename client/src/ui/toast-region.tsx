import { Toast, toaster } from '@kobalte/core/toast';
import { t } from '../lib/i18n';
import './feedback.css';

/** Shows one toast; the region below must be mounted (the layout mounts it at the first toast). */
export function showToast(message: string) {
  toaster.show((props) => (
    // A div, not Kobalte's default li: each toast has role="status", which an <ol> may not contain.
    <Toast as="div" toastId={props.toastId} class="toast">
      <Toast.Description class="toast__text">{message}</Toast.Description>
      <Toast.CloseButton class="toast__close" aria-label={t('common.close')}>
        <span aria-hidden="true">×</span>
      </Toast.CloseButton>
    </Toast>
  ));
}

/** One region for all toasts; they pause while hovered or focused. */
export function ToastRegion() {
  return (
    <Toast.Region duration={8000} aria-label={t('app.name')}>
      <Toast.List as="div" class="toast-list" />
    </Toast.Region>
  );
}
