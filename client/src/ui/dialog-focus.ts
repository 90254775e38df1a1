/**
 * For a Kobalte dialog's `onCloseAutoFocus`: focus goes to `target` instead of where Kobalte
 * would put it, as long as `target` is still on the page (otherwise Kobalte's choice stands).
 */
export function focusInstead(event: Event, target: HTMLElement | null | undefined): void {
  if (!target?.isConnected) return;
  event.preventDefault();
  target.focus();
}
