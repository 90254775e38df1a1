import { createSignal } from 'solid-js';

/**
 * Toasts follow an action taken on some page, never the first paint: Kobalte's toast (with its
 * locale and presence machinery) is fetched at the first message, not with the first page.
 * Each toast is its own polite live region, so nothing needs to be listening beforehand.
 */
const [toastsWanted, setToastsWanted] = createSignal(false);

/** Whether a toast was asked for: the layout then mounts the region (`toast-region.tsx`). */
export { toastsWanted };

/** A short message that outlives a navigation (sign-out, password changed…). */
export function notify(message: string) {
  setToastsWanted(true);
  import('./toast-region')
    .then((module) => module.showToast(message))
    .catch((error: unknown) => console.warn('Could not show the message', message, error));
}
